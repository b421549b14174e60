import { randomInt } from 'node:crypto';
import { Types } from 'mongoose';
import {
  HOTLINE_FORWARD_FAILED_LABEL,
  HOTLINE_FORWARD_FAILED_NOTE,
  HOTLINE_RATING_LABELS,
  HOTLINE_STATUS_LABELS,
  HOTLINE_TYPE_LABELS,
  type HotlineMetrics,
  type HotlinePhotoLinksResponse,
  type HotlineRateRequest,
  type HotlineStaffQuery,
  type HotlineStaffTicketDetail,
  type HotlineStaffTicketSummary,
  type HotlineStatsQuery,
  type HotlineStatsResponse,
  type HotlineStatus,
  type HotlineSubmitRequest,
  type HotlineSubmitResponse,
  type HotlineTicketDetail,
  type HotlineTicketPage,
  type HotlineTicketSummary,
  type HotlineTypeMetrics,
} from '@zwgk/contracts';
import { cacheKeys, type CacheHit } from '../../core/cache';
import { maskPhone } from '../../core/crypto';
import { conflict, notFound, validationError } from '../../core/errors';
import type { AuthUser } from '../../core/http';
import type { AppContext } from '../../deps';
import type { CaseStats, CaseTypeStats } from '../../upstream/case/types';
import { authModels } from '../auth/model';
import { chinaDate, computeDeadline, toChinaIso } from './deadline';
import type { TicketDoc } from './model';
import { PHOTO_ATTACHABLE_MS } from './photo-limits';
import { signPhotoUrl } from './photos';
import { mergeCaseUpdate, SUBMITTED_NOTE, updateFromCaseTicket, type HotlineCtx } from './sync';

/** The hotline context plus a way to wake the outbox forwarder. */
export type HotlineService = HotlineCtx & { kickForwarder(): void };

/** Photo links in responses to the app live this long (an <Image src> cannot send a token). */
const VIEW_URL_TTL_S = 3600;
const TRACKING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh tracking number: `RX-<China date>-<6 random characters>`, issued before the case system is asked. */
export function newTrackingNo(now: Date): string {
  let tail = '';
  for (let i = 0; i < 6; i++) tail += TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)];
  return `RX-${chinaDate(now).replaceAll('-', '')}-${tail}`;
}

function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number })?.code === 11000;
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
    if (u?.phoneEnc) phone = ctx.cipher.decrypt(u.phoneEnc);
  }
  if (body.contactAllowed && !phone) {
    throw validationError([{ field: 'contactPhone', message: '您同意工作人员联系，请填写联系电话（或先绑定手机号）' }]);
  }

  const now = ctx.now();
  const fresh = {
    trackingNo: newTrackingNo(now),
    type: body.type,
    title: body.title,
    description: body.description,
    location: body.location ? { address: body.location.address, lat: body.location.lat ?? null, lng: body.location.lng ?? null } : null,
    photoIds,
    photoMimes,
    contactPhoneEnc: phone ? ctx.cipher.encrypt(phone) : null,
    contactNameEnc: body.contactName ? ctx.cipher.encrypt(body.contactName) : null,
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
  let doc: TicketDoc | null = null;
  for (let attempt = 0; attempt < 3 && !doc; attempt++) {
    if (attempt > 0) fresh.trackingNo = newTrackingNo(now);
    try {
      // Upsert on the natural key: of two racing requests with one key, one inserts and both read it.
      // The driver directly: this is the one write on the acknowledgement path, and mongoose's
      // casting of the whole insert costs more than the write itself. `fresh` is already typed.
      doc = (await ctx.models.Ticket.collection.findOneAndUpdate(
        { userId, idempotencyKey },
        { $setOnInsert: { ...fresh, createdAt: now, updatedAt: now } },
        { upsert: true, returnDocument: 'after' },
      )) as unknown as TicketDoc | null;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // Either the racing request with this key won (read its ticket), or, on a real MongoDB's
      // unique index, the random tracking number was taken (try another one).
      doc = await ctx.models.Ticket.findOne({ userId, idempotencyKey }).lean<TicketDoc>();
    }
  }
  if (!doc) throw new Error('submission upsert returned nothing');
  const created = doc.trackingNo === fresh.trackingNo;
  if (created) ctx.kickForwarder();
  return { response: toSubmitResponse(doc, !created), created };
}

function isFinished(status: HotlineStatus): boolean {
  return status === 'closed' || status === 'visited';
}

function deadlineOf(doc: TicketDoc, now: Date) {
  if (!doc.acceptedAt) return null;
  return computeDeadline(doc.type, new Date(doc.acceptedAt), now, isFinished(doc.status) && doc.firstClosedAt ? new Date(doc.firstClosedAt) : null);
}

function decryptOrNull(ctx: HotlineCtx, sealed: string | null): string | null {
  if (!sealed) return null;
  try {
    return ctx.cipher.decrypt(sealed);
  } catch (err) {
    ctx.logger.error({ err: (err as Error).message }, 'cannot decrypt a hotline contact field');
    return null;
  }
}

function toSummary(doc: TicketDoc, now: Date): HotlineTicketSummary {
  const forwardFailed = doc.forward?.state === 'failed';
  return {
    trackingNo: doc.trackingNo,
    type: doc.type,
    typeLabel: HOTLINE_TYPE_LABELS[doc.type],
    title: doc.title,
    status: doc.status,
    statusLabel: HOTLINE_STATUS_LABELS[doc.status],
    department: doc.department,
    submittedAt: toChinaIso(doc.submittedAt),
    updatedAt: toChinaIso(doc.updatedAt ?? doc.submittedAt),
    deadline: deadlineOf(doc, now),
    canRate: doc.status === 'closed' && !!doc.caseTicketNo,
    forwardFailed,
    ...(forwardFailed ? { statusLabel: HOTLINE_FORWARD_FAILED_LABEL } : {}),
  };
}

function toDetail(ctx: HotlineCtx, doc: TicketDoc, now: Date): HotlineTicketDetail {
  const phone = decryptOrNull(ctx, doc.contactPhoneEnc);
  const summary = toSummary(doc, now);
  return {
    ...summary,
    description: doc.description,
    location: doc.location ? { address: doc.location.address, lat: doc.location.lat ?? null, lng: doc.location.lng ?? null } : null,
    photos: doc.photoIds.map((id, i) => ({ id: String(id), mime: doc.photoMimes?.[i] ?? 'image/jpeg', url: signPhotoUrl(ctx.cipher, String(id), VIEW_URL_TTL_S, now) })),
    contactPhoneMasked: phone ? maskPhone(phone) : null,
    contactAllowed: doc.contactAllowed,
    anonymous: doc.anonymous,
    caseTicketNo: doc.caseTicketNo,
    timeline: [
      ...doc.timeline.map((e) => ({
        status: e.status,
        statusLabel: HOTLINE_STATUS_LABELS[e.status],
        at: toChinaIso(e.at),
        department: e.department ?? null,
        note: e.note,
      })),
      // Shown, not stored: a re-queue takes it away again without touching the case timeline.
      ...(summary.forwardFailed
        ? [{ status: doc.status, statusLabel: HOTLINE_FORWARD_FAILED_LABEL, at: toChinaIso(doc.forward.failedAt ?? doc.updatedAt ?? now), department: null, note: HOTLINE_FORWARD_FAILED_NOTE }]
        : []),
    ],
    rating: doc.rating
      ? {
          rating: doc.rating.rating,
          ratingLabel: HOTLINE_RATING_LABELS[doc.rating.rating],
          comment: doc.rating.comment ?? null,
          ratedAt: toChinaIso(doc.rating.ratedAt),
          reopenRequested: !!doc.rating.reopenRequested,
        }
      : null,
    canReopen: summary.canRate,
  };
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

/** 我的诉求: the caller's tickets, newest first, paged. */
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

// --- statistics -------------------------------------------------------------------------

const ZERO: CaseTypeStats = { accepted: 0, handled: 0, handledOnTime: 0, rated: 0, satisfied: 0, basicallySatisfied: 0, unsatisfied: 0 };

function ratio(numerator: number, denominator: number) {
  return { value: denominator > 0 ? Math.round((numerator / denominator) * 10000) / 10000 : null, numerator, denominator };
}

function metricsOf(s: CaseTypeStats): HotlineMetrics {
  return {
    ...s,
    handledRate: ratio(s.handled, s.accepted),
    onTimeRate: ratio(s.handledOnTime, s.handled),
    satisfactionRate: ratio(s.satisfied, s.rated),
  };
}

function add(a: CaseTypeStats, b: CaseTypeStats): CaseTypeStats {
  return {
    accepted: a.accepted + b.accepted,
    handled: a.handled + b.handled,
    handledOnTime: a.handledOnTime + b.handledOnTime,
    rated: a.rated + b.rated,
    satisfied: a.satisfied + b.satisfied,
    basicallySatisfied: a.basicallySatisfied + b.basicallySatisfied,
    unsatisfied: a.unsatisfied + b.unsatisfied,
  };
}

function typeLabel(type: string): string {
  return (HOTLINE_TYPE_LABELS as Record<string, string>)[type] ?? type;
}

function typeOrder(types: Iterable<string>): string[] {
  const known = Object.keys(HOTLINE_TYPE_LABELS);
  return [...new Set(types)].sort((a, b) => (known.indexOf(a) + 1 || 99) - (known.indexOf(b) + 1 || 99) || a.localeCompare(b));
}

export const STATS_DEFINITIONS: HotlineStatsResponse['definitions'] = [
  { metric: 'accepted', label: '受理量', definition: '当月由 12345 热线受理的诉求件数（按受理月份统计）' },
  { metric: 'handled', label: '办结量', definition: '当月受理的诉求中已办结的件数' },
  { metric: 'handledOnTime', label: '按时办结量', definition: '首次办结时间不晚于办理时限（按法定工作日计算）的办结件数' },
  { metric: 'handledRate', label: '办结率', definition: '办结量 ÷ 受理量' },
  { metric: 'onTimeRate', label: '按时办结率', definition: '按时办结量 ÷ 办结量' },
  { metric: 'satisfactionRate', label: '满意率', definition: '评价为“满意”的件数 ÷ 已评价件数（“基本满意”“不满意”计入分母，不计入分子）' },
];

/** Pure aggregation of the case system's published figures into the contract's shape. */
export function buildStats(stats: CaseStats, status: 'ok' | 'stale', storedAt: number): HotlineStatsResponse {
  const months = [...stats.months].sort((a, b) => a.month.localeCompare(b.month));
  const byTypeTotal = new Map<string, CaseTypeStats>();
  let total = ZERO;
  const outMonths = months.map((m) => {
    let monthTotal = ZERO;
    const byType: HotlineTypeMetrics[] = typeOrder(Object.keys(m.byType)).map((type) => {
      const s = m.byType[type];
      monthTotal = add(monthTotal, s);
      byTypeTotal.set(type, add(byTypeTotal.get(type) ?? ZERO, s));
      return { type, typeLabel: typeLabel(type), ...metricsOf(s) };
    });
    total = add(total, monthTotal);
    return { month: m.month, total: metricsOf(monthTotal), byType };
  });
  return {
    status,
    updatedAt: toChinaIso(storedAt),
    from: months[0]?.month ?? '',
    to: months[months.length - 1]?.month ?? '',
    definitions: STATS_DEFINITIONS,
    total: metricsOf(total),
    byType: typeOrder(byTypeTotal.keys()).map((type) => ({ type, typeLabel: typeLabel(type), ...metricsOf(byTypeTotal.get(type)!) })),
    months: outMonths,
  };
}

/** Months of published history the BFF fetches and serves (the window every stats request is cut from). */
export const STATS_WINDOW_MONTHS = 36;
/** Months shown when the request names no range, as the case system's own default. */
const STATS_DEFAULT_MONTHS = 12;

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const n = y * 12 + (m - 1) + by;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/** The published window at `now`: the current China month and the 35 before it. */
export function statsWindow(now: Date): { from: string; to: string } {
  const to = chinaDate(now).slice(0, 7);
  return { from: shiftMonth(to, 1 - STATS_WINDOW_MONTHS), to };
}

/**
 * ONE cached copy of the last 36 months of the case system's published statistics, shared by
 * the statistics page and the home feed's hotline panel (one upstream call per cache period
 * for both).
 */
export function publishedStats(ctx: AppContext): Promise<CacheHit<CaseStats>> {
  return ctx.cache.get(
    cacheKeys.caseStats(`last${STATS_WINDOW_MONTHS}`),
    { freshMs: ctx.config.CACHE_FRESH_S * 1000, staleMs: ctx.config.CACHE_STALE_S * 1000 },
    // The window is computed at load time, so a refresh after the month turns moves it along.
    () => ctx.upstreams.caseSystem.getStats(statsWindow(ctx.now())),
  );
}

/**
 * The hotline's published statistics, per month and per type, with denominators and
 * definitions. Every request is cut locally from ONE cached copy of the last 36 months, so
 * however many distinct ranges are asked for, the case system sees one call per cache period
 * (a flood of ranges cannot load it or open the breaker the outbox forwarder shares). Served
 * `stale` while the case system is unreachable. Errors: 400 `from`/`to` outside the published
 * window; 503 when the case system is down and nothing is cached.
 */
export async function getHotlineStats(ctx: HotlineCtx, q: HotlineStatsQuery): Promise<HotlineStatsResponse> {
  const window = statsWindow(ctx.now());
  if (q.to && q.to > window.to) throw validationError([{ field: 'to', message: `只能查询已公布的月份（最晚到 ${window.to}）` }]);
  if (q.from && q.from > window.to) throw validationError([{ field: 'from', message: `只能查询已公布的月份（最晚到 ${window.to}）` }]);
  if (q.from && q.from < window.from) throw validationError([{ field: 'from', message: `只能查询最近 ${STATS_WINDOW_MONTHS} 个月的统计（${window.from} 起）` }]);
  if (q.to && q.to < window.from) throw validationError([{ field: 'to', message: `只能查询最近 ${STATS_WINDOW_MONTHS} 个月的统计（${window.from} 起）` }]);
  const to = q.to ?? window.to;
  let from = q.from ?? shiftMonth(to, 1 - STATS_DEFAULT_MONTHS);
  if (from < window.from) from = window.from;

  const hit = await publishedStats(ctx);
  const all = hit.value;
  const sliced: CaseStats = { ...all, months: all.months.filter((m) => m.month >= from && m.month <= to) };
  return buildStats(sliced, hit.status, hit.storedAt);
}

// --- staff desk -------------------------------------------------------------------------

const STAFF_EXPORT_MAX = 10_000;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function staffMatches(ctx: HotlineCtx, q: HotlineStaffQuery, limit?: { skip: number; take: number }): Promise<{ docs: TicketDoc[]; total: number }> {
  const filter: Record<string, unknown> = {};
  if (q.status) filter.status = q.status;
  if (q.type) filter.type = q.type;
  if (q.forward) filter['forward.state'] = q.forward;
  const range: Record<string, Date> = {};
  if (q.from) range.$gte = new Date(`${q.from}T00:00:00+08:00`);
  if (q.to) range.$lt = new Date(Date.parse(`${q.to}T00:00:00+08:00`) + 86_400_000);
  if (q.from || q.to) filter.submittedAt = range;
  if (q.q) filter.title = { $regex: escapeRegex(q.q) };
  const query = () => ctx.models.Ticket.find(filter).sort({ submittedAt: -1 });
  if (q.overdue === undefined && limit) {
    const [docs, total] = await Promise.all([query().skip(limit.skip).limit(limit.take).lean<TicketDoc[]>(), ctx.models.Ticket.countDocuments(filter)]);
    return { docs, total };
  }
  // Overdue depends on today's date and the calendar, so it is decided here rather than in the query.
  const now = ctx.now();
  let docs = await query().limit(STAFF_EXPORT_MAX).lean<TicketDoc[]>();
  if (q.overdue !== undefined) docs = docs.filter((d) => (deadlineOf(d, now)?.overdue ?? false) === q.overdue);
  return { docs: limit ? docs.slice(limit.skip, limit.skip + limit.take) : docs, total: docs.length };
}

function toStaffSummary(ctx: HotlineCtx, doc: TicketDoc, now: Date): HotlineStaffTicketSummary {
  const phone = decryptOrNull(ctx, doc.contactPhoneEnc);
  return {
    ...toSummary(doc, now),
    caseTicketNo: doc.caseTicketNo,
    forwardState: doc.forward.state,
    anonymous: doc.anonymous,
    contactPhoneMasked: phone ? maskPhone(phone) : null,
  };
}

/** Staff desk: every ticket, filtered and paged; phones masked. */
export async function listStaffTickets(ctx: HotlineCtx, q: HotlineStaffQuery) {
  const { docs, total } = await staffMatches(ctx, q, { skip: (q.page - 1) * q.pageSize, take: q.pageSize });
  const now = ctx.now();
  return { items: docs.map((d) => toStaffSummary(ctx, d, now)), page: q.page, pageSize: q.pageSize, total };
}

/** Staff desk: one ticket in full, including the identity hidden from the handling department. Errors: 404. */
export async function getStaffTicket(ctx: HotlineCtx, trackingNo: string): Promise<HotlineStaffTicketDetail> {
  const doc = await ctx.models.Ticket.findOne({ trackingNo }).lean<TicketDoc>();
  if (!doc) throw notFound('没有找到该诉求');
  return toStaffDetail(ctx, doc);
}

/**
 * Staff desk: puts a submission the forwarder gave up on (`failed`) back in the outbox, due
 * now, with a fresh attempt count; the last error is kept for reference until it is delivered.
 * Errors: 404 unknown; 409 when it is not `failed` (still being forwarded, or delivered).
 */
export async function requeueTicket(ctx: HotlineService, trackingNo: string): Promise<HotlineStaffTicketDetail> {
  const now = ctx.now();
  const doc = await ctx.models.Ticket.findOneAndUpdate(
    { trackingNo, 'forward.state': 'failed' },
    { $set: { 'forward.state': 'pending', 'forward.attempts': 0, 'forward.nextAttemptAt': now, 'forward.leaseId': null, 'forward.failedAt': null }, $inc: { rev: 1 } },
    { new: true, lean: true },
  );
  if (!doc) {
    const exists = await ctx.models.Ticket.exists({ trackingNo });
    if (!exists) throw notFound('没有找到该诉求');
    throw conflict('只有转交未成功的诉求才能重新转交');
  }
  ctx.kickForwarder();
  return toStaffDetail(ctx, doc as TicketDoc);
}

function toStaffDetail(ctx: HotlineCtx, doc: TicketDoc): HotlineStaffTicketDetail {
  return {
    ...toDetail(ctx, doc, ctx.now()),
    userId: String(doc.userId),
    contactName: decryptOrNull(ctx, doc.contactNameEnc),
    contactPhone: decryptOrNull(ctx, doc.contactPhoneEnc),
    forwarding: {
      state: doc.forward.state,
      attempts: doc.forward.attempts,
      lastError: doc.forward.lastError ?? null,
      deliveredAt: doc.forward.deliveredAt ? toChinaIso(doc.forward.deliveredAt) : null,
      failedAt: doc.forward.failedAt ? toChinaIso(doc.forward.failedAt) : null,
    },
  };
}

function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  // A leading = + - @ would run as a formula in Excel.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_COLUMNS = [
  '诉求编号',
  '工单编号',
  '类型',
  '标题',
  '状态',
  '承办部门',
  '提交时间',
  '受理时间',
  '办理时限',
  '是否超期',
  '不公开个人信息',
  '同意联系',
  '联系电话',
  '评价',
] as const;

/**
 * Staff export of the filtered tickets as CSV: UTF-8 with a BOM (so Excel reads the Chinese),
 * CRLF line ends, phones masked, at most 10,000 rows.
 */
export async function exportStaffCsv(ctx: HotlineCtx, q: HotlineStaffQuery): Promise<string> {
  const { docs } = await staffMatches(ctx, q);
  const now = ctx.now();
  const lines = [CSV_COLUMNS.join(',')];
  for (const d of docs) {
    const s = toStaffSummary(ctx, d, now);
    lines.push(
      [
        s.trackingNo,
        s.caseTicketNo,
        s.typeLabel,
        s.title,
        s.statusLabel,
        s.department,
        s.submittedAt,
        d.acceptedAt ? toChinaIso(d.acceptedAt) : '',
        s.deadline?.dueAt ?? '',
        s.deadline ? (s.deadline.overdue ? '是' : '否') : '',
        s.anonymous ? '是' : '否',
        d.contactAllowed ? '是' : '否',
        s.contactPhoneMasked,
        d.rating ? HOTLINE_RATING_LABELS[d.rating.rating] : '',
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
