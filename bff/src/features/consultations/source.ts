import type { ConsultationBasisDoc, ConsultationPhase } from '@zwgk/contracts';
import { cacheKeys } from '../../core/cache';
import { notFound } from '../../core/errors';
import type { AppContext } from '../../deps';
import type { PortalConsultation } from '../../upstream/portal/types';
import { loadCatalog, type Sourced } from '../policies';
import { splitDraft, type SplitDraft } from './articles';

/**
 * Consultations come from the portal through the SWR cache: fresh for CACHE_FRESH_S, then
 * served (marked stale) while the portal is down, so pages and commenting keep working on
 * the last known copy. The list entry is the one the home feed reads too (same key, same load).
 */
function policyOf(ctx: AppContext) {
  return { freshMs: ctx.config.CACHE_FRESH_S * 1000, staleMs: ctx.config.CACHE_STALE_S * 1000 };
}

/** Every consultation, latest close first. Errors: UpstreamError when the portal fails and nothing is cached. */
export function loadConsultations(ctx: AppContext): Promise<Sourced<PortalConsultation[]>> {
  return ctx.cache
    .get(cacheKeys.portalList('consultations', 'all'), policyOf(ctx), () => ctx.upstreams.portal.listAll('consultations', { sort: '-closesAt' }))
    .then((h) => ({ value: h.value, status: h.status, storedAt: h.storedAt }));
}

/**
 * One consultation: from the cached list, or (published since the list was cached) on its own.
 * Errors: 404 when the portal has no such consultation; UpstreamError when it fails and nothing is cached.
 */
export async function findConsultation(ctx: AppContext, id: string): Promise<Sourced<PortalConsultation>> {
  const list = await loadConsultations(ctx);
  const known = list.value.find((c) => c.id === id);
  if (known) return { ...list, value: known };
  const hit = await ctx.cache.get(cacheKeys.portalItem('consultations', id), policyOf(ctx), () => ctx.upstreams.portal.get('consultations', id));
  if (!hit.value) throw notFound('没有找到这次意见征集，可能已被撤下');
  return { value: hit.value, status: hit.status, storedAt: hit.storedAt };
}

// The cache hands out the same parsed record until it refreshes, so each draft is split once.
const splits = new WeakMap<PortalConsultation, SplitDraft>();
/** The draft of a consultation split into its articles (memoised per cached record). */
export function articlesOf(c: PortalConsultation): SplitDraft {
  let s = splits.get(c);
  if (!s) splits.set(c, (s = splitDraft(c.draftText)));
  return s;
}

/** Where a consultation stands at `now` by its period (the report is looked up separately). */
export function phaseOf(c: PortalConsultation, now: Date, reported: boolean): ConsultationPhase {
  const t = now.getTime();
  if (t < Date.parse(c.opensAt)) return 'upcoming';
  if (t < Date.parse(c.closesAt)) return 'open';
  return reported ? 'reported' : 'closed';
}

/** Whole days until the close while open (0 on the last day); null otherwise. */
export function daysLeft(c: PortalConsultation, now: Date): number | null {
  const t = now.getTime();
  if (t < Date.parse(c.opensAt) || t >= Date.parse(c.closesAt)) return null;
  return Math.floor((Date.parse(c.closesAt) - t) / 86_400_000);
}

/**
 * The basis documents, each linked to our policy page when the portal has it (named in its
 * link, or by its exact title). Without the policy catalog (portal down, nothing cached) the
 * documents are listed without links.
 */
export async function basisOf(ctx: AppContext, c: PortalConsultation): Promise<ConsultationBasisDoc[]> {
  const cat = await loadCatalog(ctx).then((s) => s.value).catch(() => null);
  return c.basis.map((b) => {
    const fromUrl = /\/(pol-[A-Za-z0-9_-]+)\.html?$/.exec(b.url ?? '')?.[1];
    const byUrl = fromUrl && cat?.policyById.has(fromUrl) ? fromUrl : null;
    const byTitle = cat?.policies.find((p) => p.title === b.title)?.id ?? null;
    return { title: b.title, url: b.url ?? null, policyId: byUrl ?? byTitle };
  });
}
