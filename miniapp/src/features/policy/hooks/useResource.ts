import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, messageOf } from '@/services';

export type ResourceState<T> =
  | { status: 'loading' }
  | { status: 'ok'; data: T; refreshing: boolean }
  | { status: 'error'; message: string; notFound: boolean };

export interface UseResource<T> {
  state: ResourceState<T>;
  /** Loads again from scratch (the error page's 重试). */
  reload: () => void;
  /** Reloads in place, keeping what is shown; resolves to an error message or null. */
  refresh: () => Promise<string | null>;
}

/**
 * One piece of content loaded through the typed client. Answers that arrive after a newer
 * load started (or after unmount) are dropped. `key` changes start a new load.
 */
export function useResource<T>(key: string, load: () => Promise<T>): UseResource<T> {
  const [state, setState] = useState<ResourceState<T>>({ status: 'loading' });
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const run = useCallback(async (keep: boolean): Promise<string | null> => {
    const ticket = ++latest.current;
    setState((prev) => (keep && prev.status === 'ok' ? { ...prev, refreshing: true } : { status: 'loading' }));
    try {
      const data = await loader.current();
      if (ticket === latest.current) setState({ status: 'ok', data, refreshing: false });
      return null;
    } catch (error) {
      const message = messageOf(error);
      if (ticket === latest.current) {
        const notFound = error instanceof ApiError && error.status === 404;
        setState((prev) => (keep && prev.status === 'ok' ? { ...prev, refreshing: false } : { status: 'error', message, notFound }));
      }
      return message;
    }
  }, []);

  useEffect(() => {
    void run(false);
    return () => {
      // Invalidates the in-flight load of the previous key (or of an unmounted page).
      latest.current += 1;
    };
  }, [key, run]);

  return { state, reload: useCallback(() => void run(false), [run]), refresh: useCallback(() => run(true), [run]) };
}
