import { useSyncExternalStore } from 'react';
import { getSessionState, subscribeSession, usePageRefresh } from '@/services';
import { MeetingListView } from '../../components/MeetingListView';
import { useMeetingList } from '../../hooks/useMeetings';

export default function MeetingListPage() {
  const session = useSyncExternalStore(subscribeSession, getSessionState, getSessionState);
  const remote = useMeetingList();
  // Back from applying: the row's own status has changed.
  usePageRefresh(remote.refresh, { onShowAgain: true });
  return <MeetingListView remote={remote} signedIn={session.status === 'authenticated'} />;
}
