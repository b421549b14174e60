import { setTimeout as sleep } from 'node:timers/promises';
import { Types } from 'mongoose';
import {
  REGISTRATION_STATUS_LABELS,
  type MyOpenDayRegistration,
  type MyOpenDayRegistrationList,
  type OpenDayChangeSessionRequest,
  type OpenDayRegisterRequest,
  type OpenDayRegisterResponse,
} from '@zwgk/contracts';
import { decryptOrNull, maskIdNumber, maskName, maskPhone } from '../../core/crypto';
import { conflict, notFound, validationError } from '../../core/errors';
import type { AuthUser } from '../../core/http';
import type { PortalOpenDay } from '../../upstream/portal/types';
import { authModels, userAad } from '../auth/model';
import { cnMinute } from '../consultations/format';
import { duplicateIndexes, inBatch } from './batch';
import type { OpenDaysCtx } from './context';
import { keyId, regAad, sessionKey, type ClaimDoc, type RegistrationDoc, type StoredRegistrationStatus } from './model';
import { restrictionOf } from './noshows';
import { beginOp, driveOp, ensureSession, isStale, opId, releaseClaims, sessionStates } from './places';
import { findOpenDay, openDaysByIds } from './source';
import { changeDeadlineOf, shownStatus, toMyRegistration } from './views';

/** Statuses that are the person's one registration for an open day (with `placing`, a sign-up under way). */
const ACTIVE: ReadonlySet<StoredRegistrationStatus> = new Set(['placing', 'confirmed', 'waitlisted', 'offered', 'attended']);

/** The blind index of an ID number for the one-registrant-per-open-day rule (its own domain, never a phone's). */
export function idNumberHash(ctx: OpenDaysCtx, idNumber: string): string {
  return ctx.cipher.blindIndex(`open-day-id-number:${idNumber}`);
}

/** The phone bound to the account, opened; null when none. */
export async function boundPhoneOf(ctx: OpenDaysCtx, userId: Types.ObjectId): Promise<string | null> {
  const u = await authModels(ctx.mongo).User.findById(userId, { phoneEnc: 1 }).lean();
  return decryptOrNull(ctx.cipher, u?.phoneEnc, userAad('phoneEnc', userId));
}

/**
 * Takes the claim `key` for the registration, or answers who holds it. A claim whose
 * registration is no longer active (cancelled, lapsed, no-show: released late after a crash) or
 * never got written (its request died; older than the lease) is taken over.
 */
async function takeClaim(ctx: OpenDaysCtx, key: string, regId: Types.ObjectId, userId: Types.ObjectId, idempotencyKey: string): Promise<ClaimDoc | null> {
  const col = ctx.models.Claim.collection;
  const _id = keyId(key);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await col.insertOne({ _id, key, registrationId: regId, userId, idempotencyKey, at: new Date() });
      return null;
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
    }
    const holder = (await col.findOne({ _id })) as unknown as ClaimDoc | null;
    if (!holder) continue;
    if (String(holder.registrationId) === String(regId)) return null;
    const held = await ctx.models.Registration.collection.findOne({ _id: holder.registrationId }, { projection: { status: 1 } });
    // Taken by an earlier attempt of this very request that died before writing its registration: ours.
    const ownDead = !held && String(holder.userId) === String(userId) && holder.idempotencyKey === idempotencyKey;
    const stale = ownDead || (held ? !ACTIVE.has(held.status as StoredRegistrationStatus) : Date.now() - new Date(holder.at).getTime() > ctx.config.OPEN_DAY_OP_LEASE_MS);
    if (!stale) return holder;
    const r = await col.updateOne({ _id, registrationId: holder.registrationId }, { $set: { registrationId: regId, userId, idempotencyKey, at: new Date() } });
    if (r.modifiedCount === 1) return null;
  }
  throw conflict('报名人数较多，请稍后再试');
}

/**
 * Takes both claims of a new registration, in one insert with those of the concurrent sign-ups
 * (batch.ts); true when both were free. When either was held, false (whatever the insert took is
 * ours, and `takeClaim` finds it so).
 */
function takeBothClaims(ctx: OpenDaysCtx, keys: string[], regId: Types.ObjectId, userId: Types.ObjectId, idempotencyKey: string): Promise<boolean> {
  const at = new Date();
  const docs = keys.map((key) => ({ _id: keyId(key), key, registrationId: regId, userId, idempotencyKey, at }));
  return inBatch(ctx.models.Claim, 'take', docs, async (items) => {
    let failed = new Set<number>();
    try {
      await ctx.models.Claim.collection.insertMany(items.flat(), { ordered: false });
    } catch (err) {
      failed = duplicateIndexes(err);
    }
    let at0 = 0;
    return items.map((ds) => {
      const ok = ds.every((_d, j) => !failed.has(at0 + j));
      at0 += ds.length;
      return ok;
    });
  });
}

/**
 * Inserts a new registration under its key, in one bulk upsert with the concurrent sign-ups
 * (batch.ts); true when it is ours, false when the key had one already (the caller reads it).
 */
function insertRegistration(ctx: OpenDaysCtx, doc: { _id: Types.ObjectId; userId: Types.ObjectId; idempotencyKey: string }): Promise<boolean> {
  return inBatch(ctx.models.Registration, 'insert', doc, async (items) => {
    const ops = items.map((d) => ({ updateOne: { filter: { userId: d.userId, idempotencyKey: d.idempotencyKey }, update: { $setOnInsert: d }, upsert: true } }));
    let upserted: Record<number, unknown>;
    try {
      upserted = (await ctx.models.Registration.collection.bulkWrite(ops, { ordered: false })).upsertedIds;
    } catch (err) {
      // A racing duplicate on a real MongoDB (unique index): that one is not ours; the rest stand.
      duplicateIndexes(err);
      upserted = (err as { result?: { upsertedIds?: Record<number, unknown> } }).result?.upsertedIds ?? {};
    }
    return items.map((d, i) => String(upserted[i]) === String(d._id));
  });
}

async function repointClaims(ctx: OpenDaysCtx, openDayId: string, userId: string, idHash: string, from: Types.ObjectId, to: Types.ObjectId): Promise<void> {
  await ctx.models.Claim.collection.updateMany(
    { _id: { $in: [keyId(`u:${openDayId}:${userId}`), keyId(`i:${openDayId}:${idHash}`)] }, registrationId: from },
    { $set: { registrationId: to } },
  );
}

/** Waits for the registration another request with the same key is writing; null when it does not appear in time. */
async function awaitKeyed(ctx: OpenDaysCtx, userId: Types.ObjectId, idempotencyKey: string): Promise<RegistrationDoc | null> {
  for (let i = 0; i < 80; i++) {
    const doc = await ctx.models.Registration.findOne({ userId, idempotencyKey }).lean<RegistrationDoc>();
    if (doc && !(doc.status === 'placing' && doc.pendingOp)) return doc;
    // Its first attempt died mid-way: this retry finishes it.
    if (doc && isStale(ctx, doc.pendingOp)) return (await driveOp(ctx, doc)).reg;
    await sleep(25);
  }
  return null;
}

async function viewOf(ctx: OpenDaysCtx, reg: RegistrationDoc, od?: PortalOpenDay, position?: number): Promise<MyOpenDayRegistration> {
  const [states, portal] = await Promise.all([
    sessionStates(ctx, [sessionKey(reg.openDayId, reg.sessionId)], reg.status !== 'waitlisted'),
    od ? Promise.resolve(od) : findOpenDay(ctx, reg.openDayId).then((s) => s.value, () => undefined),
  ]);
  return toMyRegistration(ctx, reg, portal, states.get(sessionKey(reg.openDayId, reg.sessionId)), position);
}

function windowConflict(od: PortalOpenDay, now: Date) {
  if (now.getTime() < Date.parse(od.registrationOpensAt)) return conflict(`本次开放日将于 ${cnMinute(od.registrationOpensAt)} 开始报名，请届时再来`);
  return conflict(`本次开放日的报名已于 ${cnMinute(od.registrationClosesAt)} 截止`);
}

/**
 * Signs the citizen (and up to 2 companions) up for one session: `confirmed` when the places are
 * free and nobody waits, else `waitlisted` with its position (so too for a citizen restricted after
 * repeated no-shows). The account and the registrant's ID number each hold one registration per
 * open day (claims taken before anything is written, so concurrent requests cannot both pass).
 * The same Idempotency-Key is one registration (`replayed`), also after the window closed.
 * Names, ID numbers and the phone are sealed, bound to the registration, and answered masked.
 * Errors: 404 unknown open day; 400 unknown session, or no phone given and none bound;
 * 409 outside the registration window, session started or ended, already registered for this
 * open day (the account or the ID number); 503 portal down and never cached.
 */
export async function registerForOpenDay(
  ctx: OpenDaysCtx,
  user: AuthUser,
  idempotencyKey: string,
  openDayId: string,
  body: OpenDayRegisterRequest,
): Promise<{ response: OpenDayRegisterResponse; created: boolean }> {
  const { value: od } = await findOpenDay(ctx, openDayId);
  const userId = new Types.ObjectId(user.id);
  const replay = async (doc: RegistrationDoc) => ({ response: { ...(await viewOf(ctx, doc, od)), replayed: true }, created: false });
  const session = od.sessions.find((s) => s.id === body.sessionId);
  if (!session) throw validationError([{ field: 'sessionId', message: '本次开放日没有这个场次，请重新选择' }]);
  const now = ctx.now();
  const t = now.getTime();
  if (t < Date.parse(od.registrationOpensAt) || t >= Date.parse(od.registrationClosesAt) || t >= Date.parse(session.startsAt)) {
    // A retry of a sign-up accepted just before the close is still that sign-up.
    const earlier = await ctx.models.Registration.findOne({ userId, idempotencyKey }).lean<RegistrationDoc>();
    if (earlier) return replay(earlier);
    if (t >= Date.parse(session.endsAt)) throw conflict('该场次已结束，请选择其他场次');
    if (t >= Date.parse(session.startsAt)) throw conflict('该场次已开始，不能再报名，请选择其他场次');
    throw windowConflict(od, now);
  }
  const phone = body.phone ?? (await boundPhoneOf(ctx, userId));
  if (!phone) throw validationError([{ field: 'phone', message: '请填写手机号（您的账号尚未绑定手机号）' }]);
  const idHash = idNumberHash(ctx, body.idNumber);
  const regId = new Types.ObjectId();
  const uKey = `u:${openDayId}:${user.id}`;
  const iKey = `i:${openDayId}:${idHash}`;
  // The two claims in one insert; the restriction and the session's counters meanwhile.
  const [restriction, , bothTaken] = await Promise.all([
    restrictionOf(ctx, userId, now, true),
    ensureSession(ctx, openDayId, session),
    takeBothClaims(ctx, [uKey, iKey], regId, userId, idempotencyKey),
  ]);

  const byAccount = bothTaken ? null : await takeClaim(ctx, uKey, regId, userId, idempotencyKey);
  if (byAccount) {
    if (byAccount.idempotencyKey === idempotencyKey && String(byAccount.userId) === user.id) {
      const same = await awaitKeyed(ctx, userId, idempotencyKey);
      if (same) return replay(same);
      throw conflict('报名正在处理中，请稍后在“我的报名”中查看');
    }
    throw conflict('您已报名本次开放日（每个开放日限报一个场次），如需调整请在“我的报名”中改场次');
  }
  const byIdNumber = bothTaken ? null : await takeClaim(ctx, iKey, regId, userId, idempotencyKey);
  if (byIdNumber) {
    await releaseClaims(ctx, { _id: regId, openDayId, userId, idHash });
    throw conflict('该身份证号码已报名本次开放日，同一报名人每个开放日只能报名一次');
  }

  const seal = (plain: string, field: string) => ctx.cipher.encrypt(plain, regAad(regId, field));
  const fresh = {
    _id: regId,
    openDayId,
    sessionId: session.id,
    status: 'placing',
    partySize: 1 + body.companions.length,
    nameEnc: seal(body.name, 'name'),
    nameMasked: maskName(body.name),
    idNumberEnc: seal(body.idNumber, 'idNumber'),
    idNumberMasked: maskIdNumber(body.idNumber),
    idHash,
    phoneEnc: seal(phone, 'phone'),
    phoneMasked: maskPhone(phone),
    companions: body.companions.map((c, i) => ({
      nameEnc: seal(c.name, `companions.${i}.name`),
      nameMasked: maskName(c.name),
      idNumberEnc: seal(c.idNumber, `companions.${i}.idNumber`),
      idNumberMasked: maskIdNumber(c.idNumber),
    })),
    waitlistOnly: !!restriction,
    seq: null,
    offerCount: 0,
    offeredAt: null,
    offerExpiresAt: null,
    confirmedAt: null,
    checkedInAt: null,
    checkedInBy: null,
    cancelledAt: null,
    lapsedAt: null,
    noShowAt: null,
    remindedAt: null,
    noticeDue: null,
    pendingOp: { id: opId(regId), kind: 'place', fromSessionId: null, toSessionId: null, stage: null, n: 1 + body.companions.length, fromStatus: 'placing', at: new Date() },
    createdAt: now,
    updatedAt: now,
  };
  // When it is ours, it is `fresh`: nothing to read back.
  const mine = { ...fresh, userId, idempotencyKey };
  if (await insertRegistration(ctx, mine)) {
    const placed = await driveOp(ctx, mine as unknown as RegistrationDoc, true);
    // The position is known from the queue update: no need to read the session (large while many wait).
    return { response: { ...toMyRegistration(ctx, placed.reg, od, undefined, placed.position), replayed: false }, created: true };
  }
  const doc = (await ctx.models.Registration.findOne({ userId, idempotencyKey }).lean<RegistrationDoc>()) as RegistrationDoc;
  // This key's registration exists (a racing duplicate of this request wrote it, or it was made
  // before and since cancelled): the claims we took belong to it while it is active, else go.
  if (ACTIVE.has(doc.status)) await repointClaims(ctx, openDayId, user.id, idHash, regId, doc._id);
  else await releaseClaims(ctx, { _id: regId, openDayId, userId, idHash });
  return replay(doc.status === 'placing' ? ((await awaitKeyed(ctx, userId, idempotencyKey)) ?? doc) : doc);
}

async function ownRegistration(ctx: OpenDaysCtx, user: AuthUser, registrationId: string): Promise<RegistrationDoc> {
  const reg = await ctx.models.Registration.findOne({ _id: new Types.ObjectId(registrationId), userId: new Types.ObjectId(user.id) }).lean<RegistrationDoc>();
  // Another citizen's registration is as unknown as a missing one.
  if (!reg || reg.status === 'placing') throw notFound('没有找到这条报名记录');
  return reg;
}

/** Records an op's intent, waiting a moment when another transition of the registration is under way. */
async function beginWhenFree(ctx: OpenDaysCtx, reg: RegistrationDoc, ...args: Parameters<typeof beginOp> extends [unknown, unknown, ...infer R] ? R : never) {
  for (let i = 0; i < 40; i++) {
    const began = await beginOp(ctx, reg._id, ...args);
    if (began) return began;
    const cur = await ctx.models.Registration.findById(reg._id).lean<RegistrationDoc>();
    if (!cur || !args[0].includes(cur.status)) return null;
    // Its status moved on between the read and the update (an offer claimed, say): try again.
    if (!cur.pendingOp) continue;
    // A transition whose request died: finish it first.
    if (isStale(ctx, cur.pendingOp)) await driveOp(ctx, cur);
    else await sleep(25);
  }
  throw conflict('报名正在处理中，请稍后再试');
}

function notActive(reg: RegistrationDoc, what: string) {
  return conflict(`该报名${REGISTRATION_STATUS_LABELS[shownStatus(reg)]}，不能${what}`);
}

/**
 * Cancels a registration or a waitlist entry until OPEN_DAY_CANCEL_CUTOFF_HOURS before its
 * session; cancelling again answers the cancelled registration. Confirmed or offered places go to
 * the waitlist (the places task offers them).
 * Errors: 404 not the caller's; 409 past the cutoff, or attended / no-show / lapsed.
 */
export async function cancelRegistration(ctx: OpenDaysCtx, user: AuthUser, registrationId: string): Promise<MyOpenDayRegistration> {
  const reg = await ownRegistration(ctx, user, registrationId);
  if (reg.status === 'cancelled') return viewOf(ctx, reg);
  if (!['confirmed', 'waitlisted', 'offered'].includes(reg.status)) throw notActive(reg, '取消');
  const state = (await sessionStates(ctx, [sessionKey(reg.openDayId, reg.sessionId)], true)).get(sessionKey(reg.openDayId, reg.sessionId));
  const deadline = changeDeadlineOf(ctx, state?.startsAt ?? reg.createdAt);
  if (ctx.now().getTime() >= deadline.getTime()) {
    throw conflict(`场次开始前 ${ctx.config.OPEN_DAY_CANCEL_CUTOFF_HOURS} 小时内不能取消（截止于 ${cnMinute(deadline)}），如不能到场请联系主办单位`);
  }
  const began = await beginWhenFree(ctx, reg, ['confirmed', 'waitlisted', 'offered'], { kind: 'cancel', n: reg.partySize });
  if (!began) {
    const now = await ownRegistration(ctx, user, registrationId);
    if (now.status === 'cancelled') return viewOf(ctx, now);
    throw notActive(now, '取消');
  }
  return viewOf(ctx, (await driveOp(ctx, began)).reg);
}

/**
 * Claims places offered from the waitlist, before `offerExpiresAt`; claiming a confirmed one again
 * answers it. Errors: 404 not the caller's; 409 the offer has expired or there is none.
 */
export async function claimOffer(ctx: OpenDaysCtx, user: AuthUser, registrationId: string): Promise<MyOpenDayRegistration> {
  const reg = await ownRegistration(ctx, user, registrationId);
  if (reg.status === 'confirmed' && reg.offeredAt) return viewOf(ctx, reg);
  const now = ctx.now();
  const done = await ctx.models.Registration.collection.findOneAndUpdate(
    { _id: reg._id, status: 'offered', pendingOp: null, offerExpiresAt: { $gt: now } },
    { $set: { status: 'confirmed', confirmedAt: now, noticeDue: null, updatedAt: now } },
    { returnDocument: 'after' },
  );
  if (done) return viewOf(ctx, done as unknown as RegistrationDoc);
  const cur = await ownRegistration(ctx, user, registrationId);
  if (cur.status === 'confirmed') return viewOf(ctx, cur);
  if (cur.status === 'offered' && cur.offerExpiresAt && new Date(cur.offerExpiresAt) <= now) {
    throw conflict(`递补名额的确认期限已过（${cnMinute(cur.offerExpiresAt)}），名额已顺延给下一位`);
  }
  if (cur.status === 'lapsed') throw conflict('递补名额的确认期限已过，名额已顺延给下一位');
  if (cur.status === 'offered') throw conflict('报名正在处理中，请稍后再试');
  throw conflict('这条报名没有待确认的递补名额');
}

/**
 * Moves a registration to another session of the same open day in one step: a confirmed party's
 * new places are held first and only then the old ones released (new session full, or people
 * waiting for it: 409 and nothing changes); a waiting party joins the end of the new session's
 * waitlist (its place in the old one is given up). Until the cutoff of the current session.
 * Errors: 404 not the caller's; 400 unknown session; 409 same session, new session started,
 * past the cutoff, offered (claim first) or not active, new session full.
 */
export async function changeSession(ctx: OpenDaysCtx, user: AuthUser, registrationId: string, body: OpenDayChangeSessionRequest): Promise<MyOpenDayRegistration> {
  const reg = await ownRegistration(ctx, user, registrationId);
  const { value: od } = await findOpenDay(ctx, reg.openDayId);
  const target = od.sessions.find((s) => s.id === body.sessionId);
  if (!target) throw validationError([{ field: 'sessionId', message: '本次开放日没有这个场次，请重新选择' }]);
  if (target.id === reg.sessionId) throw conflict('您已报名这个场次，无需更改');
  if (reg.status === 'offered') throw conflict('请先确认递补名额，再更改场次');
  if (reg.status !== 'confirmed' && reg.status !== 'waitlisted') throw notActive(reg, '更改场次');
  const now = ctx.now().getTime();
  if (Date.parse(target.startsAt) <= now) throw conflict('要改到的场次已开始或已结束，请选择其他场次');
  const current = od.sessions.find((s) => s.id === reg.sessionId);
  const deadline = changeDeadlineOf(ctx, current?.startsAt ?? reg.createdAt);
  if (now >= deadline.getTime()) throw conflict(`场次开始前 ${ctx.config.OPEN_DAY_CANCEL_CUTOFF_HOURS} 小时内不能更改场次（截止于 ${cnMinute(deadline)}）`);
  await ensureSession(ctx, reg.openDayId, target);
  const began = await beginWhenFree(ctx, reg, ['confirmed', 'waitlisted'], { kind: 'move', n: reg.partySize, fromSessionId: reg.sessionId, toSessionId: target.id });
  if (!began) throw notActive(await ownRegistration(ctx, user, registrationId), '更改场次');
  const moved = await driveOp(ctx, began);
  if (moved.outcome === 'refused') throw conflict('要改到的场次名额已满（或已有人候补），您的报名未作改动');
  return viewOf(ctx, moved.reg, od);
}

/** 我的报名: the citizen's registrations, newest first (titles from the portal copy when it can be read). */
export async function listMyRegistrations(ctx: OpenDaysCtx, user: AuthUser): Promise<MyOpenDayRegistrationList> {
  const regs = await ctx.models.Registration.find({ userId: new Types.ObjectId(user.id), status: { $ne: 'placing' } })
    .sort({ createdAt: -1, _id: -1 })
    .limit(200)
    .lean<RegistrationDoc[]>();
  const keyOf = (r: RegistrationDoc) => sessionKey(r.openDayId, r.sessionId);
  const [queues, counts, ods] = await Promise.all([
    // Queues (for positions) only of the sessions the citizen waits for; counters (times) of the rest.
    sessionStates(ctx, regs.filter((r) => r.status === 'waitlisted').map(keyOf)),
    sessionStates(ctx, regs.filter((r) => r.status !== 'waitlisted').map(keyOf), true),
    openDaysByIds(ctx, regs.map((r) => r.openDayId)),
  ]);
  return { items: regs.map((r) => toMyRegistration(ctx, r, ods.get(r.openDayId), queues.get(keyOf(r)) ?? counts.get(keyOf(r)))) };
}

/** One of the citizen's registrations. Errors: 404 not theirs. */
export async function getMyRegistration(ctx: OpenDaysCtx, user: AuthUser, registrationId: string): Promise<MyOpenDayRegistration> {
  return viewOf(ctx, await ownRegistration(ctx, user, registrationId));
}

export { ownRegistration };
