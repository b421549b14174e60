import { IdParams } from '../policies';
import { QaDetailResponse, QaFeedbackRequest, QaFeedbackResponse, QaListQuery, QaListResponse } from '../content';
import { route, type RouteContract } from '../route';

/** Q&As and their helpful votes. */
export const qasApi = {
  qaList: route({
    method: 'get',
    path: '/api/v1/qas',
    summary: '政策问答列表（按主题或政策筛选；热门或最新排序）',
    auth: 'optional',
    query: QaListQuery,
    response: QaListResponse,
  }),
  qa: route({
    method: 'get',
    path: '/api/v1/qas/{id}',
    summary: '政策问答详情（所属政策的有效性、对应解读、相关问答）',
    auth: 'optional',
    params: IdParams,
    errors: ['not_found'],
    response: QaDetailResponse,
  }),
  qaFeedback: route({
    method: 'get',
    path: '/api/v1/qas/{id}/feedback',
    summary: '“这个回答有帮助吗”的统计及本人的选择',
    auth: 'optional',
    params: IdParams,
    errors: ['not_found'],
    response: QaFeedbackResponse,
  }),
  voteQa: route({
    method: 'put',
    path: '/api/v1/qas/{id}/feedback',
    summary: '评价问答是否有帮助（每人一票，可改选）',
    auth: 'citizen',
    params: IdParams,
    body: QaFeedbackRequest,
    limit: 'write',
    errors: ['not_found'],
    response: QaFeedbackResponse,
  }),
} satisfies Record<string, RouteContract>;
