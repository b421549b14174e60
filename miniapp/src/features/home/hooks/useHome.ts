import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type HomeResponse } from '@zwgk/contracts';
import { call, messageOf } from '@/services';

export type HomeState =
  | { status: 'loading' }
  | { status: 'ok'; data: HomeResponse; refreshing: boolean }
  | { status: 'error'; message: string };

export interface UseHome {
  state: HomeState;
  /** Loads again from scratch (the page-error 重试). */
  reload: () => void;
  /** Refreshes in place, keeping what is shown; resolves to an error message or null. */
  refresh: () => Promise<string | null>;
}

/** The home feed: one request for all panels, each panel carrying its own freshness. */
export function useHome(): UseHome {
  const [state, setState] = useState<HomeState>({ status: 'loading' });
  const latest = useRef(0);
  const mounted = useRef(true);

  const load = useCallback(async (keepContent: boolean): Promise<string | null> => {
    const ticket = ++latest.current;
    setState((prev) => (keepContent && prev.status === 'ok' ? { ...prev, refreshing: true } : { status: 'loading' }));
    try {
      const data = await call(api.home);
      if (mounted.current && ticket === latest.current) setState({ status: 'ok', data, refreshing: false });
      return null;
    } catch (error) {
      const message = messageOf(error);
      if (mounted.current && ticket === latest.current) {
        // A failed pull-down refresh keeps the content already on screen.
        setState((prev) => (prev.status === 'ok' ? { ...prev, refreshing: false } : { status: 'error', message }));
      }
      return message;
    }
  }, []);

  useEffect(() => {
    mounted.current = true;
    void load(false);
    return () => {
      mounted.current = false;
    };
  }, [load]);

  const reload = useCallback(() => void load(false), [load]);
  const refresh = useCallback(() => load(true), [load]);
  return { state, reload, refresh };
}
