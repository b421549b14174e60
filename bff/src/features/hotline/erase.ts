import type { FilterQuery } from 'mongoose';
import type { HotlineModels, TicketDoc } from './model';

const BATCH = 200;

/**
 * Erases the personal data of the requests matching `filter` that still hold it: the contact
 * name and phone, the citizen's account of the matter, the place and the photos. The record
 * keeps what the statistics and the case file need (tracking number, type, title, status,
 * timeline, deadline, rating). Works in bounded batches until none are left or `signal` stops
 * it; each request is erased in one conditional update, so a repeat only finishes what is left.
 * Requests erased before the case system got them are withdrawn (`forward.state`).
 * Resolves to how many requests were erased.
 */
export async function eraseTicketPersonalData(
  ctx: { models: HotlineModels; now: () => Date },
  filter: FilterQuery<TicketDoc>,
  signal: { stopped: boolean } = { stopped: false },
): Promise<number> {
  let erased = 0;
  while (!signal.stopped) {
    const due = await ctx.models.Ticket.find({ ...filter, erasedAt: null }, { _id: 1, photoIds: 1 }).limit(BATCH).lean();
    if (!due.length) break;
    for (const t of due) {
      await ctx.models.Ticket.updateOne(
        { _id: t._id, erasedAt: null },
        {
          $set: {
            contactNameEnc: null,
            contactPhoneEnc: null,
            description: '',
            descriptionEnc: null,
            location: null,
            locationEnc: null,
            photoIds: [],
            photoMimes: [],
            erasedAt: ctx.now(),
          },
          $inc: { rev: 1 },
        },
      );
      if (t.photoIds.length) await ctx.models.Photo.deleteMany({ _id: { $in: t.photoIds } });
      erased++;
    }
    if (due.length < BATCH) break;
  }
  // An erased request still waiting for the case system is not sent any more (one being sent
  // right now finishes; should it fail, the forwarder withdraws it then).
  await ctx.models.Ticket.updateMany(
    { ...filter, erasedAt: { $ne: null }, 'forward.state': 'pending', 'forward.leaseId': null },
    { $set: { 'forward.state': 'withdrawn', 'forward.lastError': null }, $inc: { rev: 1 } },
  );
  return erased;
}
