import { Types } from 'mongoose';
import type { OpenDayRestriction } from '@zwgk/contracts';
import { toChinaIso } from '../../core/calendar';
import { cnMinute } from '../consultations/format';
import { inBatch } from './batch';
import type { OpenDaysCtx } from './context';
import type { RegistrationDoc, SessionStateDoc } from './model';
import { beginOp, driveOp } from './places';

const DAY = 86_400_000;
/** No-shows are counted over this many days… */
const WINDOW_DAYS = 180;
/** …and reaching the limit restricts to waitlists for this many days after the no-show that reached it. */
const RESTRICT_DAYS = 90;

/**
 * Whether the citizen may only join waitlists: OPEN_DAY_NO_SHOW_LIMIT no-shows within 180 days
 * restrict them for 90 days from the no-show that reached the limit. Null when not restricted.
 * `batched`: read together with the concurrent sign-ups' (one query per batch, batch.ts).
 */
export async function restrictionOf(ctx: OpenDaysCtx, userId: Types.ObjectId, now = ctx.now(), batched = false): Promise<OpenDayRestriction | null> {
  const since = new Date(now.getTime() - (WINDOW_DAYS + RESTRICT_DAYS) * DAY);
  const times = batched ? await inBatch(ctx.models.Registration, 'no-shows', { userId, since }, noShowTimesOfMany(ctx)) : (await noShowTimesOfMany(ctx)([{ userId, since }]))[0];
  return restrictionFrom(ctx, times, now);
}

/** The accounts' no-show times since each one's `since`, ascending: one query for all. */
function noShowTimesOfMany(ctx: OpenDaysCtx) {
  return async (items: { userId: Types.ObjectId; since: Date }[]): Promise<number[][]> => {
    const since = new Date(Math.min(...items.map((x) => x.since.getTime())));
    // Native driver call: on every sign-up, so no mongoose query building or hydration.
    const docs = (await ctx.models.Registration.collection
      .find({ userId: { $in: items.map((x) => x.userId) }, status: 'no_show', noShowAt: { $gte: since } }, { projection: { _id: 0, userId: 1, noShowAt: 1 } })
      .toArray()) as unknown as Pick<RegistrationDoc, 'userId' | 'noShowAt'>[];
    return items.map((x) =>
      docs
        .filter((d) => String(d.userId) === String(x.userId) && new Date(d.noShowAt!).getTime() >= x.since.getTime())
        .map((d) => new Date(d.noShowAt!).getTime())
        .sort((a, b) => a - b),
    );
  };
}

function restrictionFrom(ctx: OpenDaysCtx, times: number[], now: Date): OpenDayRestriction | null {
  const limit = ctx.config.OPEN_DAY_NO_SHOW_LIMIT;
  let until = 0;
  times.forEach((t, j) => {
    const inWindow = times.slice(0, j + 1).filter((x) => x > t - WINDOW_DAYS * DAY).length;
    if (inWindow >= limit) until = t + RESTRICT_DAYS * DAY;
  });
  if (until <= now.getTime()) return null;
  const noShows = times.filter((t) => t > now.getTime() - WINDOW_DAYS * DAY).length;
  return {
    waitlistOnly: true,
    until: toChinaIso(new Date(until)),
    noShows,
    message: `您近 180 天内有 ${noShows} 次报名后未到场。${cnMinute(new Date(until))} 前报名开放日将先进入候补，有名额空出时按顺序通知您确认。`,
  };
}

/**
 * After a session has ended: every confirmed party not checked in becomes `no_show` (its places
 * released like any other). The session is marked done once none is left, so a crash mid-way is
 * finished by the next pass. Resolves with the registrations marked.
 */
export async function markNoShows(ctx: OpenDaysCtx): Promise<number> {
  const now = ctx.now();
  const ended = await ctx.models.Session.find({ endsAt: { $lte: now }, noShowsDoneAt: null }, { key: 1, openDayId: 1, sessionId: 1 }).lean<SessionStateDoc[]>();
  let marked = 0;
  for (const s of ended) {
    const regs = await ctx.models.Registration.find({ openDayId: s.openDayId, sessionId: s.sessionId, status: 'confirmed' }, { _id: 1, partySize: 1 }).lean<RegistrationDoc[]>();
    let left = 0;
    for (const r of regs) {
      const began = await beginOp(ctx, r._id, ['confirmed'], { kind: 'no_show', n: r.partySize });
      if (!began) {
        left++;
        continue;
      }
      await driveOp(ctx, began);
      marked++;
    }
    if (!left) await ctx.models.Session.updateOne({ _id: s._id, noShowsDoneAt: null }, { $set: { noShowsDoneAt: now } });
  }
  return marked;
}
