import type { TaskHandle } from '../../core/tasks';
import type { HotlineCtx } from './sync';

const DAY_MS = 86_400_000;
const BATCH = 200;

/**
 * Keeps a hotline request's personal data only as long as HOTLINE_RETENTION_DAYS: past it
 * (counted from submission), the contact name and phone, the account, the place and the
 * photos are erased, and the record keeps what the citizen's list needs (tracking number,
 * type, title, status and timeline). The case system holds the official record. Runs daily
 * on one instance; a pass handles a bounded number of records per batch until none are left.
 */
export function startRetention(ctx: HotlineCtx): TaskHandle {
  async function pass(signal: { stopped: boolean }): Promise<number> {
    const cutoff = new Date(ctx.now().getTime() - ctx.config.HOTLINE_RETENTION_DAYS * DAY_MS);
    let erased = 0;
    while (!signal.stopped) {
      const due = await ctx.models.Ticket.find({ submittedAt: { $lt: cutoff }, erasedAt: null }, { _id: 1, photoIds: 1 }).limit(BATCH).lean();
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
    if (erased) ctx.logger.info({ erased, retentionDays: ctx.config.HOTLINE_RETENTION_DAYS }, 'personal data of old hotline requests erased');
    return erased;
  }
  return ctx.tasks.add({ name: 'hotline-retention', everyMs: DAY_MS, run: pass, singleton: { lockMs: 3_600_000 } });
}
