import type { QaSearchResponse } from '@zwgk/contracts';
import { upstreamUnavailable } from '../../core/errors';
import type { QaIndex } from './index-sync';
import type { LearningStore, SignalKind } from './learning';

export const HOTLINE = '12345';
const NO_ANSWER = '没有找到合适的答案，建议拨打 12345 政务服务便民热线咨询，或换个说法再试试';

/**
 * Searches the policy Q&As for a citizen's question.
 * Outcomes: hits best first with highlight ranges; `confident: false` with the 12345
 * suggestion when nothing fits well (then only clearly related entries, if any, are listed);
 * status 'stale' while the index cannot follow the portal.
 * Errors: 503 upstream_unavailable when no index exists yet (no snapshot, portal unreachable).
 */
export function searchQas(index: QaIndex, q: string, limit: number, learning?: LearningStore): QaSearchResponse {
  const t0 = performance.now();
  const engine = index.current();
  if (!engine) throw upstreamUnavailable('政策问答正在准备中，请稍后再试；急事请拨打 12345 政务服务便民热线');
  const r = engine.search(q, { limit, lift: learning && ((key, votesOnly) => learning.lift(key, votesOnly)) });
  return {
    query: q,
    items: r.hits.map((h) => ({
      id: h.doc.id,
      question: h.doc.question,
      answer: h.doc.answer,
      score: h.score,
      policyId: h.doc.policyId ?? null,
      topics: h.doc.topics,
      highlights: h.highlights,
    })),
    confident: r.confident,
    suggestion: r.confident ? null : { hotline: HOTLINE, message: NO_ANSWER },
    status: index.status(),
    tookMs: Math.round((performance.now() - t0) * 100) / 100,
  };
}

/**
 * Records what a citizen did after searching `q`: opened Q&A `qaId`, or voted on it.
 * Outcomes: true when counted; false when the Q&A is not in the index, the query has no
 * searchable words, or the citizen reached the daily cap (see learning.ts).
 * Errors: database errors propagate (the caller's vote itself is already stored).
 */
export async function recordSearchSignal(index: QaIndex, learning: LearningStore, userKey: string, q: string, qaId: string, kind: SignalKind): Promise<boolean> {
  const engine = index.current();
  if (!engine || !engine.has(qaId)) return false;
  return learning.record(userKey, engine.queryKey(q), qaId, kind);
}
