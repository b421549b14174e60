import { IdParams, PolicyDetailResponse } from '../policies';
import { PolicyListQuery, PolicyListResponse, TopicListResponse } from '../content';
import { route, type RouteContract } from '../route';

/** Policies and topics. */
export const policiesApi = {
  policy: route({
    method: 'get',
    path: '/api/v1/policies/{id}',
    summary: '政策文件详情（含有效性与替代文件）',
    auth: 'optional',
    params: IdParams,
    errors: ['not_found'],
    response: PolicyDetailResponse,
  }),
  policyList: route({
    method: 'get',
    path: '/api/v1/policies',
    summary: '政策文件列表（按主题、发布机构、有效性、年份筛选，分页）',
    auth: 'optional',
    query: PolicyListQuery,
    response: PolicyListResponse,
  }),
  topics: route({
    method: 'get',
    path: '/api/v1/topics',
    summary: '政策主题及各主题下的政策、解读、问答数量',
    auth: 'optional',
    response: TopicListResponse,
  }),
} satisfies Record<string, RouteContract>;
