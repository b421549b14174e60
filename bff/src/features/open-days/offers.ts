import { Types } from 'mongoose';
import type { TaskHandle } from '../../core/tasks';
import { chinaMinute, cnMinute } from '../consultations/format';
import type { OpenDaysCtx } from './context';
import type { RegistrationDoc, SessionStateDoc } from './model';
import { beginOp, driveOp } from './places';
import { openDaysByIds } from './source';

/**
 * The places task: the waitlist's offers and everything that keeps the places right. One pass
 * (singleton across instances, so offers of a session are made in queue order by one driver):
 * 1. finishes operations whose request died (a `pendingOp` older than OPEN_DAY_OP_LEASE_MS);
 * 2. forgets op ids on sessions whose registration has moved on (a crash after the finish);
 * 3. lets unclaimed offers lapse (their places go back);
 * 4. offers free places to the first waiting parties that fit, in queue order;
 * 5. hands due offer notices to notify (keyed by the offer's number: told once).
 */
export async function runPlacesPass(ctx: OpenDaysCtx): Promise<number> {
  let n = 0;
  n += await resumeStaleOps(ctx);
  await forgetSettledOps(ctx);
  n += await lapseOffers(ctx);
  n += await promote(ctx);
  n += await sendOfferNotices(ctx);
  return n;
}

async function resumeStaleOps(ctx: OpenDaysCtx): Promise<number> {
  const stale = await ctx.models.Registration.find({ 'pendingOp.at': { $lt: new Date(Date.now() - ctx.config.OPEN_DAY_OP_LEASE_MS) } })
    .limit(500)
    .lean<RegistrationDoc[]>();
  for (const reg of stale) await driveOp(ctx, reg);
  return stale.length;
}

/** Op ids are kept this long after they began, so a late second driver of the op still finds it applied. */
const OP_KEEP_LEASES = 10;

async function forgetSettledOps(ctx: OpenDaysCtx): Promise<void> {
  const keepMs = Math.max(OP_KEEP_LEASES * ctx.config.OPEN_DAY_OP_LEASE_MS, 60_000);
  const sessions = await ctx.models.Session.find({ 'ops.0': { $exists: true } }, { ops: 1 }).lean<SessionStateDoc[]>();
  for (const s of sessions) {
    for (const op of s.ops) {
      const [regId, began] = op.split('.');
      if (!Types.ObjectId.isValid(regId) || Date.now() - parseInt(began, 36) < keepMs) continue;
      const reg = await ctx.models.Registration.findById(regId, { pendingOp: 1 }).lean<RegistrationDoc>();
      // An op its registration still names may be mid-way: it stays.
      if (reg?.pendingOp && op.startsWith(reg.pendingOp.id)) continue;
      await ctx.models.Session.collection.updateOne({ _id: s._id }, { $pull: { ops: op } } as never);
    }
  }
}

async function lapseOffers(ctx: OpenDaysCtx): Promise<number> {
  const due = await ctx.models.Registration.find({ status: 'offered', offerExpiresAt: { $lte: ctx.now() }, pendingOp: null }, { _id: 1, partySize: 1 }).lean<RegistrationDoc[]>();
  let n = 0;
  for (const r of due) {
    const began = await beginOp(ctx, r._id, ['offered'], { kind: 'lapse', n: r.partySize }, { offerExpiresAt: { $lte: ctx.now() } });
    if (!began) continue;
    await driveOp(ctx, began);
    n++;
  }
  return n;
}

/**
 * Offers free places of every session that has both, walking its queue in order and offering to
 * each party that fits. A party that fits but is busy (its own cancel or move under way, or its
 * sign-up still being placed) stops the walk for that session until the next pass, so nobody
 * behind it is served first.
 */
async function promote(ctx: OpenDaysCtx): Promise<number> {
  const now = ctx.now();
  const sessions = await ctx.models.Session.find({ waiting: { $gt: 0 }, placesFree: { $gt: 0 }, startsAt: { $gt: now } }).lean<SessionStateDoc[]>();
  let offered = 0;
  for (const s of sessions) {
    let free = s.placesFree;
    for (const entry of s.queue) {
      if (free <= 0) break;
      const [regId, size] = entry.split(':');
      const n = Number(size);
      if (n > free) continue;
      const began = await beginOp(ctx, new Types.ObjectId(regId), ['waitlisted'], { kind: 'offer', n }, { openDayId: s.openDayId, sessionId: s.sessionId });
      if (!began) {
        const cur = await ctx.models.Registration.findById(regId, { status: 1, sessionId: 1, pendingOp: 1 }).lean<RegistrationDoc>();
        if (cur && !cur.pendingOp && (cur.status !== 'waitlisted' || cur.sessionId !== s.sessionId)) {
          // Left behind by two drivers of one sign-up (one queued it, the other placed it): not waiting.
          await ctx.models.Session.collection.updateOne({ _id: s._id, queue: entry }, { $pull: { queue: entry }, $inc: { waiting: -1 } } as never);
          continue;
        }
        ctx.kickPlaces();
        break;
      }
      const r = await driveOp(ctx, began);
      if (r.outcome === 'done') {
        free -= n;
        offered++;
      } else {
        const cur = await ctx.models.Session.findById(s._id, { placesFree: 1 }).lean<SessionStateDoc>();
        free = cur?.placesFree ?? 0;
      }
    }
  }
  return offered;
}

async function sendOfferNotices(ctx: OpenDaysCtx): Promise<number> {
  const due = await ctx.models.Registration.find({ noticeDue: 'offer', pendingOp: null }).limit(500).lean<RegistrationDoc[]>();
  if (!due.length) return 0;
  const ods = await openDaysByIds(ctx, due.map((r) => r.openDayId));
  for (const reg of due) {
    const od = ods.get(reg.openDayId);
    const session = od?.sessions.find((x) => x.id === reg.sessionId);
    const title = od?.title ?? '政府开放日';
    const until = reg.offerExpiresAt ? cnMinute(reg.offerExpiresAt) : '';
    await ctx.notify({
      userId: reg.userId,
      eventId: `open-day:${String(reg._id)}:offer:${reg.offerCount}`,
      kind: 'open_day_offer',
      title: '候补递补：有名额了，请确认',
      body: `您候补的「${title}」${session ? `（${cnMinute(session.startsAt)} 场）` : ''}有名额了，请在 ${until} 前确认，逾期名额将顺延给下一位。`,
      link: `/features/open-days/pages/detail/index?id=${encodeURIComponent(reg.openDayId)}`,
      push: { topic: 'open_day', data: { title, time: session ? chinaMinute(session.startsAt) : '', status: '候补递补', note: `请在 ${until} 前确认` } },
    });
    await ctx.models.Registration.updateOne({ _id: reg._id, noticeDue: 'offer', offerCount: reg.offerCount }, { $set: { noticeDue: null } });
  }
  return due.length;
}

/** Starts the places task on the app's runner (kicked whenever places are released or a party queues). */
export function startPlacesTask(ctx: OpenDaysCtx): TaskHandle {
  return ctx.tasks.add({
    name: 'open-day-places',
    everyMs: ctx.config.OPEN_DAY_SWEEP_MS,
    // Short: a dead instance's lock holds the waitlist up for this long after a restart.
    singleton: { lockMs: 10_000 },
    run: () => runPlacesPass(ctx),
  });
}
