import { useCallback, useEffect, useRef, useState } from 'react';
import type { HotlineTicketSummary } from '@zwgk/contracts';
import { messageOf } from '@/services';
import { listMyTickets } from '../lib/api';

export const PAGE_SIZE = 10;

export type TicketListState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | {
      status: 'ok';
      items: HotlineTicketSummary[];
      total: number;
      page: number;
      /** 'more': the next page is loading; 'refresh': page 1 is being re-read. */
      busy: 'more' | 'refresh' | null;
      moreError: string | null;
    };

export interface UseMyTickets {
  state: TicketListState;
  hasMore: boolean;
  reload: () => void;
  refresh: () => Promise<string | null>;
  loadMore: () => void;
}

/** 我的诉求: the citizen's tickets page by page (newest first), with refresh and 加载更多. */
export function useMyTickets(pageSize = PAGE_SIZE): UseMyTickets {
  const [state, setState] = useState<TicketListState>({ status: 'loading' });
  const mounted = useRef(true);
  const latest = useRef(0);
  const stateRef = useRef(state);
  stateRef.current = state;

  const loadFirst = useCallback(
    async (keep: boolean): Promise<string | null> => {
      const ticket = ++latest.current;
      setState((prev) => (keep && prev.status === 'ok' ? { ...prev, busy: 'refresh' } : { status: 'loading' }));
      try {
        const page = await listMyTickets(1, pageSize);
        if (mounted.current && ticket === latest.current) {
          setState({ status: 'ok', items: page.items, total: page.total, page: 1, busy: null, moreError: null });
        }
        return null;
      } catch (error) {
        const message = messageOf(error);
        if (mounted.current && ticket === latest.current) {
          setState((prev) => (keep && prev.status === 'ok' ? { ...prev, busy: null } : { status: 'error', message }));
        }
        return message;
      }
    },
    [pageSize],
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
    listMyTickets(prev.page + 1, pageSize)
      .then((page) => {
        if (!mounted.current || ticket !== latest.current) return;
        setState((cur) => {
          if (cur.status !== 'ok') return cur;
          // A ticket submitted meanwhile shifts the pages: skip what is already shown.
          const known = new Set(cur.items.map((t) => t.trackingNo));
          return { ...cur, items: [...cur.items, ...page.items.filter((t) => !known.has(t.trackingNo))], total: page.total, page: page.page, busy: null };
        });
      })
      .catch((error: unknown) => {
        if (!mounted.current || ticket !== latest.current) return;
        setState((cur) => (cur.status === 'ok' ? { ...cur, busy: null, moreError: messageOf(error) } : cur));
      });
  }, [pageSize]);

  const hasMore = state.status === 'ok' && state.items.length < state.total;
  return { state, hasMore, reload: () => void loadFirst(false), refresh: () => loadFirst(true), loadMore };
}
