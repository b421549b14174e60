import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, messageOf } from '@/services';

/** What a paged list route answers (plus whatever else the route adds, e.g. an unread count). */
export interface PageOf<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export type PagedState<T, P extends PageOf<T>> =
  | { status: 'loading' }
  | { status: 'error'; message: string; /** HTTP status; 0 for no answer */ httpStatus: number; code: string }
  | {
      status: 'ok';
      items: T[];
      total: number;
      page: number;
      /** The latest page the server answered (for fields beside the items). */
      last: P;
      /** 'more': the next page is loading; 'refresh': page 1 is being re-read. */
      busy: 'more' | 'refresh' | null;
      moreError: string | null;
    };

export interface UsePagedList<T, P extends PageOf<T>> {
  state: PagedState<T, P>;
  hasMore: boolean;
  /** Loads page 1 again from scratch (the error view's 重试). */
  reload: () => void;
  /** Re-reads page 1 keeping what is shown; resolves to an error message or null. */
  refresh: () => Promise<string | null>;
  /** Appends the next page (加载更多); a failure shows as `moreError` under the list. */
  loadMore: () => void;
  /** Changes the items shown (e.g. marks one read after a write succeeded or optimistically). */
  updateItems: (change: (items: T[]) => T[]) => void;
}

/**
 * A list read page by page (newest first), loaded again from page 1 whenever `deps` change
 * (filters). Answers to superseded requests and answers arriving after unmount are dropped;
 * a page that overlaps what is shown (items added meanwhile shift the pages) is merged by `keyOf`.
 */
export function usePagedList<T, P extends PageOf<T>>(load: (page: number) => Promise<P>, keyOf: (item: T) => string, deps: readonly unknown[]): UsePagedList<T, P> {
  const [state, setState] = useState<PagedState<T, P>>({ status: 'loading' });
  const mounted = useRef(true);
  const latest = useRef(0);
  const stateRef = useRef(state);
  stateRef.current = state;
  const keyRef = useRef(keyOf);
  keyRef.current = keyOf;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const loader = useCallback(load, deps);

  const loadFirst = useCallback(
    async (keep: boolean): Promise<string | null> => {
      const ticket = ++latest.current;
      setState((prev) => (keep && prev.status === 'ok' ? { ...prev, busy: 'refresh' } : { status: 'loading' }));
      try {
        const first = await loader(1);
        if (mounted.current && ticket === latest.current) {
          setState({ status: 'ok', items: first.items, total: first.total, page: first.page, last: first, busy: null, moreError: null });
        }
        return null;
      } catch (error) {
        const message = messageOf(error);
        if (mounted.current && ticket === latest.current) {
          const httpStatus = error instanceof ApiError ? error.status : 0;
          const code = error instanceof ApiError ? String(error.code) : 'unknown';
          setState((prev) => (keep && prev.status === 'ok' ? { ...prev, busy: null } : { status: 'error', message, httpStatus, code }));
        }
        return message;
      }
    },
    [loader],
  );

  useEffect(() => {
    mounted.current = true;
    void loadFirst(false);
    return () => {
      mounted.current = false;
    };
  }, [loadFirst]);

  const loadMore = useCallback(() => {
    const prev = stateRef.current;
    if (prev.status !== 'ok' || prev.busy || prev.items.length >= prev.total) return;
    const ticket = latest.current;
    setState({ ...prev, busy: 'more', moreError: null });
    loader(prev.page + 1)
      .then((next) => {
        if (!mounted.current || ticket !== latest.current) return;
        setState((cur) => {
          if (cur.status !== 'ok') return cur;
          const known = new Set(cur.items.map((item) => keyRef.current(item)));
          const added = next.items.filter((item) => !known.has(keyRef.current(item)));
          return { ...cur, items: [...cur.items, ...added], total: next.total, page: next.page, last: next, busy: null };
        });
      })
      .catch((error: unknown) => {
        if (!mounted.current || ticket !== latest.current) return;
        setState((cur) => (cur.status === 'ok' ? { ...cur, busy: null, moreError: messageOf(error) } : cur));
      });
  }, [loader]);

  const updateItems = useCallback((change: (items: T[]) => T[]) => {
    setState((cur) => (cur.status === 'ok' ? { ...cur, items: change(cur.items) } : cur));
  }, []);

  const reload = useCallback(() => void loadFirst(false), [loadFirst]);
  const refresh = useCallback(() => loadFirst(true), [loadFirst]);
  const hasMore = state.status === 'ok' && state.items.length < state.total;
  return { state, hasMore, reload, refresh, loadMore, updateItems };
}
