import type { TaskHandle } from '../../core/tasks';
import { eraseTicketPersonalData } from './erase';
import type { HotlineCtx } from './sync';

const DAY_MS = 86_400_000;

/**
 * Keeps a hotline request's personal data only as long as HOTLINE_RETENTION_DAYS: past it
 * (counted from submission), the contact name and phone, the account, the place and the
 * photos are erased, and the record keeps what the citizen's list needs (tracking number,
 * type, title, status and timeline). The case system holds the official record. Runs daily
 * on one instance (eraseTicketPersonalData works in bounded batches).
 */
export function startRetention(ctx: HotlineCtx): TaskHandle {
  async function pass(signal: { stopped: boolean }): Promise<number> {
    const cutoff = new Date(ctx.now().getTime() - ctx.config.HOTLINE_RETENTION_DAYS * DAY_MS);
    const erased = await eraseTicketPersonalData(ctx, { submittedAt: { $lt: cutoff } }, signal);
    if (erased) ctx.logger.info({ erased, retentionDays: ctx.config.HOTLINE_RETENTION_DAYS }, 'personal data of old hotline requests erased');
    return erased;
  }
  return ctx.tasks.add({ name: 'hotline-retention', everyMs: DAY_MS, run: pass, singleton: { lockMs: 3_600_000 } });
}
