import { Types } from 'mongoose';
import { ErrorCode } from '@zwgk/contracts';
import { AppError } from '../../core/errors';
import type { TaskHandle, TaskSignal } from '../../core/tasks';
import type { HotlineCtx } from './sync';

const DAY_MS = 86_400_000;
/** An unattached photo older than this is swept away. */
export const PHOTO_UNATTACHED_TTL_MS = DAY_MS;
/**
 * A submission may reference only photos younger than this: an hour less than the sweep's
 * age, so a photo being attached is never the one the sweep is deleting at the same moment.
 */
export const PHOTO_ATTACHABLE_MS = PHOTO_UNATTACHED_TTL_MS - 3_600_000;

const quotaKey = (userId: string) => `hotline:photo-uploads:${userId}`;

function quotaError(message: string, retryAfterMs: number): AppError {
  const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AppError(ErrorCode.rateLimited, 429, message, { retryAfter }, true, { 'Retry-After': String(retryAfter) });
}

const formatSize = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`);

/**
 * Refuses an upload before its body is read when the citizen has already used today's count
 * (a cheap read of the Kv counter, so a flood of large bodies is not read in full).
 * Errors: 429 with a Chinese message. A Kv outage lets the upload through (logged).
 */
export async function precheckPhotoQuota(ctx: HotlineCtx, userId: string): Promise<void> {
  const max = ctx.config.HOTLINE_PHOTO_DAILY_MAX;
  const used = Number((await ctx.kv.get(quotaKey(userId)).catch(() => null)) ?? 0);
  if (used >= max) throw quotaError(`今天上传的图片已达上限（${max} 张），请明天再试`, DAY_MS);
}

/**
 * Counts one upload of `size` bytes against the citizen's daily quota: at most
 * HOTLINE_PHOTO_DAILY_MAX photos per Kv day window (kv.hit) and HOTLINE_PHOTO_DAILY_MAX_BYTES
 * over the photos they stored in the last 24 hours (summed from the photos themselves, as the
 * Kv counts by one). Errors: 429 with a Chinese message naming the limit.
 */
export async function chargePhotoQuota(ctx: HotlineCtx, userId: string, size: number): Promise<void> {
  const maxBytes = ctx.config.HOTLINE_PHOTO_DAILY_MAX_BYTES;
  const since = new Date(ctx.now().getTime() - DAY_MS);
  const [sum] = await ctx.models.Photo.aggregate<{ bytes: number }>([
    { $match: { ownerId: new Types.ObjectId(userId), createdAt: { $gte: since } } },
    { $group: { _id: null, bytes: { $sum: '$size' } } },
  ]);
  if ((sum?.bytes ?? 0) + size > maxBytes) {
    throw quotaError(`今天上传的图片总大小已达上限（${formatSize(maxBytes)}），请明天再试`, DAY_MS);
  }
  const max = ctx.config.HOTLINE_PHOTO_DAILY_MAX;
  let hit: { count: number; resetMs: number };
  try {
    hit = await ctx.kv.hit(quotaKey(userId), DAY_MS);
  } catch (err) {
    ctx.logger.warn({ err }, 'photo quota counter unavailable; upload allowed');
    return;
  }
  if (hit.count > max) throw quotaError(`今天上传的图片已达上限（${max} 张），请明天再试`, hit.resetMs);
}

const SWEEP_BATCH = 500;

/**
 * Deletes, every HOTLINE_PHOTO_SWEEP_MS, photos older than 24 h that no ticket references
 * (uploaded, then the form was abandoned). Works in batches so one sweep stays small; a
 * batch that was all referenced moves the cursor past it.
 */
export function startPhotoSweep(ctx: HotlineCtx): TaskHandle {
  const log = ctx.logger.child({ task: 'hotline-photo-sweep' });

  async function sweep(signal: TaskSignal): Promise<number> {
    const cutoff = new Date(ctx.now().getTime() - PHOTO_UNATTACHED_TTL_MS);
    let deleted = 0;
    let after: Types.ObjectId | null = null;
    while (!signal.stopped) {
      const filter: Record<string, unknown> = { createdAt: { $lt: cutoff } };
      if (after) filter._id = { $gt: after };
      const batch = await ctx.models.Photo.find(filter, { _id: 1 }).sort({ _id: 1 }).limit(SWEEP_BATCH).lean();
      if (!batch.length) break;
      const ids = batch.map((p) => p._id);
      const used = await ctx.models.Ticket.find({ photoIds: { $in: ids } }, { photoIds: 1 }).lean();
      const referenced = new Set(used.flatMap((t) => t.photoIds.map(String)));
      const unused = ids.filter((id) => !referenced.has(String(id)));
      if (unused.length) deleted += (await ctx.models.Photo.deleteMany({ _id: { $in: unused }, createdAt: { $lt: cutoff } })).deletedCount ?? 0;
      if (batch.length < SWEEP_BATCH) break;
      after = ids[ids.length - 1];
    }
    if (deleted) log.info({ deleted }, 'unattached hotline photos deleted');
    return deleted;
  }

  return ctx.tasks.add({ name: 'hotline-photo-sweep', everyMs: ctx.config.HOTLINE_PHOTO_SWEEP_MS, run: sweep });
}
