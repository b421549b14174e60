import { useCallback, useState } from 'react';
import { useRemote, type UseRemote } from '@/hooks';
import { fetchQas, fetchTopics } from '../api';
import { readRecent, type RecentItem } from '../lib/recent';
import { usePolicyList, type UsePolicyList } from './usePolicyList';

export const POPULAR_SIZE = 5;

export interface UsePolicyHome {
  list: UsePolicyList;
  topics: UseRemote<Awaited<ReturnType<typeof fetchTopics>>>;
  popular: UseRemote<Awaited<ReturnType<typeof fetchQas>>>;
  recent: RecentItem[];
  /** Re-reads the recently viewed list (when the tab shows again). */
  refreshRecent: () => void;
  /** Selects a topic for both the policy list and the popular questions; the same topic again clears it. */
  toggleTopic: (topic: string) => void;
  /** Pull-down refresh of everything; resolves to an error message or null. */
  refresh: () => Promise<string | null>;
}

/** Everything the 政策 tab shows: topics, popular questions, recently viewed and the filtered policy list. */
export function usePolicyHome(): UsePolicyHome {
  const list = usePolicyList();
  const topic = list.filters.topic;
  const topics = useRemote(fetchTopics, []);
  const popular = useRemote(() => fetchQas({ sort: 'popular', pageSize: POPULAR_SIZE, topic }), [topic]);
  const [recent, setRecent] = useState<RecentItem[]>(() => readRecent());
  const refreshRecent = useCallback(() => setRecent(readRecent()), []);
  const toggleTopic = useCallback(
    (t: string) => list.setFilters({ ...list.filters, topic: list.filters.topic === t ? undefined : t }),
    [list],
  );
  const refresh = useCallback(async () => {
    refreshRecent();
    const errors = await Promise.all([list.refresh(), topics.refresh(), popular.refresh()]);
    return errors.find(Boolean) ?? null;
  }, [list, topics, popular, refreshRecent]);
  return { list, topics, popular, recent, refreshRecent, toggleTopic, refresh };
}
