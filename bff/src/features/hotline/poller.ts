import type { TaskHandle, TaskSignal } from '../../core/tasks';
import type { CaseTicket } from '../../upstream/case/types';
import { caseIdempotencyKey } from './forwarder';
import { applyParkedEvents, mergeCaseUpdate, updateFromCaseTicket, type HotlineCtx } from './sync';

const CURSOR_KEY = 'hotline:sync:cursor';
const PAGE = 200;
const MAX_PAGES = 100;

/**
 * Polling fallback for lost status events: asks the case system for tickets updated since
 * the last pass and merges them. One instance at a time (a singleton task); the cursor is
 * kept in the Kv too, backed off by a millisecond so tickets sharing the cursor's instant are
 * seen again rather than skipped (merging is idempotent). It also finishes deliveries whose
 * answer was lost: a case ticket carrying one of our keys is mapped to its submission.
 */
export function startSyncPoller(ctx: HotlineCtx): TaskHandle {
  const every = ctx.config.HOTLINE_SYNC_POLL_MS;

  async function absorb(t: CaseTicket): Promise<void> {
    let outcome = await mergeCaseUpdate(ctx, { caseTicketNo: t.ticketNo }, updateFromCaseTicket(t));
    if (outcome === 'missing' && t.idempotencyKey?.startsWith('zwgk-RX-')) {
      const trackingNo = t.idempotencyKey.slice(5);
      if (caseIdempotencyKey(trackingNo) !== t.idempotencyKey) return;
      const res = await ctx.models.Ticket.updateOne(
        { trackingNo, 'forward.state': 'pending' },
        { $set: { 'forward.state': 'delivered', 'forward.deliveredAt': ctx.now(), 'forward.leaseId': null, caseTicketNo: t.ticketNo } },
      );
      if (res.matchedCount === 1) {
        outcome = await mergeCaseUpdate(ctx, { caseTicketNo: t.ticketNo }, updateFromCaseTicket(t));
        await applyParkedEvents(ctx, t.ticketNo);
      }
    }
  }

  async function pass(signal: TaskSignal): Promise<number> {
    let seen = 0;
    let cursor = (await ctx.kv.get(CURSOR_KEY)) ?? new Date(ctx.now().getTime() - 86_400_000).toISOString();
    for (let i = 0; i < MAX_PAGES && !signal.stopped; i++) {
      const page = await ctx.upstreams.caseSystem.listTickets({ updatedSince: cursor, pageSize: PAGE });
      for (const t of page.items) await absorb(t);
      seen += page.items.length;
      if (page.items.length) {
        const last = new Date(page.items[page.items.length - 1].updatedAt).getTime() - 1;
        const next = new Date(last).toISOString();
        // A full page sharing one instant would loop forever: step past it instead.
        cursor = next <= cursor ? new Date(Date.parse(cursor) + 1).toISOString() : next;
        await ctx.kv.set(CURSOR_KEY, cursor, 30 * 86_400_000);
      }
      if (page.items.length < PAGE) break;
    }
    await ctx.models.ParkedEvent.deleteMany({ createdAt: { $lt: new Date(ctx.now().getTime() - 86_400_000) } });
    return seen;
  }

  // One instance at a time: the cursor is shared, and two passes would merge everything twice.
  return ctx.tasks.add({ name: 'hotline-sync-poller', everyMs: every, run: pass, singleton: { lockMs: Math.max(30_000, every * 2) } });
}
