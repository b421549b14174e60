import type { HomeResponse } from '@zwgk/contracts';
import { useRemote, type RemoteState, type UseRemote } from '@/hooks';
import { fetchHome } from '../api';

export type HomeState = RemoteState<HomeResponse>;

export type UseHome = UseRemote<HomeResponse>;

/** The home feed: one request for all panels; a failed pull-down refresh keeps what is shown. */
export function useHome(): UseHome {
  return useRemote(fetchHome, []);
}
