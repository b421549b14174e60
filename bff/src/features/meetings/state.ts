import type { PortalMeeting } from '../../upstream/portal/types';
import type { MeetingsCtx } from './context';
import type { MeetingSnapshot, MeetingStateDoc } from './model';

function snapshotOf(m: PortalMeeting): MeetingSnapshot {
  return {
    title: m.title,
    startsAt: new Date(m.startsAt),
    applicationClosesAt: new Date(m.applicationClosesAt),
    selection: m.selection,
    seats: { ...m.seats },
  };
}

const FRESH_STATE = { selected: { public: 0, stakeholder: 0, expert: 0, media: 0 }, drawSource: null, drawSourceSetAt: null, drawSourceSetBy: null };

/**
 * The meeting's state record, made on first use (upsert on meetingId) with the portal's record
 * as its snapshot; `update` adds atomic changes to the same single-document write.
 */
export async function touchState(ctx: MeetingsCtx, m: PortalMeeting, update: { $inc?: Record<string, number>; $set?: Record<string, unknown> } = {}): Promise<MeetingStateDoc> {
  const now = ctx.now();
  const $set = { snapshot: snapshotOf(m), updatedAt: now, ...update.$set };
  // MongoDB refuses one path in two operators: the insert defaults leave out what the update sets.
  const touched = [...Object.keys($set), ...Object.keys(update.$inc ?? {})].map((k) => k.split('.')[0]);
  const defaults = Object.entries({ ...FRESH_STATE, lastDrawNumber: 0, meetingId: m.id, createdAt: now }).filter(([k]) => !touched.includes(k));
  const doc = await ctx.models.State.collection.findOneAndUpdate(
    { meetingId: m.id },
    { ...(update.$inc ? { $inc: update.$inc } : {}), $set, $setOnInsert: Object.fromEntries(defaults) },
    { upsert: true, returnDocument: 'after' },
  );
  return doc as unknown as MeetingStateDoc;
}

/** The next public draw number of a meeting: 6 digits, in arrival order (one atomic $inc). */
export async function nextDrawNumber(ctx: MeetingsCtx, m: PortalMeeting): Promise<string> {
  const s = await touchState(ctx, m, { $inc: { lastDrawNumber: 1 } });
  return String(s.lastDrawNumber).padStart(6, '0');
}

/** The state of a meeting, or null before anything happened to it. */
export function readState(ctx: MeetingsCtx, meetingId: string): Promise<MeetingStateDoc | null> {
  return ctx.models.State.findOne({ meetingId }).lean<MeetingStateDoc>().exec();
}
