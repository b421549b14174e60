import type { OpenDayPhase } from '@zwgk/contracts';
import { cacheKeys } from '../../core/cache';
import { notFound } from '../../core/errors';
import type { AppContext } from '../../deps';
import type { PortalOpenDay } from '../../upstream/portal/types';
import type { Sourced } from '../policies';

export type PortalSession = PortalOpenDay['sessions'][number];

/**
 * Open days come from the portal through the SWR cache (fresh for CACHE_FRESH_S, then served
 * marked stale while the portal is down), under the list key the home feed reads too, so sign-ups
 * keep working on the last known copy. Sessions and capacities are the portal's; places held are ours.
 */
function policyOf(ctx: AppContext) {
  return { freshMs: ctx.config.CACHE_FRESH_S * 1000, staleMs: ctx.config.CACHE_STALE_S * 1000 };
}

/** Every open day. Errors: UpstreamError when the portal fails and nothing is cached. */
export function loadOpenDays(ctx: AppContext): Promise<Sourced<PortalOpenDay[]>> {
  return ctx.cache
    .get(cacheKeys.portalList('open-days', 'all'), policyOf(ctx), () => ctx.upstreams.portal.listAll('open-days', {}))
    .then((h) => ({ value: h.value, status: h.status, storedAt: h.storedAt }));
}

/**
 * One open day: from the cached list, or (published since the list was cached) on its own.
 * Errors: 404 when the portal has no such open day; UpstreamError when it fails and nothing is cached.
 */
export async function findOpenDay(ctx: AppContext, id: string): Promise<Sourced<PortalOpenDay>> {
  const list = await loadOpenDays(ctx);
  const known = list.value.find((o) => o.id === id);
  if (known) return { ...list, value: known };
  const hit = await ctx.cache.get(cacheKeys.portalItem('open-days', id), policyOf(ctx), () => ctx.upstreams.portal.get('open-days', id));
  if (!hit.value) throw notFound('没有找到这个开放日活动，可能已被撤下');
  return { value: hit.value, status: hit.status, storedAt: hit.storedAt };
}

/** Sessions by start time (memoised per cached record: the cache hands out the same object until it refreshes). */
const sorted = new WeakMap<PortalOpenDay, PortalSession[]>();
export function sessionsOf(o: PortalOpenDay): PortalSession[] {
  let s = sorted.get(o);
  if (!s) sorted.set(o, (s = [...o.sessions].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))));
  return s;
}

/** Where an open day stands at `now`: before its registration window, in it, after it, or after its last session. */
export function phaseOf(o: PortalOpenDay, now: Date): OpenDayPhase {
  const t = now.getTime();
  const last = Math.max(...o.sessions.map((s) => Date.parse(s.endsAt)), Date.parse(o.registrationClosesAt));
  if (t >= last) return 'ended';
  if (t < Date.parse(o.registrationOpensAt)) return 'upcoming';
  if (t < Date.parse(o.registrationClosesAt)) return 'open';
  return 'closed';
}

/**
 * The open days with these ids, by id: from the cached list, and those published since it was
 * cached on their own. Ids the portal cannot answer for (down, withdrawn) are left out.
 */
export async function openDaysByIds(ctx: AppContext, ids: Iterable<string>): Promise<Map<string, PortalOpenDay>> {
  const wanted = [...new Set(ids)];
  const list = await loadOpenDays(ctx).then((s) => s.value, () => [] as PortalOpenDay[]);
  const out = new Map(list.filter((o) => wanted.includes(o.id)).map((o) => [o.id, o]));
  const missing = wanted.filter((id) => !out.has(id));
  const found = await Promise.all(missing.map((id) => findOpenDay(ctx, id).then((s) => s.value, () => null)));
  for (const o of found) if (o) out.set(o.id, o);
  return out;
}
