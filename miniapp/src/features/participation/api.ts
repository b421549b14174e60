import { api } from '@zwgk/contracts';
import { call } from '@/services';

/** 公开参与: the year's published figures of open days and meeting observation (public; no login). */
export function getParticipationStats(year?: number) {
  return call(api.participationStats, { query: year ? { year } : {} });
}
