import { QaSearchQuery, QaSearchResponse } from '../search';
import { route, type RouteContract } from '../route';

/** Q&A search. */
export const searchApi = {
  qaSearch: route({
    method: 'get',
    path: '/api/v1/qa/search',
    summary: '政策问答搜索（简繁、口语、同义词、错别字；无合适答案时建议拨打 12345）',
    auth: 'optional',
    query: QaSearchQuery,
    response: QaSearchResponse,
  }),
} satisfies Record<string, RouteContract>;
