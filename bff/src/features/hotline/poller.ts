import { randomUUID } from 'node:crypto';
import type { CaseTicket } from '../../upstream/case/types';
import { caseIdempotencyKey } from './forwarder';
import { applyParkedEvents, mergeCaseUpdate, updateFromCaseTicket, type HotlineCtx } from './sync';

const CURSOR_KEY = 'hotline:sync:cursor';
const LOCK_KEY = 'hotline:sync:lock';
const PAGE = 200;
const MAX_PAGES = 100;

export interface SyncPoller {
  /** One reconciliation pass; resolves with how many case tickets it looked at (0 when another instance holds the lock). */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Polling fallback for lost status events: asks the case system for tickets updated since
 * the last pass and merges them. One instance at a time (a lock in the Kv); the cursor is
 * kept in the Kv too, backed off by a millisecond so tickets sharing the cursor's instant are
 * seen again rather than skipped (merging is idempotent). It also finishes deliveries whose
 * answer was lost: a case ticket carrying one of our keys is mapped to its submission.
 */
export function startSyncPoller(ctx: HotlineCtx): SyncPoller {
  const every = ctx.config.HOTLINE_SYNC_POLL_MS;
  const log = ctx.logger.child({ task: 'hotline-sync' });
  let stopped = false;
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;

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

  async function pass(): Promise<number> {
    const owner = randomUUID();
    const lockMs = Math.max(30_000, every * 2);
    if (!(await ctx.kv.setIfAbsent(LOCK_KEY, owner, lockMs))) return 0;
    let seen = 0;
    try {
      let cursor = (await ctx.kv.get(CURSOR_KEY)) ?? new Date(ctx.now().getTime() - 86_400_000).toISOString();
      for (let i = 0; i < MAX_PAGES && !stopped; i++) {
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
    } finally {
      if ((await ctx.kv.get(LOCK_KEY).catch(() => null)) === owner) await ctx.kv.del(LOCK_KEY).catch(() => {});
    }
    return seen;
  }

  function runOnce(): Promise<number> {
    running ??= pass()
      .catch((err) => {
        log.warn({ err: (err as Error).message }, 'case system poll failed; retrying at the next interval');
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  const schedule = () => {
    if (stopped || every === 0) return;
    timer = setTimeout(() => void runOnce().finally(schedule), every);
    timer.unref();
  };
  schedule();

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
