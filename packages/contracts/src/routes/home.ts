import { HomeResponse } from '../home';
import { route, type RouteContract } from '../route';

/** The home feed. */
export const homeApi = {
  home: route({
    method: 'get',
    path: '/api/v1/home',
    summary: '首页聚合：最新解读、开放征求意见、开放日、列席会议、热线统计',
    auth: 'optional',
    response: HomeResponse,
  }),
} satisfies Record<string, RouteContract>;
