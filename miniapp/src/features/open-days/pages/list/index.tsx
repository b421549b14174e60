import { useSyncExternalStore } from 'react';
import { getSessionState, subscribeSession, usePageRefresh } from '@/services';
import { OpenDayListView } from '../../components/OpenDayListView';
import { useOpenDayList } from '../../hooks/useOpenDays';

export default function OpenDayListPage() {
  const session = useSyncExternalStore(subscribeSession, getSessionState, getSessionState);
  const list = useOpenDayList(session.user?.id ?? null);
  // Back from signing up: the places and the citizen's own status have changed.
  usePageRefresh(list.refresh, { onShowAgain: true });
  return <OpenDayListView list={list} signedIn={session.status === 'authenticated'} />;
}
