import type { InterpretationDetail } from '@zwgk/contracts';
import { notFound } from '../../core/errors';
import type { AppContext } from '../../deps';
import type { PortalInterpretation } from '../../upstream/portal/types';
import { loadCatalog, paragraphsOf, policyBrief, type Catalog, type Sourced } from '../policies';

/** Portal interpretation → contract detail: each structured part as paragraphs, the policy's validity, the Q&As naming it. */
export function toInterpretationDetail(i: PortalInterpretation, cat: Catalog): InterpretationDetail {
  return {
    id: i.id,
    title: i.title,
    publishedAt: i.publishedAt,
    background: paragraphsOf(i.background),
    goals: paragraphsOf(i.goals),
    mainPoints: i.mainPoints.map((s) => s.trim()).filter(Boolean),
    scope: paragraphsOf(i.scope),
    keyTerms: i.keyTerms,
    benefits: paragraphsOf(i.benefits),
    changes: paragraphsOf(i.changes),
    notes: paragraphsOf(i.notes),
    media: i.media ?? [],
    policy: policyBrief(cat, i.policyId),
    qas: (cat.qasOfInterpretation.get(i.id) ?? []).map((q) => ({ id: q.id, question: q.question })),
  };
}

/**
 * One interpretation with its sections, media, the policy it explains (with validity) and its Q&As.
 * Errors: 404 (Chinese) when the portal has no such interpretation; UpstreamError when the portal
 * fails and nothing is cached.
 */
export async function getInterpretation(ctx: AppContext, id: string): Promise<Sourced<InterpretationDetail>> {
  const cat = await loadCatalog(ctx);
  const found = cat.value.interpretationById.get(id);
  if (!found) throw notFound('没有找到这篇政策解读，可能已被撤下');
  return { ...cat, value: toInterpretationDetail(found, cat.value) };
}
