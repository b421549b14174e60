import type { Types } from 'mongoose';
import type { HotlineStatus } from '@zwgk/contracts';
import type { CaseRating, CaseTicket } from '../../upstream/case/types';
import type { AppContext } from '../../deps';
import type { Notify } from '../notifications';
import type { HotlineModels, TicketDoc, TimelineEntry } from './model';
import { noticesOf } from './notices';

export type HotlineCtx = AppContext & { models: HotlineModels; notify: Notify };

/** Tells a ticket's owner what changed between `before` and `after` (受理, 办结, 转交未成功): only the new notices. */
export async function tellOwner(ctx: HotlineCtx, before: TicketDoc, after: TicketDoc): Promise<void> {
  const known = new Set(noticesOf(before).map((n) => n.eventId));
  for (const n of noticesOf(after)) if (!known.has(n.eventId)) await ctx.notify(n);
}

/** What we learnt about a case ticket: timeline entries by position, maybe its rating. */
export interface CaseUpdate {
  entries: TimelineEntry[];
  dueAt?: Date;
  rating?: CaseRating | null;
}

/** Our own first timeline entry, written at submission (position 0, before the case system's). */
export const SUBMITTED_NOTE = '诉求已提交，正在转交 12345 热线';

/** Position of an event in its ticket's timeline, from the case system's `<ticketNo>.<position>` event id. */
export function positionOf(eventId: string, ticketNo: string): number | null {
  if (!eventId.startsWith(`${ticketNo}.`)) return null;
  const n = Number(eventId.slice(ticketNo.length + 1));
  return Number.isInteger(n) && n > 0 ? n : null;
}

/** Timeline entries of a full case ticket (positions are 1-based, as in its event ids). */
export function updateFromCaseTicket(t: CaseTicket): CaseUpdate {
  return {
    entries: t.timeline.map((e, i) => ({ pos: i + 1, status: e.status, at: new Date(e.at), department: e.department, note: e.note })),
    dueAt: new Date(t.dueAt),
    rating: t.rating,
  };
}

/**
 * The fields of `doc` that change when `update` is merged into it, or null when it brings
 * nothing new. Entries are keyed by position, so repeats are no-ops and late arrivals slot
 * into place; the status is that of the highest position.
 */
export function mergedFields(doc: TicketDoc, update: CaseUpdate): Partial<TicketDoc> | null {
  const byPos = new Map<number, TimelineEntry>(doc.timeline.map((e) => [e.pos, e]));
  let changed = false;
  for (const e of update.entries) {
    if (!byPos.has(e.pos)) {
      byPos.set(e.pos, e);
      changed = true;
    }
  }
  const set: Partial<TicketDoc> = {};
  const rating = update.rating;
  if (rating && rating.ratedAt) {
    const ratedAt = new Date(rating.ratedAt);
    if (!doc.rating || new Date(doc.rating.ratedAt).getTime() < ratedAt.getTime()) {
      set.rating = { rating: rating.rating, comment: rating.comment ?? null, ratedAt, reopenRequested: false };
      changed = true;
    }
  }
  if (update.dueAt && (!doc.dueAt || new Date(doc.dueAt).getTime() !== update.dueAt.getTime())) {
    set.dueAt = update.dueAt;
    changed = true;
  }
  if (!changed) return null;
  const timeline = [...byPos.values()].sort((a, b) => a.pos - b.pos);
  set.timeline = timeline;
  set.status = timeline[timeline.length - 1].status as HotlineStatus;
  set.department = [...timeline].reverse().find((e) => e.department)?.department ?? doc.department ?? null;
  set.acceptedAt = timeline.find((e) => e.status === 'accepted')?.at ?? doc.acceptedAt ?? null;
  set.firstClosedAt = timeline.find((e) => e.status === 'closed')?.at ?? null;
  return set;
}

/**
 * Merges what the case system told us (an event, a polled ticket, an answer) into our ticket.
 * Entries are keyed by position, so repeats are no-ops and late arrivals slot into place; the
 * status is that of the highest position. Written with a revision precondition and retried
 * on a concurrent change. Outcome: `missing` (no such ticket), `duplicate` (nothing new) or `applied`.
 */
export async function mergeCaseUpdate(
  ctx: HotlineCtx,
  filter: { caseTicketNo: string } | { _id: Types.ObjectId },
  update: CaseUpdate,
): Promise<'missing' | 'duplicate' | 'applied'> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const doc = await ctx.models.Ticket.findOne(filter).lean<TicketDoc>();
    if (!doc) return 'missing';
    const set = mergedFields(doc, update);
    if (!set) return 'duplicate';
    // Told before the write: if the write is lost (a crash, a concurrent change), the update
    // comes again (retried event, poll) and telling it again is a no-op, being keyed.
    await tellOwner(ctx, doc, { ...doc, ...set });
    const res = await ctx.models.Ticket.updateOne({ _id: doc._id, rev: doc.rev }, { $set: set, $inc: { rev: 1 } });
    if (res.matchedCount === 1) return 'applied';
  }
  throw new Error('ticket kept changing while merging a case update');
}

/** Applies the status events that arrived before we knew which of our tickets they belong to. */
export async function applyParkedEvents(ctx: HotlineCtx, caseTicketNo: string): Promise<void> {
  const parked = await ctx.models.ParkedEvent.find({ ticketNo: caseTicketNo }).lean();
  if (!parked.length) return;
  const entries: TimelineEntry[] = [];
  for (const p of parked) {
    const pos = positionOf(p.eventId, caseTicketNo);
    if (pos) entries.push({ pos, status: p.status as HotlineStatus, at: new Date(p.at), department: p.department, note: p.note });
  }
  const outcome = await mergeCaseUpdate(ctx, { caseTicketNo }, { entries });
  // Only the events merged here: one parked meanwhile waits for the next pass instead of being lost.
  if (outcome !== 'missing') await ctx.models.ParkedEvent.deleteMany({ _id: { $in: parked.map((p) => p._id) } });
}
