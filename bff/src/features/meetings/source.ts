import { OBSERVER_CATEGORY_LABELS, type CategorySeats, type MeetingPhase, type ObserverCategory } from '@zwgk/contracts';
import { cacheKeys } from '../../core/cache';
import { notFound } from '../../core/errors';
import type { AppContext } from '../../deps';
import type { PortalMeeting } from '../../upstream/portal/types';
import type { Sourced } from '../policies';
import { OBSERVER_CATEGORIES } from './model';

/**
 * Meetings come from the portal through the SWR cache (the same list entry the home feed
 * reads): fresh for CACHE_FRESH_S, then served stale while the portal is down, so applying,
 * reviewing and drawing keep working on the last known copy.
 */
function policyOf(ctx: AppContext) {
  return { freshMs: ctx.config.CACHE_FRESH_S * 1000, staleMs: ctx.config.CACHE_STALE_S * 1000 };
}

/** Every meeting, latest start first. Errors: UpstreamError when the portal fails and nothing is cached. */
export function loadMeetings(ctx: AppContext): Promise<Sourced<PortalMeeting[]>> {
  return ctx.cache
    .get(cacheKeys.portalList('meetings', 'all'), policyOf(ctx), () => ctx.upstreams.portal.listAll('meetings', { sort: '-startsAt' }))
    .then((h) => ({ value: h.value, status: h.status, storedAt: h.storedAt }));
}

/**
 * One meeting: from the cached list, or (published since the list was cached) on its own.
 * Errors: 404 unknown; UpstreamError when the portal fails and nothing is cached.
 */
export async function findMeeting(ctx: AppContext, id: string): Promise<Sourced<PortalMeeting>> {
  const list = await loadMeetings(ctx);
  const known = list.value.find((m) => m.id === id);
  if (known) return { ...list, value: known };
  const hit = await ctx.cache.get(cacheKeys.portalItem('meetings', id), policyOf(ctx), () => ctx.upstreams.portal.get('meetings', id));
  if (!hit.value) throw notFound('没有找到这次会议，可能已被撤下');
  return { value: hit.value, status: hit.status, storedAt: hit.storedAt };
}

export const isClosed = (m: PortalMeeting, now: Date) => now.getTime() >= Date.parse(m.applicationClosesAt);
export const hasStarted = (m: PortalMeeting, now: Date) => now.getTime() >= Date.parse(m.startsAt);

/** Categories that take observers at this meeting. */
export function categoriesWithSeats(m: PortalMeeting): ObserverCategory[] {
  return OBSERVER_CATEGORIES.filter((c) => m.seats[c] > 0);
}

export function totalSeats(m: PortalMeeting): number {
  return OBSERVER_CATEGORIES.reduce((n, c) => n + m.seats[c], 0);
}

/**
 * Where a meeting stands: `open` before the close, `held` once started; in between `selected`
 * when selection is done (review: nothing left `submitted`; lottery: every category drawn),
 * else `closed`.
 */
export function phaseOf(m: PortalMeeting, now: Date, selectionDone: boolean): MeetingPhase {
  if (!isClosed(m, now)) return 'open';
  if (hasStarted(m, now)) return 'held';
  return selectionDone ? 'selected' : 'closed';
}

/** Per-category counts of one meeting: applications not withdrawn, and selected or confirmed. */
export type CategoryCounts = Record<ObserverCategory, { applications: number; selected: number; submitted: number }>;

export function seatsView(m: PortalMeeting, counts: CategoryCounts): CategorySeats[] {
  return OBSERVER_CATEGORIES.map((c) => ({
    category: c,
    label: OBSERVER_CATEGORY_LABELS[c],
    seats: m.seats[c],
    applications: counts[c].applications,
    selected: counts[c].selected,
  }));
}
