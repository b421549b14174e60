import type { HotlineStatsResponse } from '@zwgk/contracts';
import { useRemote, type UseRemote } from '@/hooks';
import { getStats } from '../api';

/** The published hotline statistics (public: no login needed). */
export function useStats(): UseRemote<HotlineStatsResponse> {
  return useRemote(() => getStats(), []);
}
