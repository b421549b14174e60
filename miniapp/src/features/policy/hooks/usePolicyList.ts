import { useCallback, useEffect, useRef, useState } from 'react';
import type { PolicyListResponse } from '@zwgk/contracts';
import { messageOf } from '@/services';
import { fetchPolicies, type PolicyFilters } from '../api';

export const PAGE_SIZE = 10;

export type PolicyListState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | {
      status: 'ok';
      items: PolicyListResponse['items'];
      total: number;
      facets: PolicyListResponse['facets'];
      stale: boolean;
      page: number;
      loadingMore: boolean;
      moreError: string | null;
    };

export interface UsePolicyList {
  filters: PolicyFilters;
  setFilters: (next: PolicyFilters) => void;
  state: PolicyListState;
  hasMore: boolean;
  /** Appends the next page (infinite scroll); does nothing while loading or at the end. */
  loadMore: () => void;
  reload: () => void;
  /** Reloads page 1 keeping the list on screen; resolves to an error message or null. */
  refresh: () => Promise<string | null>;
}

/** The filtered, paged policy list. A change of filters starts over at page 1; late answers of older filters are dropped. */
export function usePolicyList(initial: PolicyFilters = {}): UsePolicyList {
  const [filters, setFiltersState] = useState<PolicyFilters>(initial);
  const [state, setState] = useState<PolicyListState>({ status: 'loading' });
  const generation = useRef(0);
  const current = useRef(state);
  current.current = state;

  const loadFirst = useCallback(async (f: PolicyFilters, keep: boolean): Promise<string | null> => {
    const gen = ++generation.current;
    if (!keep || current.current.status !== 'ok') setState({ status: 'loading' });
    try {
      const res = await fetchPolicies(f, 1, PAGE_SIZE);
      if (gen !== generation.current) return null;
      setState({ status: 'ok', items: res.items, total: res.total, facets: res.facets, stale: res.status === 'stale', page: 1, loadingMore: false, moreError: null });
      return null;
    } catch (error) {
      const message = messageOf(error);
      if (gen === generation.current && !(keep && current.current.status === 'ok')) setState({ status: 'error', message });
      return message;
    }
  }, []);

  useEffect(() => {
    void loadFirst(filters, false);
  }, [filters, loadFirst]);

  const hasMore = state.status === 'ok' && state.items.length < state.total;

  const loadMore = useCallback(() => {
    const s = current.current;
    if (s.status !== 'ok' || s.loadingMore || s.items.length >= s.total) return;
    const gen = generation.current;
    setState({ ...s, loadingMore: true, moreError: null });
    fetchPolicies(filters, s.page + 1, PAGE_SIZE).then(
      (res) => {
        if (gen !== generation.current) return;
        setState((prev) => {
          if (prev.status !== 'ok') return prev;
          // Content may shift between pages; never show a policy twice.
          const seen = new Set(prev.items.map((p) => p.id));
          const items = [...prev.items, ...res.items.filter((p) => !seen.has(p.id))];
          return { ...prev, items, total: res.total, page: prev.page + 1, loadingMore: false, stale: prev.stale || res.status === 'stale' };
        });
      },
      (error) => {
        if (gen !== generation.current) return;
        setState((prev) => (prev.status === 'ok' ? { ...prev, loadingMore: false, moreError: messageOf(error) } : prev));
      },
    );
  }, [filters]);

  return {
    filters,
    setFilters: useCallback((next: PolicyFilters) => setFiltersState(next), []),
    state,
    hasMore,
    loadMore,
    reload: useCallback(() => void loadFirst(filters, false), [filters, loadFirst]),
    refresh: useCallback(() => loadFirst(filters, true), [filters, loadFirst]),
  };
}
