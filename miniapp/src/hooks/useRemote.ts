import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, messageOf } from '@/services';

export type RemoteState<T> =
  | { status: 'loading' }
  | { status: 'ok'; data: T; refreshing: boolean; /** device ms when `data` arrived */ receivedAt: number }
  | { status: 'error'; message: string; /** HTTP status; 0 for no answer */ httpStatus: number };

export interface UseRemote<T> {
  state: RemoteState<T>;
  /** Loads again from scratch (the error view's 重试). */
  reload: () => void;
  /** Loads again keeping what is shown; resolves to an error message or null. */
  refresh: () => Promise<string | null>;
  /** Replaces the data (e.g. with what a write answered). */
  replace: (data: T) => void;
}

/**
 * One remote resource with loading / ok / error states, loaded by `load` (a call of the typed
 * client) again whenever `deps` change.
 *
 * A failed refresh keeps what is on screen (the error comes back as refresh's result, for a
 * toast); answers to superseded requests (older deps, a newer reload, a `replace`) and answers
 * arriving after unmount are dropped. The error state carries the HTTP status so a screen can
 * tell 404 (没有找到) from a failure worth 重试.
 */
export function useRemote<T>(load: () => Promise<T>, deps: readonly unknown[]): UseRemote<T> {
  const [state, setState] = useState<RemoteState<T>>({ status: 'loading' });
  const latest = useRef(0);
  const mounted = useRef(true);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const loader = useCallback(load, deps);

  const run = useCallback(
    async (keep: boolean): Promise<string | null> => {
      const ticket = ++latest.current;
      setState((prev) => (keep && prev.status === 'ok' ? { ...prev, refreshing: true } : { status: 'loading' }));
      try {
        const data = await loader();
        if (mounted.current && ticket === latest.current) setState({ status: 'ok', data, refreshing: false, receivedAt: Date.now() });
        return null;
      } catch (error) {
        const message = messageOf(error);
        const httpStatus = error instanceof ApiError ? error.status : 0;
        if (mounted.current && ticket === latest.current) {
          setState((prev) => (keep && prev.status === 'ok' ? { ...prev, refreshing: false } : { status: 'error', message, httpStatus }));
        }
        return message;
      }
    },
    [loader],
  );

  useEffect(() => {
    mounted.current = true;
    void run(false);
    return () => {
      mounted.current = false;
    };
  }, [run]);

  const reload = useCallback(() => void run(false), [run]);
  const refresh = useCallback(() => run(true), [run]);
  const replace = useCallback((data: T) => {
    latest.current += 1;
    setState({ status: 'ok', data, refreshing: false, receivedAt: Date.now() });
  }, []);
  return { state, reload, refresh, replace };
}
