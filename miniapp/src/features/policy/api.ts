import { api, type QaVote, type RouteContract } from '@zwgk/contracts';
import { call, type ResultOf } from '@/services';

/** The route with its `{name}` path parameters filled in (encoded), for the typed client. */
export function withPath<R extends RouteContract>(route: R, params: Record<string, string>): R {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  return { ...route, path };
}

/** Drops undefined fields: Taro.request would send them as the text "undefined". */
export function definedOnly<T extends Record<string, unknown>>(query: T): T {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as T;
}

export interface PolicyFilters {
  topic?: string;
  issuer?: string;
  status?: 'in_force' | 'amended' | 'repealed' | 'expired';
  year?: number;
}

export type PolicyList = ResultOf<typeof api.policyList>;
export type PolicyDetailResult = ResultOf<typeof api.policy>;
export type InterpretationResult = ResultOf<typeof api.interpretation>;
export type QaResult = ResultOf<typeof api.qa>;
export type QaFeedback = ResultOf<typeof api.qaFeedback>;
export type QaList = ResultOf<typeof api.qaList>;
export type TopicList = ResultOf<typeof api.topics>;
export type SearchResult = ResultOf<typeof api.qaSearch>;

/** Policies matching the filters, one page at a time. */
export const fetchPolicies = (filters: PolicyFilters, page: number, pageSize = 10) => call(api.policyList, { query: definedOnly({ ...filters, page, pageSize }) });
export const fetchPolicy = (id: string) => call(withPath(api.policy, { id }));
export const fetchInterpretation = (id: string) => call(withPath(api.interpretation, { id }));
export const fetchQa = (id: string) => call(withPath(api.qa, { id }));
export const fetchQaFeedback = (id: string) => call(withPath(api.qaFeedback, { id }));
export const sendQaVote = (id: string, vote: QaVote) => call(withPath(api.voteQa, { id }), { body: { vote } });
export const fetchTopics = () => call(api.topics);
export const fetchQas = (query: { topic?: string; policyId?: string; sort?: 'popular' | 'recent'; page?: number; pageSize?: number }) => call(api.qaList, { query: definedOnly(query) });
export const searchQas = (q: string, limit = 10) => call(api.qaSearch, { query: { q, limit } });
