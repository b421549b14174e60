import { QaSearchOpenedRequest, QaSearchOpenedResponse, QaSearchQuery, QaSearchResponse } from '../search';
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
  qaSearchOpened: route({
    method: 'post',
    path: '/api/v1/qa/search/opened',
    summary: '记录搜索后打开的问答（用于改进搜索；每人每条只计一次，每日有上限）',
    auth: 'optional',
    limit: 'write',
    body: QaSearchOpenedRequest,
    response: QaSearchOpenedResponse,
  }),
} satisfies Record<string, RouteContract>;
