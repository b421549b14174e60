import { api, type QaVote } from '@zwgk/contracts';
import { call, type ResultOf } from '@/services';

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
export const fetchPolicies = (filters: PolicyFilters, page: number, pageSize = 10) => call(api.policyList, { query: { ...filters, page, pageSize } });
export const fetchPolicy = (id: string) => call(api.policy, { params: { id } });
export const fetchInterpretation = (id: string) => call(api.interpretation, { params: { id } });
export const fetchQa = (id: string) => call(api.qa, { params: { id } });
export const fetchQaFeedback = (id: string) => call(api.qaFeedback, { params: { id } });
export const sendQaVote = (id: string, vote: QaVote) => call(api.voteQa, { params: { id }, body: { vote } });
export const fetchTopics = () => call(api.topics);
export const fetchQas = (query: { topic?: string; policyId?: string; sort?: 'popular' | 'recent'; page?: number; pageSize?: number }) => call(api.qaList, { query });
export const searchQas = (q: string, limit = 10) => call(api.qaSearch, { query: { q, limit } });
