import { z } from 'zod';
import { readStored, removeStored, writeStored } from '@/services';

const KEY = 'zwgk.policy.recent';
export const RECENT_MAX = 10;

export const RecentItem = z.object({
  kind: z.enum(['policy', 'interpretation', 'qa']),
  id: z.string(),
  title: z.string(),
  viewedAt: z.number(),
});
export type RecentItem = z.infer<typeof RecentItem>;

/** What this device viewed lately in the 政策 tab, newest first. Unreadable storage reads as empty. */
export function readRecent(): RecentItem[] {
  const parsed = z.array(RecentItem).safeParse(readStored(KEY));
  return parsed.success ? parsed.data : [];
}

/** Puts an item first in the recently viewed list (once, at most RECENT_MAX kept). */
export function rememberViewed(item: Omit<RecentItem, 'viewedAt'>, now = Date.now()): RecentItem[] {
  const next = [{ ...item, viewedAt: now }, ...readRecent().filter((x) => !(x.kind === item.kind && x.id === item.id))].slice(0, RECENT_MAX);
  // Storage full or unavailable: the history is a convenience, never an error.
  writeStored(KEY, next);
  return next;
}

export function clearRecent(): void {
  removeStored(KEY);
}
