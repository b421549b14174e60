import type { PolicyDetail, PolicyListQuery, PolicyListResponse, PolicySummary, TopicSummary } from '@zwgk/contracts';
import { cacheKeys } from '../../core/cache';
import { notFound } from '../../core/errors';
import type { AppContext } from '../../deps';
import type { PortalPolicy } from '../../upstream/portal/types';
import { contentPolicy, envelope, loadCatalog, paragraphsOf, type Catalog, type Sourced } from './catalog';

const CHINA_OFFSET_MS = 8 * 3600_000;

/** Year of an instant on the China calendar (policies are dated in China time). */
export function chinaYear(iso: string): number {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).getUTCFullYear();
}

/** Portal policy → contract detail, with the replacement and the links both ways taken from the catalog. */
export function toPolicyDetail(p: PortalPolicy, cat: Catalog): PolicyDetail {
  const replacement = p.supersededBy ? cat.policyById.get(p.supersededBy) : undefined;
  return {
    id: p.id,
    title: p.title,
    docNo: p.docNo ?? null,
    issuer: p.issuer,
    publishedAt: p.publishedAt,
    status: p.status,
    topics: p.topics,
    paragraphs: paragraphsOf(p.body),
    supersededBy: replacement ? { id: replacement.id, title: replacement.title } : null,
    sourceUrl: p.sourceUrl ?? null,
    interpretations: (cat.interpretationsOfPolicy.get(p.id) ?? []).map((i) => ({ id: i.id, title: i.title })),
    qas: (cat.qasOfPolicy.get(p.id) ?? []).map((q) => ({ id: q.id, question: q.question })),
  };
}

/**
 * One policy with its validity, replacement, interpretations and Q&As.
 * Outcomes: the detail (fresh or stale). A policy the cached catalog does not list yet (published
 * within the cache's fresh time) is fetched on its own.
 * Errors: 404 (Chinese) when the portal has no such policy; UpstreamError when the portal fails and nothing is cached.
 */
export async function getPolicy(ctx: AppContext, id: string): Promise<Sourced<PolicyDetail>> {
  const cat = await loadCatalog(ctx);
  const known = cat.value.policyById.get(id);
  if (known) return { ...cat, value: toPolicyDetail(known, cat.value) };
  const hit = await ctx.cache.get(cacheKeys.portalItem('policies', id), contentPolicy(ctx), () => ctx.upstreams.portal.get('policies', id));
  if (!hit.value) throw notFound('没有找到这份政策文件，可能已被撤下');
  return { value: toPolicyDetail(hit.value, cat.value), status: hit.status, storedAt: hit.storedAt };
}

function facet(values: Array<string | number>, order: 'count' | 'desc' = 'count') {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => (order === 'desc' ? b.value.localeCompare(a.value) : b.count - a.count || a.value.localeCompare(b.value, 'zh')));
}

/**
 * A page of policies, newest first, filtered by topic, issuer, validity and year (all optional,
 * combined with AND), with facets over every policy for the filter pickers.
 * Errors: UpstreamError when the portal fails and nothing is cached.
 */
export async function listPolicies(ctx: AppContext, q: PolicyListQuery): Promise<PolicyListResponse> {
  const src = await loadCatalog(ctx);
  const cat = src.value;
  const matches = cat.policies
    .filter(
      (p) =>
        (!q.topic || p.topics.includes(q.topic)) &&
        (!q.issuer || p.issuer === q.issuer) &&
        (!q.status || p.status === q.status) &&
        (!q.year || chinaYear(p.publishedAt) === q.year),
    )
    .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || a.id.localeCompare(b.id));
  const start = (q.page - 1) * q.pageSize;
  const items: PolicySummary[] = matches.slice(start, start + q.pageSize).map((p) => ({
    id: p.id,
    title: p.title,
    docNo: p.docNo ?? null,
    issuer: p.issuer,
    publishedAt: p.publishedAt,
    status: p.status,
    topics: p.topics,
    interpretationCount: cat.interpretationsOfPolicy.get(p.id)?.length ?? 0,
    qaCount: cat.qasOfPolicy.get(p.id)?.length ?? 0,
  }));
  return envelope(src, {
    items,
    page: q.page,
    pageSize: q.pageSize,
    total: matches.length,
    facets: {
      topics: facet(cat.policies.flatMap((p) => p.topics)),
      issuers: facet(cat.policies.map((p) => p.issuer)),
      years: facet(cat.policies.map((p) => chinaYear(p.publishedAt)), 'desc'),
      statuses: facet(cat.policies.map((p) => p.status)),
    },
  });
}

/**
 * Topics (主题) across policies and Q&As with how much each holds, most Q&As first.
 * An interpretation counts under the topics of its policy.
 * Errors: UpstreamError when the portal fails and nothing is cached.
 */
export async function listTopics(ctx: AppContext): Promise<Sourced<TopicSummary[]>> {
  const src = await loadCatalog(ctx);
  const cat = src.value;
  const topics = new Map<string, TopicSummary>();
  const of = (name: string) => {
    let t = topics.get(name);
    if (!t) topics.set(name, (t = { name, policyCount: 0, inForceCount: 0, interpretationCount: 0, qaCount: 0 }));
    return t;
  };
  for (const p of cat.policies) {
    for (const name of p.topics) {
      const t = of(name);
      t.policyCount += 1;
      if (p.status === 'in_force') t.inForceCount += 1;
      t.interpretationCount += cat.interpretationsOfPolicy.get(p.id)?.length ?? 0;
    }
  }
  for (const q of cat.qas) for (const name of q.topics) of(name).qaCount += 1;
  const items = [...topics.values()].sort((a, b) => b.qaCount - a.qaCount || b.policyCount - a.policyCount || a.name.localeCompare(b.name, 'zh'));
  return { ...src, value: items };
}
