import type { PortalMeeting } from '../../upstream/portal/types';
import type { MeetingsCtx } from './context';
import { drawKey, type MeetingApplicationDoc, type MeetingDrawDoc } from './model';
import { NO_SEALED } from './views';

/**
 * Settles an observer's withdrawal (the application is already `withdrawn` with
 * `replacementDue`), idempotently, so a request and the task may both run it:
 * - review: the seat goes back (`replacementDue` cleared first, then `selected.<category>`
 *   −1: a crash between loses a seat, never oversells one);
 * - lottery: the draw record is the one place that decides, one conditional $push of
 *   {withdrawn, replacedBy} naming a reserve no other replacement took; then that reserve is
 *   promoted (`reserve` → `selected`, `replacesDrawNumber`, told); a reserve who left in between
 *   is pulled from the entry and the next one taken; none left → `replacedBy: null`.
 */
export async function settleWithdrawal(ctx: MeetingsCtx, w: MeetingApplicationDoc, m: PortalMeeting | null): Promise<void> {
  const selection = m?.selection ?? (await ctx.models.State.findOne({ meetingId: w.meetingId }).lean())?.snapshot?.selection ?? 'review';
  if (selection === 'review') {
    const cleared = await ctx.models.Application.updateOne({ _id: w._id, replacementDue: true }, { $set: { replacementDue: false } });
    if (cleared.modifiedCount) await ctx.models.State.updateOne({ meetingId: w.meetingId }, { $inc: { [`selected.${w.category}`]: -1 } });
    return;
  }
  const key = drawKey(w.meetingId, w.category);
  for (let attempt = 0; attempt < 50; attempt++) {
    const draw = await ctx.models.Draw.findOne({ key }).lean<MeetingDrawDoc>();
    if (!draw?.drawnAt) break; // no draw: nothing to replace (cannot happen for a selected lottery observer)
    let entry = draw.replacements.find((r) => r.withdrawn === w.drawNumber);
    if (!entry) {
      const taken = new Set(draw.replacements.map((r) => r.replacedBy));
      const reserves = await ctx.models.Application.find({ meetingId: w.meetingId, category: w.category, status: 'reserve' }, { drawNumber: 1, reserveRank: 1 })
        .sort({ reserveRank: 1 })
        .lean<MeetingApplicationDoc[]>();
      const next = reserves.find((r) => !taken.has(r.drawNumber))?.drawNumber ?? null;
      const at = ctx.now();
      const filter: Record<string, unknown> = { key, 'replacements.withdrawn': { $ne: w.drawNumber } };
      if (next) filter['replacements.replacedBy'] = { $ne: next };
      const pushed = await ctx.models.Draw.updateOne(filter, { $push: { replacements: { withdrawn: w.drawNumber, replacedBy: next, at } } });
      if (!pushed.modifiedCount) continue; // another settle decided first: read again
      entry = { withdrawn: w.drawNumber, replacedBy: next, at };
    }
    if (entry.replacedBy) {
      const now = ctx.now();
      const promoted = await ctx.models.Application.findOneAndUpdate(
        { meetingId: w.meetingId, drawNumber: entry.replacedBy, status: 'reserve' },
        { $set: { status: 'selected', selectedAt: now, reserveRank: null, replacesDrawNumber: w.drawNumber, noticeDue: 'promoted', updatedAt: now } },
        { new: true, projection: NO_SEALED },
      ).lean<MeetingApplicationDoc>();
      if (!promoted) {
        const r = await ctx.models.Application.findOne({ meetingId: w.meetingId, drawNumber: entry.replacedBy }, { replacesDrawNumber: 1 }).lean<MeetingApplicationDoc>();
        if (r?.replacesDrawNumber !== w.drawNumber) {
          // The named reserve left before taking the seat: undo this entry and take the next.
          await ctx.models.Draw.updateOne({ key }, { $pull: { replacements: { withdrawn: w.drawNumber, replacedBy: entry.replacedBy } } });
          continue;
        }
      }
      ctx.kick();
    }
    break;
  }
  await ctx.models.Application.updateOne({ _id: w._id, replacementDue: true }, { $set: { replacementDue: false } });
}
