import type { HotlineStatsResponse } from '@zwgk/contracts';
import { getStats } from '../lib/api';
import { useRemote, type UseRemote } from './useRemote';

/** The published hotline statistics (public: no login needed). */
export function useStats(): UseRemote<HotlineStatsResponse> {
  return useRemote(() => getStats(), []);
}
