import type { QaDetail, QaFeedbackResponse, QaListQuery, QaListResponse, QaSummary, QaVote } from '@zwgk/contracts';
import { notFound } from '../../core/errors';
import type { AppContext } from '../../deps';
import type { PortalQa } from '../../upstream/portal/types';
import { envelope, loadCatalog, paragraphsOf, policyBrief, type Catalog, type Sourced } from '../policies';
import type { QaModels } from './model';

export type QaCtx = AppContext & {
  models: QaModels;
  popularity?: PopularityMemo;
  /** Told of a vote given after a search (the search learns from it); errors are its own. */
  onVote?: (userId: string, query: string, qaId: string, vote: QaVote) => Promise<void>;
};

/** Views and helpful votes of every Q&A, read at most once per QA_POPULARITY_CACHE_MS by one request at a time. */
export interface PopularityMemo {
  at: number;
  value: Map<string, { views: number; helpful: number }> | null;
  loading: Promise<Map<string, { views: number; helpful: number }>> | null;
}

const RELATED_MAX = 5;
/** A viewer counts once per Q&A in this window, so reloading a page does not inflate 浏览量. */
const VIEW_WINDOW_MS = 6 * 3600_000;
/** Popularity: a helpful vote weighs as much as this many views. */
const HELPFUL_WEIGHT = 5;

const missing = () => notFound('没有找到这条问答，可能已被撤下');

/** Portal Q&A → contract detail with the policy's validity, the interpretation and related Q&As. */
export function toQaDetail(q: PortalQa, cat: Catalog): QaDetail {
  const interpretation = q.interpretationId ? cat.interpretationById.get(q.interpretationId) : undefined;
  const related = (q.policyId ? cat.qasOfPolicy.get(q.policyId) ?? [] : []).filter((x) => x.id !== q.id).slice(0, RELATED_MAX);
  return {
    id: q.id,
    question: q.question,
    answer: paragraphsOf(q.answer),
    topics: q.topics,
    updatedAt: q.updatedAt,
    policy: policyBrief(cat, q.policyId),
    interpretation: interpretation ? { id: interpretation.id, title: interpretation.title } : null,
    related: related.map((x) => ({ id: x.id, question: x.question })),
  };
}

/**
 * One Q&A with its policy (validity banner), interpretation and related Q&As.
 * Errors: 404 (Chinese) when the portal has no such Q&A; UpstreamError when the portal fails and nothing is cached.
 */
export async function getQa(ctx: QaCtx, id: string): Promise<Sourced<QaDetail>> {
  const cat = await loadCatalog(ctx);
  const found = cat.value.qaById.get(id);
  if (!found) throw missing();
  return { ...cat, value: toQaDetail(found, cat.value) };
}

/**
 * Counts one view of a Q&A, once per viewer (user id or address) per VIEW_WINDOW_MS.
 * Never throws: a failed count is logged, the page is served anyway.
 */
export async function recordQaView(ctx: QaCtx, qaId: string, viewer: string): Promise<void> {
  try {
    if (!(await ctx.kv.setIfAbsent(`qa:viewed:${qaId}:${viewer}`, '1', VIEW_WINDOW_MS))) return;
    await ctx.models.QaStats.updateOne({ qaId }, { $inc: { views: 1 } }, { upsert: true });
  } catch (err) {
    ctx.logger.warn({ err: { message: (err as Error).message }, qaId }, 'qa view not counted');
  }
}

async function voteCounts(ctx: QaCtx, qaId: string): Promise<{ helpful: number; unhelpful: number }> {
  const rows = await ctx.models.QaVote.aggregate<{ _id: QaVote; n: number }>([{ $match: { qaId } }, { $group: { _id: '$vote', n: { $sum: 1 } } }]);
  const n = (v: QaVote) => rows.find((r) => r._id === v)?.n ?? 0;
  return { helpful: n('helpful'), unhelpful: n('unhelpful') };
}

/**
 * The helpful/unhelpful counts of a Q&A and the caller's own vote (null when anonymous or not voted).
 * Errors: 404 when the Q&A is unknown; UpstreamError when the portal fails and nothing is cached.
 */
export async function getQaFeedback(ctx: QaCtx, qaId: string, userId: string | null): Promise<QaFeedbackResponse> {
  const cat = await loadCatalog(ctx);
  if (!cat.value.qaById.has(qaId)) throw missing();
  const [counts, mine] = await Promise.all([
    voteCounts(ctx, qaId),
    userId ? ctx.models.QaVote.findOne({ qaId, userId }, { vote: 1 }).lean() : Promise.resolve(null),
  ]);
  return { qaId, ...counts, mine: mine?.vote ?? null };
}

/**
 * Records (or changes) the caller's vote on a Q&A: one document per {qaId, userId}, upserted,
 * so repeating or changing a vote never counts twice. Counts come from the votes themselves.
 * With `query` (the search the citizen came from) the vote is also a learning signal for search.
 * Errors: 404 when the Q&A is unknown; UpstreamError when the portal fails and nothing is cached.
 */
export async function voteOnQa(ctx: QaCtx, qaId: string, userId: string, vote: QaVote, query?: string): Promise<QaFeedbackResponse> {
  const cat = await loadCatalog(ctx);
  if (!cat.value.qaById.has(qaId)) throw missing();
  await ctx.models.QaVote.updateOne({ qaId, userId }, { $set: { vote }, $setOnInsert: { qaId, userId } }, { upsert: true });
  // After the vote is stored: with the search that led here, the search learns from it too.
  if (query && ctx.onVote) await ctx.onVote(userId, query, qaId, vote);
  return { qaId, ...(await voteCounts(ctx, qaId)), mine: vote };
}

async function readPopularity(ctx: QaCtx): Promise<Map<string, { views: number; helpful: number }>> {
  const out = new Map<string, { views: number; helpful: number }>();
  try {
    const [stats, votes] = await Promise.all([
      ctx.models.QaStats.find({}, { qaId: 1, views: 1 }).lean(),
      ctx.models.QaVote.aggregate<{ _id: string; n: number }>([{ $match: { vote: 'helpful' } }, { $group: { _id: '$qaId', n: { $sum: 1 } } }]),
    ]);
    for (const s of stats) out.set(s.qaId, { views: s.views ?? 0, helpful: 0 });
    for (const v of votes) out.set(v._id, { views: out.get(v._id)?.views ?? 0, helpful: v.n });
  } catch (err) {
    // Counters are an extra: the list is still worth showing without them.
    ctx.logger.warn({ err: { message: (err as Error).message } }, 'qa popularity unavailable');
  }
  return out;
}

/**
 * Popularity of every Q&A, shared by all list requests: computed over the whole collection at
 * most once per QA_POPULARITY_CACHE_MS (one request computes while the others wait for it),
 * instead of a `$in` over the matching ids and an aggregation on every request.
 */
async function popularity(ctx: QaCtx): Promise<Map<string, { views: number; helpful: number }>> {
  const memo = (ctx.popularity ??= { at: 0, value: null, loading: null });
  const ttl = ctx.config.QA_POPULARITY_CACHE_MS;
  if (memo.value && Date.now() - memo.at < ttl) return memo.value;
  memo.loading ??= readPopularity(ctx)
    .then((value) => {
      memo.value = value;
      memo.at = Date.now();
      return value;
    })
    .finally(() => {
      memo.loading = null;
    });
  return memo.loading;
}

/**
 * A page of Q&As, optionally of one topic or one policy; `popular` ranks by helpful votes
 * (×5) plus views, `recent` by the portal's update time.
 * Errors: UpstreamError when the portal fails and nothing is cached.
 */
export async function listQas(ctx: QaCtx, q: QaListQuery): Promise<QaListResponse> {
  const src = await loadCatalog(ctx);
  const cat = src.value;
  const matches = cat.qas.filter((x) => (!q.topic || x.topics.includes(q.topic)) && (!q.policyId || x.policyId === q.policyId));
  const pop = await popularity(ctx);
  const statsOf = (id: string) => pop.get(id) ?? { views: 0, helpful: 0 };
  const byRecent = (a: PortalQa, b: PortalQa) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || a.id.localeCompare(b.id);
  const score = (id: string) => statsOf(id).helpful * HELPFUL_WEIGHT + statsOf(id).views;
  matches.sort(q.sort === 'popular' ? (a, b) => score(b.id) - score(a.id) || byRecent(a, b) : byRecent);
  const start = (q.page - 1) * q.pageSize;
  const items: QaSummary[] = matches.slice(start, start + q.pageSize).map((x) => ({
    id: x.id,
    question: x.question,
    topics: x.topics,
    policyId: x.policyId ?? null,
    policyStatus: (x.policyId && cat.policyById.get(x.policyId)?.status) || null,
    updatedAt: x.updatedAt,
    ...statsOf(x.id),
  }));
  return envelope(src, { items, page: q.page, pageSize: q.pageSize, total: matches.length });
}
