import { Types } from 'mongoose';
import {
  APPLICATION_STATUS_LABELS,
  OBSERVER_CATEGORY_LABELS,
  type MeetingApplyRequest,
  type MeetingApplyResponse,
  type MyMeetingApplication,
  type MyMeetingApplicationList,
} from '@zwgk/contracts';
import { decryptOrNull, maskName } from '../../core/crypto';
import { conflict, notFound, validationError } from '../../core/errors';
import type { AuthUser } from '../../core/http';
import { createOnce } from '../../core/idempotency';
import type { PortalMeeting } from '../../upstream/portal/types';
import { authModels, userAad } from '../auth/model';
import { cnMinute } from '../consultations/format';
import type { MeetingsCtx } from './context';
import { withCurrentRanks } from './counts';
import { applicationNameAad, type MeetingApplicationDoc, type NameSource } from './model';
import { settleWithdrawal } from './replacements';
import { findMeeting, hasStarted, isClosed, loadMeetings } from './source';
import { nextDrawNumber } from './state';
import { NO_SEALED, refOf, toMyApplication, type MeetingRef } from './views';

/** Shown for an applicant who gave no name and has no nickname. */
export const PLACEHOLDER_NAME = '市民**';

/** The name an application shows: the one given, else the account's nickname, else a neutral placeholder. */
async function shownName(ctx: MeetingsCtx, user: AuthUser, given: string | undefined): Promise<{ name: string | null; source: NameSource }> {
  if (given) return { name: given, source: 'given' };
  const u = await authModels(ctx.mongo).User.findById(user.id, { nicknameEnc: 1 }).lean();
  const nick = decryptOrNull(ctx.cipher, u?.nicknameEnc, userAad('nicknameEnc', user.id), (err) => ctx.logger.error({ err }, 'cannot decrypt nickname'));
  return nick?.trim() ? { name: nick.trim(), source: 'nickname' } : { name: null, source: 'placeholder' };
}

/** The meeting as an application view needs it: the portal's copy, else our snapshot of it. */
export async function meetingRefs(ctx: MeetingsCtx, ids: string[]): Promise<Map<string, MeetingRef>> {
  const out = new Map<string, MeetingRef>();
  const list = await loadMeetings(ctx).catch(() => null);
  for (const m of list?.value ?? []) if (ids.includes(m.id)) out.set(m.id, refOf(m));
  const missing = ids.filter((id) => !out.has(id));
  if (missing.length) {
    const states = await ctx.models.State.find({ meetingId: { $in: missing } }).lean();
    for (const s of states) {
      if (s.snapshot) {
        out.set(s.meetingId, { title: s.snapshot.title, startsAt: new Date(s.snapshot.startsAt).toISOString(), applicationClosesAt: new Date(s.snapshot.applicationClosesAt).toISOString() });
      }
    }
  }
  return out;
}

async function hasOpinion(ctx: MeetingsCtx, d: MeetingApplicationDoc): Promise<boolean> {
  return d.status === 'confirmed' && !!(await ctx.models.Opinion.exists({ meetingId: d.meetingId, userId: d.userId }));
}

/** The caller's application in its meeting's view. */
export async function myView(ctx: MeetingsCtx, d: MeetingApplicationDoc, m?: PortalMeeting): Promise<MyMeetingApplication> {
  const ref = m ? refOf(m) : (await meetingRefs(ctx, [d.meetingId])).get(d.meetingId);
  const fallback: MeetingRef = { title: '列席会议', startsAt: new Date(d.createdAt).toISOString(), applicationClosesAt: new Date(d.createdAt).toISOString() };
  const [ranked] = await withCurrentRanks(ctx, [d]);
  return toMyApplication(ranked, ref ?? fallback, ctx.now(), await hasOpinion(ctx, d));
}

function toApplyResponse(view: MyMeetingApplication, replayed: boolean): MeetingApplyResponse {
  return { ...view, replayed };
}

/**
 * A citizen applies to observe a meeting in one category. One application per person per
 * meeting: the record is upserted on {meetingId, userId}, so concurrent requests settle on one;
 * the same Idempotency-Key replays it (also after the close), another key is 409. A withdrawn
 * application may be renewed before the close (it keeps its draw number). The draw number
 * comes from the meeting's atomic counter (arrival order). The name is sealed, shown masked.
 * Errors: 404 unknown meeting; 400 a category without seats; 409 after applicationClosesAt,
 * or already applied; 503 portal down and the meeting never cached.
 */
export async function applyToMeeting(
  ctx: MeetingsCtx,
  user: AuthUser,
  idempotencyKey: string,
  meetingId: string,
  body: MeetingApplyRequest,
): Promise<{ response: MeetingApplyResponse; created: boolean }> {
  const { value: m } = await findMeeting(ctx, meetingId);
  const userId = new Types.ObjectId(user.id);
  const existing = await ctx.models.Application.findOne({ meetingId, userId }, NO_SEALED).lean<MeetingApplicationDoc>();
  if (existing && existing.idempotencyKey === idempotencyKey) return { response: toApplyResponse(await myView(ctx, existing, m), true), created: false };
  if (isClosed(m, ctx.now())) throw conflict(`本次会议已于 ${cnMinute(m.applicationClosesAt)} 截止申请`);
  if (m.seats[body.category] <= 0) {
    throw validationError([{ field: 'category', message: `本次会议不设${OBSERVER_CATEGORY_LABELS[body.category]}列席名额，请选择其他类别` }]);
  }
  if (existing && existing.status !== 'withdrawn') throw alreadyApplied(existing);
  const { name, source } = await shownName(ctx, user, body.name);
  const fields = (id: Types.ObjectId) => ({
    category: body.category,
    nameEnc: name ? ctx.cipher.encrypt(name, applicationNameAad(id)) : null,
    nameMasked: name ? maskName(name) : PLACEHOLDER_NAME,
    nameSource: source,
    reason: body.reason,
    organisation: body.organisation || null,
    qualification: body.qualification || null,
  });
  if (existing) return renew(ctx, existing, idempotencyKey, fields(existing._id), m);

  const drawNumber = await nextDrawNumber(ctx, m);
  const { doc, created } = await createOnce<MeetingApplicationDoc>(
    ctx.models.Application,
    { meetingId, userId },
    (_attempt, id) => ({
      idempotencyKey,
      drawNumber,
      ...fields(id),
      status: 'submitted',
      reserveRank: null,
      decisionReason: null,
      decidedBy: null,
      decidedAt: null,
      selectedAt: null,
      confirmedAt: null,
      withdrawnAt: null,
      withdrawnFrom: null,
      replacementDue: false,
      replacesDrawNumber: null,
      noticeDue: null,
    }),
    ctx.now(),
  );
  if (!created && doc.idempotencyKey !== idempotencyKey) throw alreadyApplied(doc);
  return { response: toApplyResponse(await myView(ctx, doc, m), !created), created };
}

function alreadyApplied(d: MeetingApplicationDoc) {
  return conflict(`您已申请列席本次会议（抽签号 ${d.drawNumber}，${APPLICATION_STATUS_LABELS[d.status]}），每人每次会议只能申请一次`);
}

/** A withdrawn application made again before the close: one conditional update from `withdrawn` (before the close only submitted ones are withdrawn). */
async function renew(ctx: MeetingsCtx, d: MeetingApplicationDoc, idempotencyKey: string, fields: Record<string, unknown>, m: PortalMeeting) {
  const now = ctx.now();
  const doc = await ctx.models.Application.findOneAndUpdate(
    { _id: d._id, status: 'withdrawn', withdrawnFrom: 'submitted' },
    { $set: { ...fields, idempotencyKey, status: 'submitted', withdrawnAt: null, withdrawnFrom: null, updatedAt: now } },
    { new: true, projection: NO_SEALED },
  ).lean<MeetingApplicationDoc>();
  if (!doc) {
    const again = await ctx.models.Application.findById(d._id, NO_SEALED).lean<MeetingApplicationDoc>();
    if (again && again.idempotencyKey === idempotencyKey) return { response: toApplyResponse(await myView(ctx, again, m), true), created: false };
    throw alreadyApplied(again ?? d);
  }
  return { response: toApplyResponse(await myView(ctx, doc, m), false), created: true };
}

/** 我的列席申请, newest first. */
export async function listMyApplications(ctx: MeetingsCtx, user: AuthUser): Promise<MyMeetingApplicationList> {
  const userId = new Types.ObjectId(user.id);
  const docs = await withCurrentRanks(ctx, await ctx.models.Application.find({ userId }, NO_SEALED).sort({ createdAt: -1, _id: -1 }).limit(200).lean<MeetingApplicationDoc[]>());
  const refs = await meetingRefs(ctx, [...new Set(docs.map((d) => d.meetingId))]);
  const opinions = new Set((await ctx.models.Opinion.find({ userId }, { meetingId: 1 }).lean()).map((o) => o.meetingId));
  const now = ctx.now();
  const items = docs.flatMap((d) => {
    const ref = refs.get(d.meetingId);
    return ref ? [toMyApplication(d, ref, now, opinions.has(d.meetingId))] : [];
  });
  return { items };
}

async function ownApplication(ctx: MeetingsCtx, user: AuthUser, applicationId: string): Promise<MeetingApplicationDoc> {
  const d = await ctx.models.Application.findOne({ _id: new Types.ObjectId(applicationId), userId: new Types.ObjectId(user.id) }, NO_SEALED).lean<MeetingApplicationDoc>();
  if (!d) throw notFound('没有找到这份申请');
  return d;
}

/**
 * The applicant withdraws: a `submitted` application before the close; a `selected`,
 * `confirmed` or `reserve` one before the meeting starts (an observer leaving: under review
 * the seat is given back, in a lottery the next reserve takes it, published with the draw).
 * One conditional update on the status; the seat or replacement is settled after it, resumably.
 * Errors: 404 not the caller's; 409 too late, or in a status that cannot be withdrawn.
 */
export async function withdrawApplication(ctx: MeetingsCtx, user: AuthUser, applicationId: string): Promise<MyMeetingApplication> {
  const d = await ownApplication(ctx, user, applicationId);
  const { value: m } = await findMeeting(ctx, d.meetingId);
  const now = ctx.now();
  if (d.status === 'submitted' && isClosed(m, now)) throw conflict('申请已截止，不能再撤回；选定结果公布后，如被选定可在会议开始前放弃');
  if (['selected', 'confirmed', 'reserve'].includes(d.status) && hasStarted(m, now)) throw conflict('会议已经开始，不能再放弃列席');
  if (!['submitted', 'selected', 'confirmed', 'reserve'].includes(d.status)) throw conflict(`这份申请${APPLICATION_STATUS_LABELS[d.status]}，不能撤回`);
  const observer = d.status === 'selected' || d.status === 'confirmed';
  const doc = await ctx.models.Application.findOneAndUpdate(
    { _id: d._id, status: d.status },
    { $set: { status: 'withdrawn', withdrawnAt: now, withdrawnFrom: d.status, replacementDue: observer, reserveRank: null, noticeDue: null, updatedAt: now } },
    { new: true, projection: NO_SEALED },
  ).lean<MeetingApplicationDoc>();
  if (!doc) return withdrawApplication(ctx, user, applicationId);
  if (observer) {
    await settleWithdrawal(ctx, doc, m).catch((err) => {
      // The task settles it (replacementDue stays set).
      ctx.logger.warn({ err, applicationId }, 'replacement not settled yet');
      ctx.kick();
    });
  }
  return myView(ctx, doc, m);
}

/**
 * A selected observer confirms attendance (before the start): `selected` → `confirmed`.
 * Errors: 404 not the caller's; 409 not selected, already confirmed, or the meeting started.
 */
export async function confirmAttendance(ctx: MeetingsCtx, user: AuthUser, applicationId: string): Promise<MyMeetingApplication> {
  const d = await ownApplication(ctx, user, applicationId);
  const { value: m } = await findMeeting(ctx, d.meetingId);
  const now = ctx.now();
  if (d.status === 'confirmed') return myView(ctx, d, m);
  if (d.status !== 'selected') throw conflict(`这份申请${APPLICATION_STATUS_LABELS[d.status]}，只有已选定的列席人员可以确认参加`);
  if (hasStarted(m, now)) throw conflict('会议已经开始，不能再确认参加');
  const doc = await ctx.models.Application.findOneAndUpdate(
    { _id: d._id, status: 'selected' },
    { $set: { status: 'confirmed', confirmedAt: now, updatedAt: now } },
    { new: true, projection: NO_SEALED },
  ).lean<MeetingApplicationDoc>();
  return doc ? myView(ctx, doc, m) : confirmAttendance(ctx, user, applicationId);
}

/** The caller's application to one meeting, if any. */
export async function myApplicationOf(ctx: MeetingsCtx, user: AuthUser, m: PortalMeeting): Promise<MyMeetingApplication | null> {
  const d = await ctx.models.Application.findOne({ meetingId: m.id, userId: new Types.ObjectId(user.id) }, NO_SEALED).lean<MeetingApplicationDoc>();
  return d ? myView(ctx, d, m) : null;
}

