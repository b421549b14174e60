import type { PolicyDetail } from '@zwgk/contracts';
import { cacheKeys, type CacheHit } from '../../core/cache';
import type { AppContext } from '../../deps';
import type { PortalPolicy } from '../../upstream/portal/types';

/** Portal policy → contract detail; the replacing policy's title is looked up so the banner can link to it. */
export function toPolicyDetail(p: PortalPolicy, replacement: PortalPolicy | null): PolicyDetail {
  return {
    id: p.id,
    title: p.title,
    docNo: p.docNo ?? null,
    issuer: p.issuer,
    publishedAt: p.publishedAt,
    status: p.status,
    topics: p.topics,
    paragraphs: p.body
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
    supersededBy: replacement ? { id: replacement.id, title: replacement.title } : null,
    sourceUrl: p.sourceUrl ?? null,
  };
}

/**
 * One policy with its validity and replacement, through the cache.
 * Outcomes: the detail (fresh or stale); null when the portal has no such policy.
 * Errors: UpstreamError when the portal fails and nothing is cached.
 */
export async function getPolicy(ctx: AppContext, id: string): Promise<CacheHit<PolicyDetail | null>> {
  const policy = { freshMs: ctx.config.CACHE_FRESH_S * 1000, staleMs: ctx.config.CACHE_STALE_S * 1000 };
  return ctx.cache.get(cacheKeys.portalItem('policies', id), policy, async () => {
    const p = await ctx.upstreams.portal.get('policies', id);
    if (!p) return null;
    const replacement = p.supersededBy ? await ctx.upstreams.portal.get('policies', p.supersededBy) : null;
    return toPolicyDetail(p, replacement);
  });
}
