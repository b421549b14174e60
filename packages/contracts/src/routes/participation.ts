import { ParticipationStats, ParticipationStatsQuery } from '../participation';
import { route, type RouteContract } from '../route';

export const participationApi = {
  participationStats: route({
    method: 'get',
    path: '/api/v1/participation/stats',
    summary: '公开参与：按年统计开放日（各主办单位的场次、报名、到场）与列席会议（有列席的会议数对照每年至少 4 次、各类别列席人数、每席申请数），附口径',
    auth: 'none',
    query: ParticipationStatsQuery,
    response: ParticipationStats,
  }),
} satisfies Record<string, RouteContract>;
