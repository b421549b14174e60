import { IdParams } from '../policies';
import { InterpretationDetailResponse } from '../content';
import { route, type RouteContract } from '../route';

/** Policy interpretations. */
export const interpretationsApi = {
  interpretation: route({
    method: 'get',
    path: '/api/v1/interpretations/{id}',
    summary: '政策解读详情（分节、关键词诠释、图解音视频、所属政策的有效性）',
    auth: 'optional',
    params: IdParams,
    errors: ['not_found'],
    response: InterpretationDetailResponse,
  }),
} satisfies Record<string, RouteContract>;
