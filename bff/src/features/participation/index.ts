// 公开参与: the published yearly figures of open days and meeting observation.
export { participationRoutes } from './routes';
export { getParticipationStats } from './stats';
