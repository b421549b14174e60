import type { PolicyBrief } from '@zwgk/contracts';
import { cacheKeys, type CachePolicy } from '../../core/cache';
import type { AppContext } from '../../deps';
import type { PortalInterpretation, PortalPolicy, PortalQa } from '../../upstream/portal/types';

/** The portal's policy knowledge base: policies, interpretations and Q&As, with their links indexed both ways. */
export interface Catalog {
  policies: PortalPolicy[];
  interpretations: PortalInterpretation[];
  qas: PortalQa[];
  policyById: Map<string, PortalPolicy>;
  interpretationById: Map<string, PortalInterpretation>;
  qaById: Map<string, PortalQa>;
  /** policyId → its interpretations, newest first. */
  interpretationsOfPolicy: Map<string, PortalInterpretation[]>;
  /** policyId → Q&As naming it, in portal order. */
  qasOfPolicy: Map<string, PortalQa[]>;
  /** interpretationId → Q&As naming it. */
  qasOfInterpretation: Map<string, PortalQa[]>;
}

/** Content with the freshness of its oldest part. */
export interface Sourced<T> {
  value: T;
  status: 'ok' | 'stale';
  storedAt: number;
}

// The variant name keeps these entries apart from other features' lists of the same collections.
const VARIANT = 'kb';

export function contentPolicy(ctx: AppContext): CachePolicy {
  return { freshMs: ctx.config.CACHE_FRESH_S * 1000, staleMs: ctx.config.CACHE_STALE_S * 1000 };
}

// Indexes are rebuilt only when one of the three cached lists changed (same parsed objects → same index).
let memo: { parts: unknown[]; catalog: Catalog } | null = null;

/**
 * The whole knowledge base through the SWR cache (three portal lists, each fresh for
 * CACHE_FRESH_S and served stale while the portal is down).
 * Errors: UpstreamError when the portal fails and a list was never cached.
 */
export async function loadCatalog(ctx: AppContext): Promise<Sourced<Catalog>> {
  const policy = contentPolicy(ctx);
  const { portal } = ctx.upstreams;
  const [p, i, q] = await Promise.all([
    ctx.cache.get(cacheKeys.portalList('policies', VARIANT), policy, () => portal.listAll('policies')),
    ctx.cache.get(cacheKeys.portalList('interpretations', VARIANT), policy, () => portal.listAll('interpretations')),
    ctx.cache.get(cacheKeys.portalList('qas', VARIANT), policy, () => portal.listAll('qas')),
  ]);
  const parts = [p.value, i.value, q.value];
  if (!memo || memo.parts.some((part, n) => part !== parts[n])) memo = { parts, catalog: indexCatalog(p.value, i.value, q.value) };
  return {
    value: memo.catalog,
    status: [p, i, q].some((h) => h.status === 'stale') ? 'stale' : 'ok',
    storedAt: Math.min(p.storedAt, i.storedAt, q.storedAt),
  };
}

/** Builds the link indexes of the knowledge base from the portal's three collections. */
export function indexCatalog(policies: PortalPolicy[], interpretations: PortalInterpretation[], qas: PortalQa[]): Catalog {
  const group = <T>(items: T[], keyOf: (t: T) => string | null | undefined) => {
    const m = new Map<string, T[]>();
    for (const it of items) {
      const k = keyOf(it);
      if (!k) continue;
      const list = m.get(k);
      if (list) list.push(it);
      else m.set(k, [it]);
    }
    return m;
  };
  const newestFirst = [...interpretations].sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || a.id.localeCompare(b.id));
  return {
    policies,
    interpretations,
    qas,
    policyById: new Map(policies.map((x) => [x.id, x])),
    interpretationById: new Map(interpretations.map((x) => [x.id, x])),
    qaById: new Map(qas.map((x) => [x.id, x])),
    interpretationsOfPolicy: group(newestFirst, (x) => x.policyId),
    qasOfPolicy: group(qas, (x) => x.policyId),
    qasOfInterpretation: group(qas, (x) => x.interpretationId),
  };
}

/** A policy as linked content shows it (validity banner and the link to its replacement). */
export function policyBrief(cat: Catalog, id: string | null | undefined): PolicyBrief | null {
  const p = id ? cat.policyById.get(id) : undefined;
  if (!p) return null;
  const next = p.supersededBy ? cat.policyById.get(p.supersededBy) : undefined;
  return { id: p.id, title: p.title, docNo: p.docNo ?? null, status: p.status, supersededBy: next ? { id: next.id, title: next.title } : null };
}

/** Splits portal text into readable paragraphs (the portal separates them with `\n`). */
export function paragraphsOf(text: string | null | undefined): string[] {
  return (text ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The JSON body of a content response: freshness, time of the copy, and the item. */
export function envelope<T>(src: Sourced<unknown>, body: T): { status: 'ok' | 'stale'; updatedAt: string } & T {
  return { status: src.status, updatedAt: new Date(src.storedAt).toISOString(), ...body };
}
