import { randomInt } from 'node:crypto';
import { Types } from 'mongoose';
import { createOnce } from '../../core/idempotency';
import {
  HOTLINE_STATUS_LABELS,
  type HotlinePhotoLinksResponse,
  type HotlineRateRequest,
  type HotlineSubmitRequest,
  type HotlineSubmitResponse,
  type HotlineTicketDetail,
  type HotlineTicketPage,
} from '@zwgk/contracts';
import { conflict, notFound, validationError } from '../../core/errors';
import type { AuthUser } from '../../core/http';
import { authModels, userAad } from '../auth/model';
import type { HotlineService } from './context';
import { chinaDate, toChinaIso } from './deadline';
import { ticketAad, type TicketDoc } from './model';
import { PHOTO_ATTACHABLE_MS } from './photo-limits';
import { signPhotoUrl } from './photos';
import { mergeCaseUpdate, SUBMITTED_NOTE, updateFromCaseTicket, type HotlineCtx } from './sync';
import { toDetail, toSummary, VIEW_URL_TTL_S } from './views';

const TRACKING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh tracking number: `RX-<China date>-<6 random characters>`, issued before the case system is asked. */
export function newTrackingNo(now: Date): string {
  let tail = '';
  for (let i = 0; i < 6; i++) tail += TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)];
  return `RX-${chinaDate(now).replaceAll('-', '')}-${tail}`;
}

function toSubmitResponse(doc: TicketDoc, replayed: boolean): HotlineSubmitResponse {
  return {
    trackingNo: doc.trackingNo,
    status: doc.status,
    statusLabel: HOTLINE_STATUS_LABELS[doc.status],
    submittedAt: toChinaIso(doc.submittedAt),
    replayed,
  };
}

/**
 * Stores a citizen's submission (the outbox item) and answers at once; the forwarder takes it
 * to the case system in the background. The same Idempotency-Key from the same citizen returns
 * the first submission (`replayed: true`) and stores nothing new (the upsert on the key decides,
 * so a valid body with edits still gets the original). One write on the hot path.
 * Errors: 400 `photoIds` (not the caller's or not uploaded), 400 `contactPhone` (contact
 * allowed but no phone given or bound).
 */
export async function submitTicket(
  ctx: HotlineService,
  user: AuthUser,
  idempotencyKey: string,
  body: HotlineSubmitRequest,
): Promise<{ response: HotlineSubmitResponse; created: boolean }> {
  const userId = new Types.ObjectId(user.id);

  const photoIds = body.photoIds.map((id) => new Types.ObjectId(id));
  let photoMimes: string[] = [];
  if (photoIds.length) {
    const owned = await ctx.models.Photo.find({ _id: { $in: photoIds }, ownerId: userId }, { mime: 1, createdAt: 1 }).lean();
    // A photo close to the sweep's age (it deletes unattached ones after 24 h) is refused, so
    // the sweep never takes one that is being attached right now; a replay of a stored
    // submission is fine (its photos are attached and kept).
    const attachableSince = ctx.now().getTime() - PHOTO_ATTACHABLE_MS;
    const aging = owned.some((p) => new Date(p.createdAt).getTime() < attachableSince);
    const expired = aging && !(await ctx.models.Ticket.exists({ userId, idempotencyKey }));
    if (owned.length !== photoIds.length || expired) throw validationError([{ field: 'photoIds', message: '有图片不存在或已失效，请重新上传' }]);
    const mimeOf = new Map(owned.map((p) => [String(p._id), p.mime]));
    photoMimes = photoIds.map((id) => mimeOf.get(String(id))!);
  }

  let phone = body.contactPhone ?? null;
  // The bound phone is the default only when the citizen lets the department call back.
  if (!phone && body.contactAllowed) {
    const u = await authModels(ctx.mongo).User.findById(userId, { phoneEnc: 1 }).lean();
    if (u?.phoneEnc) phone = ctx.cipher.decrypt(u.phoneEnc, userAad('phoneEnc', userId));
  }
  if (body.contactAllowed && !phone) {
    throw validationError([{ field: 'contactPhone', message: '您同意工作人员联系，请填写联系电话（或先绑定手机号）' }]);
  }

  const now = ctx.now();
  const fresh = (id: Types.ObjectId) => {
    // Each sealed field is bound to this ticket and field (a copy elsewhere does not open).
    const seal = (field: Parameters<typeof ticketAad>[0], plain: string) => ctx.cipher.encrypt(plain, ticketAad(field, id));
    return {
    trackingNo: newTrackingNo(now),
    type: body.type,
    title: body.title,
    // The account and the place can say a lot about a person: sealed at rest like name and phone.
    description: '',
    descriptionEnc: seal('descriptionEnc', body.description),
    location: null,
    locationEnc: body.location ? seal('locationEnc', JSON.stringify({ address: body.location.address, lat: body.location.lat ?? null, lng: body.location.lng ?? null })) : null,
    photoIds,
    photoMimes,
    contactPhoneEnc: phone ? seal('contactPhoneEnc', phone) : null,
    contactNameEnc: body.contactName ? seal('contactNameEnc', body.contactName) : null,
    contactAllowed: body.contactAllowed,
    anonymous: body.anonymous,
    submittedAt: now,
    forward: { state: 'pending', attempts: 0, nextAttemptAt: now, leaseId: null, lastError: null, deliveredAt: null },
    caseTicketNo: null,
    status: 'submitted',
    department: null,
    timeline: [{ pos: 0, status: 'submitted', at: now, department: null, note: SUBMITTED_NOTE }],
    acceptedAt: null,
    firstClosedAt: null,
    dueAt: null,
    rating: null,
    rev: 0,
    };
  };
  // Keyed on the citizen's Idempotency-Key; a taken random tracking number is drawn again.
  const { doc, created } = await createOnce<TicketDoc>(
    ctx.models.Ticket,
    { userId, idempotencyKey },
    (attempt, id) => (attempt === 0 ? fresh(id) : { ...fresh(id), trackingNo: newTrackingNo(now) }),
    now,
  );
  if (created) ctx.kickForwarder();
  return { response: toSubmitResponse(doc, !created), created };
}

async function ownTicket(ctx: HotlineCtx, user: AuthUser, trackingNo: string): Promise<TicketDoc> {
  const doc = await ctx.models.Ticket.findOne({ trackingNo, userId: new Types.ObjectId(user.id) }).lean<TicketDoc>();
  // Someone else's ticket answers exactly like a missing one.
  if (!doc) throw notFound('没有找到该诉求');
  return doc;
}

/** One of the caller's tickets with its timeline and deadline. Errors: 404 when missing or someone else's. */
export async function getMyTicket(ctx: HotlineCtx, user: AuthUser, trackingNo: string): Promise<HotlineTicketDetail> {
  return toDetail(ctx, await ownTicket(ctx, user, trackingNo), ctx.now());
}

/** 我的诉求: the caller's tickets, newest first, paged. Errors: none of its own. */
export async function listMyTickets(ctx: HotlineCtx, user: AuthUser, page: number, pageSize: number): Promise<HotlineTicketPage> {
  const filter = { userId: new Types.ObjectId(user.id) };
  const [docs, total] = await Promise.all([
    ctx.models.Ticket.find(filter).sort({ submittedAt: -1 }).skip((page - 1) * pageSize).limit(pageSize).lean<TicketDoc[]>(),
    ctx.models.Ticket.countDocuments(filter),
  ]);
  const now = ctx.now();
  return { items: docs.map((d) => toSummary(d, now)), page, pageSize, total };
}

/**
 * Rates a closed ticket (once per 办结); 不满意 with `reopen` asks the case system for 重办.
 * Errors: 404 not the caller's; 409 not closed yet (or still being forwarded) or already rated;
 * 503 when the case system cannot be reached (nothing is recorded then).
 */
export async function rateTicket(ctx: HotlineCtx, user: AuthUser, trackingNo: string, body: HotlineRateRequest): Promise<HotlineTicketDetail> {
  let doc = await ownTicket(ctx, user, trackingNo);
  if (!doc.caseTicketNo) throw conflict('诉求还在转交中，办结后才能评价');
  if (doc.status !== 'closed') {
    // Our copy may lag behind a lost status event: ask the case system before refusing.
    const fresh = await ctx.upstreams.caseSystem.getTicket(doc.caseTicketNo).catch(() => null);
    if (fresh) {
      await mergeCaseUpdate(ctx, { _id: doc._id }, updateFromCaseTicket(fresh));
      doc = await ownTicket(ctx, user, trackingNo);
    }
  }
  if (doc.status === 'visited') throw conflict('该诉求已经评价过了，不能重复评价');
  if (doc.status !== 'closed') throw conflict('诉求办结后才能评价');

  const ticket = await ctx.upstreams.caseSystem.rateTicket(doc.caseTicketNo!, {
    rating: body.rating,
    ...(body.comment ? { comment: body.comment } : {}),
    ...(body.reopen ? { reopen: true } : {}),
  });
  await mergeCaseUpdate(ctx, { _id: doc._id }, updateFromCaseTicket(ticket));
  const ratedAt = ticket.rating?.ratedAt ? new Date(ticket.rating.ratedAt) : ctx.now();
  await ctx.models.Ticket.updateOne(
    { _id: doc._id },
    { $set: { rating: { rating: body.rating, comment: body.comment ?? null, ratedAt, reopenRequested: body.reopen } }, $inc: { rev: 1 } },
  );
  return toDetail(ctx, await ownTicket(ctx, user, trackingNo), ctx.now());
}

/**
 * Fresh preview links for the caller's own photos (a draft restored on the device keeps only
 * ids). Photos that are gone, someone else's, or too close to the unattached-photo sweep are
 * left out, so the app can tell the citizen to upload them again.
 * Errors: none of its own (a missing photo is an outcome, not an error).
 */
export async function linkMyPhotos(ctx: HotlineCtx, user: AuthUser, ids: string[]): Promise<HotlinePhotoLinksResponse> {
  const since = new Date(ctx.now().getTime() - PHOTO_ATTACHABLE_MS);
  const found = await ctx.models.Photo.find(
    { _id: { $in: ids.map((id) => new Types.ObjectId(id)) }, ownerId: new Types.ObjectId(user.id), createdAt: { $gte: since } },
    { mime: 1 },
  ).lean();
  const mimeOf = new Map(found.map((p) => [String(p._id), p.mime]));
  const now = ctx.now();
  return {
    photos: ids
      .filter((id) => mimeOf.has(id))
      .map((id) => ({ id, mime: mimeOf.get(id)!, url: signPhotoUrl(ctx.cipher, id, VIEW_URL_TTL_S, now) })),
  };
}
