import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { AppError } from '../../core/errors';
import { ErrorCode } from '@zwgk/contracts';
import { inBatch } from './batch';
import type { OpenDaysCtx } from './context';
import { keyId, sessionKey, type PendingOp, type PendingOpKind, type RegistrationDoc, type SessionStateDoc, type StoredRegistrationStatus } from './model';
import type { PortalSession } from './source';

/**
 * The places of a session and the resumable transitions that hold and release them (the design
 * is in model.ts). Every counter change is one conditional update on the session document;
 * every transition is intent (on the registration) → counter update (idempotent) → finish (on
 * the registration, conditional on the op id). Op ids stay on the session until the places task
 * prunes them well after their registration finished, so a second driver of the same op (a
 * retry meeting the sweeper) finds it applied and never applies it twice.
 */

/** Statuses that hold places of their session. */
export const HOLDING: ReadonlySet<StoredRegistrationStatus> = new Set(['confirmed', 'offered', 'attended']);

export const entryOf = (reg: Pick<RegistrationDoc, '_id' | 'partySize'>) => `${String(reg._id)}:${reg.partySize}`;

const ensured = new WeakMap<object, Map<string, string>>();

/**
 * Makes sure the session's counter document exists with the portal's capacity and times (once per
 * process per portal version: the check is memoised). A capacity changed in the portal moves
 * `capacity` and `placesFree` together, so holds stay bounded by the new capacity.
 */
export async function ensureSession(ctx: OpenDaysCtx, openDayId: string, s: PortalSession): Promise<void> {
  const key = sessionKey(openDayId, s.id);
  const sig = `${s.capacity}|${s.startsAt}|${s.endsAt}`;
  let memo = ensured.get(ctx.models.Session);
  if (!memo) ensured.set(ctx.models.Session, (memo = new Map()));
  if (memo.get(key) === sig) return;
  const col = ctx.models.Session.collection;
  const _id = keyId(key);
  const now = new Date();
  const cur = await col.findOneAndUpdate(
    { _id },
    {
      $setOnInsert: { key, openDayId, sessionId: s.id, capacity: s.capacity, placesFree: s.capacity, placesHeld: 0, queue: [], waiting: 0, ops: [], noShowsDoneAt: null, createdAt: now },
      $set: { startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt), updatedAt: now },
    },
    { upsert: true, returnDocument: 'after', projection: { capacity: 1 } },
  );
  if (cur && cur.capacity !== s.capacity) {
    await col.updateOne({ _id, capacity: cur.capacity }, { $set: { capacity: s.capacity }, $inc: { placesFree: s.capacity - (cur.capacity as number) } });
  }
  memo.set(key, sig);
}

function sessionCol(ctx: OpenDaysCtx) {
  return ctx.models.Session.collection;
}

/**
 * Holds `n` places under `op` when free and nobody waits; true also when `op` was applied before
 * (looked up only when it may have been: `firstTry` skips that read of the session, which is large
 * while many wait).
 */
async function hold(ctx: OpenDaysCtx, key: string, op: string, n: number, firstTry = false): Promise<boolean> {
  const _id = keyId(key);
  const r = await sessionCol(ctx).findOneAndUpdate(
    { _id, placesFree: { $gte: n }, waiting: 0, ops: { $ne: op } },
    { $inc: { placesFree: -n, placesHeld: n }, $push: { ops: op } } as never,
    { projection: { _id: 1 } },
  );
  if (r) return true;
  if (firstTry) return false;
  const cur = await sessionCol(ctx).findOne({ _id, ops: op }, { projection: { _id: 1 } });
  return !!cur;
}

/** Releases `n` places under `op` (once, however often asked). */
async function release(ctx: OpenDaysCtx, key: string, op: string, n: number): Promise<void> {
  await sessionCol(ctx).updateOne({ _id: keyId(key), ops: { $ne: op } }, { $inc: { placesFree: n, placesHeld: -n }, $push: { ops: op } } as never);
}

/** Appends the party to the waitlist (once); resolves with its position and the places free just then. */
async function enqueue(ctx: OpenDaysCtx, key: string, entry: string): Promise<{ position: number; placesFree: number }> {
  const _id = keyId(key);
  const r = await sessionCol(ctx).findOneAndUpdate({ _id, queue: { $ne: entry } }, { $push: { queue: entry }, $inc: { waiting: 1 } } as never, {
    returnDocument: 'after',
    projection: { waiting: 1, placesFree: 1 },
  });
  if (r) return { position: r.waiting as number, placesFree: r.placesFree as number };
  const cur = await sessionCol(ctx).findOne({ _id }, { projection: { queue: 1, placesFree: 1 } });
  return { position: ((cur?.queue as string[] | undefined)?.indexOf(entry) ?? -1) + 1, placesFree: (cur?.placesFree as number | undefined) ?? 0 };
}

async function dequeue(ctx: OpenDaysCtx, key: string, entry: string): Promise<void> {
  await sessionCol(ctx).updateOne({ _id: keyId(key), queue: entry }, { $pull: { queue: entry }, $inc: { waiting: -1 } } as never);
}

/** Appends the parties to the waitlist in this order (once each): one update, or one each when some were queued before. */
async function enqueueAll(ctx: OpenDaysCtx, key: string, entries: string[], extra: Record<string, unknown> = {}): Promise<{ position: number; placesFree: number }[] | null> {
  const r = await sessionCol(ctx).findOneAndUpdate(
    { _id: keyId(key), queue: { $nin: entries }, ...extra },
    { $push: { queue: { $each: entries } }, $inc: { waiting: entries.length } } as never,
    { returnDocument: 'after', projection: { waiting: 1, placesFree: 1 } },
  );
  if (r) {
    const first = (r.waiting as number) - entries.length;
    return entries.map((_e, i) => ({ position: first + i + 1, placesFree: r.placesFree as number }));
  }
  if (Object.keys(extra).length) return null;
  const out = [];
  for (const e of entries) out.push(await enqueue(ctx, key, e));
  return out;
}

interface PlaceItem {
  op: string;
  n: number;
  entry: string;
  waitlistOnly: boolean;
}
type Placed = { held: true } | { held: false; position: number; placesFree: number };

/**
 * Group commit of first holds (batch.ts): the concurrent new sign-ups of one session in this
 * process are placed together, a batch at a time, in the order they got here (their arrival
 * order). Each batch is one conditional update on the session when it can be (everyone queues:
 * somebody waits already or not even the smallest party fits; or everyone is held: all fit and
 * nobody waits), else the parties one by one as lone requests would be. Every update carries the
 * same preconditions and idempotency marks (`ops`, queue membership) as the single ones, so
 * several processes stay correct and a crash mid-batch is driven on from each registration's intent.
 */
function placeGrouped(ctx: OpenDaysCtx, key: string, item: PlaceItem): Promise<Placed> {
  return inBatch(ctx.models.Session, key, item, (items) => placeBatch(ctx, key, items));
}

/**
 * Finishes first places in one bulk write (each conditional on its op id, as `finish` is);
 * true for each when all of them applied, else false for each (the caller reads its registration).
 */
function finishPlaced(ctx: OpenDaysCtx, item: { _id: Types.ObjectId; op: string; set: Record<string, unknown> }): Promise<boolean> {
  return inBatch(ctx.models.Registration, 'finish-place', item, async (items) => {
    const r = await ctx.models.Registration.collection.bulkWrite(
      items.map((it) => ({ updateOne: { filter: { _id: it._id, 'pendingOp.id': it.op }, update: { $set: it.set } } })),
      { ordered: false },
    );
    const all = r.modifiedCount === items.length;
    return items.map(() => all);
  });
}

async function placeBatch(ctx: OpenDaysCtx, key: string, batch: PlaceItem[]): Promise<Placed[]> {
  const entries = batch.map((b) => b.entry);
  const holdable = batch.filter((b) => !b.waitlistOnly);
  const smallest = holdable.length ? Math.min(...holdable.map((b) => b.n)) : Number.MAX_SAFE_INTEGER;
  const queued = await enqueueAll(ctx, key, entries, { $or: [{ waiting: { $gt: 0 } }, { placesFree: { $lt: smallest } }] });
  if (queued) return queued.map((q) => ({ held: false, ...q }));
  if (holdable.length === batch.length) {
    const sum = batch.reduce((a, b) => a + b.n, 0);
    const ops = batch.map((b) => b.op);
    const r = await sessionCol(ctx).findOneAndUpdate(
      { _id: keyId(key), placesFree: { $gte: sum }, waiting: 0, ops: { $nin: ops } },
      { $inc: { placesFree: -sum, placesHeld: sum }, $push: { ops: { $each: ops } } } as never,
      { projection: { _id: 1 } },
    );
    if (r) return batch.map(() => ({ held: true }));
  }
  // One by one until the first party that must wait; from it on everyone waits (nobody jumps it).
  const out: Placed[] = [];
  for (let i = 0; i < batch.length; i++) {
    const b = batch[i];
    if (!b.waitlistOnly && (await hold(ctx, key, b.op, b.n, true))) {
      out.push({ held: true });
      continue;
    }
    const rest = (await enqueueAll(ctx, key, entries.slice(i)))!;
    return [...out, ...rest.map((q) => ({ held: false as const, ...q }))];
  }
  return out;
}

/** Moves a waiting party to held places when enough are free; true also when done before (it left the queue under this op). */
async function offerHold(ctx: OpenDaysCtx, key: string, entry: string, n: number): Promise<boolean> {
  const _id = keyId(key);
  const r = await sessionCol(ctx).findOneAndUpdate(
    { _id, placesFree: { $gte: n }, queue: entry },
    { $inc: { placesFree: -n, placesHeld: n, waiting: -1 }, $pull: { queue: entry } } as never,
    { projection: { _id: 1 } },
  );
  if (r) return true;
  // Only this op takes a registration with a pending offer out of the queue.
  return !(await sessionCol(ctx).findOne({ _id, queue: entry }, { projection: { _id: 1 } }));
}

/** Frees the registration's hold on its account's and its ID number's one place per open day. */
export async function releaseClaims(ctx: OpenDaysCtx, reg: Pick<RegistrationDoc, '_id' | 'openDayId' | 'userId' | 'idHash'>): Promise<void> {
  await ctx.models.Claim.collection.deleteMany({
    _id: { $in: [keyId(`u:${reg.openDayId}:${String(reg.userId)}`), keyId(`i:${reg.openDayId}:${reg.idHash}`)] },
    registrationId: reg._id,
  });
}

/** `<registrationId>.<ms, base 36>.<random>`: names its registration and when it began (for pruning). */
export function opId(regId: Types.ObjectId): string {
  return `${String(regId)}.${Date.now().toString(36)}.${randomBytes(6).toString('base64url')}`;
}

/** Whether an op has outlived the lease (its request died): anyone may then drive it (every step is idempotent). */
export function isStale(ctx: OpenDaysCtx, op: PendingOp | null | undefined): boolean {
  return !!op && Date.now() - new Date(op.at).getTime() > ctx.config.OPEN_DAY_OP_LEASE_MS;
}

/**
 * Records the intent of a transition on the registration, when it is in one of `from` and no other
 * transition is under way. Resolves with the registration carrying its `pendingOp`, or null.
 */
export async function beginOp(
  ctx: OpenDaysCtx,
  regId: Types.ObjectId,
  from: readonly StoredRegistrationStatus[],
  op: { kind: PendingOpKind; n: number; fromSessionId?: string; toSessionId?: string },
  extra: Record<string, unknown> = {},
): Promise<RegistrationDoc | null> {
  const current = await ctx.models.Registration.collection.findOne({ _id: regId }, { projection: { status: 1 } });
  if (!current || !from.includes(current.status as StoredRegistrationStatus)) return null;
  const pendingOp: PendingOp = {
    id: opId(regId),
    kind: op.kind,
    fromSessionId: op.fromSessionId ?? null,
    toSessionId: op.toSessionId ?? null,
    stage: op.kind === 'move' ? 'hold' : null,
    n: op.n,
    fromStatus: current.status as StoredRegistrationStatus,
    at: new Date(),
  };
  const doc = await ctx.models.Registration.collection.findOneAndUpdate(
    // The status read is the one the op starts from (what a cancel releases): it must still hold.
    { _id: regId, status: current.status, pendingOp: null, ...extra },
    { $set: { pendingOp, updatedAt: ctx.now() } },
    { returnDocument: 'after' },
  );
  return doc as unknown as RegistrationDoc | null;
}

/**
 * Finishes the registration's step of `op` (conditional on the op id, so a second driver cannot
 * finish it twice); resolves with the registration after it, or null when another driver did.
 */
async function finish(ctx: OpenDaysCtx, reg: RegistrationDoc, set: Record<string, unknown>, inc?: Record<string, number>): Promise<RegistrationDoc | null> {
  const doc = await ctx.models.Registration.collection.findOneAndUpdate(
    { _id: reg._id, 'pendingOp.id': reg.pendingOp!.id },
    { $set: { ...set, updatedAt: ctx.now() }, ...(inc ? { $inc: inc } : {}) },
    { returnDocument: 'after' },
  );
  return doc as unknown as RegistrationDoc | null;
}

export type DriveOutcome = 'done' | 'refused';

/**
 * Drives the registration's pending op to its end, from wherever it stopped (each step is
 * idempotent; `firstTry`: the request that recorded the intent, so nothing of it was applied
 * yet). `refused`: the op could not be done and was dropped with nothing changed (a move to a
 * full session, an offer whose places went meanwhile). Resolves with the registration after it.
 */
export async function driveOp(ctx: OpenDaysCtx, reg: RegistrationDoc, firstTry = false): Promise<{ reg: RegistrationDoc; outcome: DriveOutcome; position?: number }> {
  const op = reg.pendingOp;
  if (!op) return { reg, outcome: 'done' };
  const key = sessionKey(reg.openDayId, reg.sessionId);
  const entry = entryOf(reg);
  const after = async (r: RegistrationDoc | null) => r ?? ((await ctx.models.Registration.findById(reg._id).lean<RegistrationDoc>()) as RegistrationDoc);
  const now = ctx.now();
  switch (op.kind) {
    case 'place': {
      if (firstTry) {
        // Nothing of this op was applied yet: placed with the concurrent sign-ups of the session,
        // and the registration finished without reading it back (it is `reg` with the new fields).
        const placed = await placeGrouped(ctx, key, { op: op.id, n: reg.partySize, entry, waitlistOnly: reg.waitlistOnly });
        const set = placed.held ? { status: 'confirmed' as const, confirmedAt: now } : { status: 'waitlisted' as const, seq: placed.position };
        const ok = await finishPlaced(ctx, { _id: reg._id, op: op.id, set: { ...set, pendingOp: null, updatedAt: now } });
        if (!placed.held && placed.placesFree > 0) ctx.kickPlaces();
        const done = ok ? ({ ...reg, ...set, pendingOp: null, updatedAt: now } as RegistrationDoc) : null;
        return { reg: await after(done), outcome: 'done', ...(placed.held ? {} : { position: placed.position }) };
      }
      if (!reg.waitlistOnly && (await hold(ctx, key, op.id, reg.partySize))) {
        const done = await finish(ctx, reg, { status: 'confirmed', confirmedAt: now, pendingOp: null });
        return { reg: await after(done), outcome: 'done' };
      }
      const { position, placesFree } = await enqueue(ctx, key, entry);
      const done = await finish(ctx, reg, { status: 'waitlisted', seq: position, pendingOp: null });
      // Places may be free while nobody waiting fits (or this party is restricted to waiting): it may get them.
      if (placesFree > 0) ctx.kickPlaces();
      return { reg: await after(done), outcome: 'done', position };
    }
    case 'offer': {
      if (!(await offerHold(ctx, key, entry, op.n))) {
        return { reg: await after(await finish(ctx, reg, { pendingOp: null })), outcome: 'refused' };
      }
      const session = await ctx.models.Session.findById(keyId(key), { startsAt: 1 }).lean<SessionStateDoc>();
      const until = Math.min(now.getTime() + ctx.config.OPEN_DAY_OFFER_MINUTES * 60_000, session ? new Date(session.startsAt).getTime() : Infinity);
      const done = await finish(ctx, reg, { status: 'offered', offeredAt: now, offerExpiresAt: new Date(until), noticeDue: 'offer', pendingOp: null }, { offerCount: 1 });
      return { reg: await after(done), outcome: 'done' };
    }
    case 'cancel':
    case 'lapse':
    case 'no_show': {
      if (HOLDING.has(op.fromStatus)) await release(ctx, key, op.id, op.n);
      else if (op.fromStatus === 'waitlisted') await dequeue(ctx, key, entry);
      const set =
        op.kind === 'cancel'
          ? { status: 'cancelled', cancelledAt: now }
          : op.kind === 'lapse'
            ? { status: 'lapsed', lapsedAt: now, noticeDue: null }
            : { status: 'no_show', noShowAt: now };
      const done = await finish(ctx, reg, { ...set, pendingOp: null });
      await releaseClaims(ctx, reg);
      ctx.kickPlaces();
      return { reg: await after(done), outcome: 'done' };
    }
    case 'move': {
      const fromKey = sessionKey(reg.openDayId, op.fromSessionId!);
      const toKey = sessionKey(reg.openDayId, op.toSessionId!);
      let cur = reg;
      if (op.stage === 'hold') {
        let position: number | null = null;
        if (op.fromStatus === 'waitlisted') position = (await enqueue(ctx, toKey, entry)).position;
        else if (!(await hold(ctx, toKey, `${op.id}:h`, op.n))) {
          return { reg: await after(await finish(ctx, reg, { pendingOp: null })), outcome: 'refused' };
        }
        // A reminder belongs to a session: the new one gets its own.
        const moved = await finish(ctx, reg, { sessionId: op.toSessionId, 'pendingOp.stage': 'release', remindedAt: null, ...(position ? { seq: position } : {}) });
        if (!moved) return { reg: await after(null), outcome: 'done' };
        cur = moved;
      }
      if (op.fromStatus === 'waitlisted') await dequeue(ctx, fromKey, entry);
      else await release(ctx, fromKey, `${op.id}:r`, op.n);
      const done = await finish(ctx, cur, { pendingOp: null });
      ctx.kickPlaces();
      return { reg: await after(done), outcome: 'done' };
    }
  }
}

/**
 * The session counters of several sessions, by key. `counts`: places and waitlist length only,
 * without the queue and op ids (large while many wait; positions need the queue).
 */
export async function sessionStates(ctx: OpenDaysCtx, keys: string[], counts = false): Promise<Map<string, SessionStateDoc>> {
  if (!keys.length) return new Map();
  const docs = await ctx.models.Session.find({ _id: { $in: [...new Set(keys)].map(keyId) } }, counts ? { queue: 0, ops: 0 } : {}).lean<SessionStateDoc[]>();
  return new Map(docs.map((d) => [d.key, d]));
}

/** 1-based position of a waiting registration in its session's queue; null when not waiting there. */
export function positionIn(state: SessionStateDoc | undefined, reg: Pick<RegistrationDoc, '_id' | 'partySize' | 'status'>): number | null {
  if (reg.status !== 'waitlisted' || !state) return null;
  const i = state.queue.indexOf(entryOf(reg));
  return i < 0 ? null : i + 1;
}
