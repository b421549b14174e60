import { useEffect, useRef, useState } from 'react';
import type { QaSearchResponse } from '@zwgk/contracts';
import { ApiError, messageOf } from '@/services';
import { searchQas } from '../api';

export const SEARCH_DELAY_MS = 300;

export type SearchState =
  | { status: 'idle' }
  /** `previous`: the last results, kept on screen while the next ones load. */
  | { status: 'loading'; previous: QaSearchResponse | null }
  | { status: 'ok'; result: QaSearchResponse }
  | { status: 'error'; message: string; unavailable: boolean };

/**
 * Instant Q&A search: waits until the citizen pauses typing for `delayMs`, then asks the BFF.
 * Only the answer to the latest query is shown; answers to older queries that arrive late are ignored.
 */
export function useSearch(query: string, delayMs = SEARCH_DELAY_MS): { state: SearchState; retry: () => void } {
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const ticket = useRef(0);

  useEffect(() => {
    const q = query.trim();
    const mine = ++ticket.current;
    if (!q) {
      setState({ status: 'idle' });
      return undefined;
    }
    setState((prev) => ({ status: 'loading', previous: prev.status === 'ok' ? prev.result : prev.status === 'loading' ? prev.previous : null }));
    const timer = setTimeout(() => {
      searchQas(q).then(
        (result) => {
          if (mine === ticket.current) setState({ status: 'ok', result });
        },
        (error) => {
          if (mine !== ticket.current) return;
          // 404/503: the search service is not reachable at all, as opposed to a bad query.
          const unavailable = !(error instanceof ApiError) || error.status === 0 || error.status === 404 || error.status >= 500;
          setState({ status: 'error', message: messageOf(error), unavailable });
        },
      );
    }, delayMs);
    return () => clearTimeout(timer);
  }, [query, delayMs, attempt]);

  return { state, retry: () => setAttempt((n) => n + 1) };
}
