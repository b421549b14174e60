import { useSyncExternalStore } from 'react';
import { ParticipateView, useConsultationList } from '@/features/consultations';
import { useUnreadBadge } from '@/features/notifications';
import { getSessionState, subscribeSession, usePageRefresh } from '@/services';

export default function ParticipatePage() {
  const session = useSyncExternalStore(subscribeSession, getSessionState, getSessionState);
  const list = useConsultationList();
  useUnreadBadge();
  // Coming back to the tab: phases and comment counts may have moved on.
  usePageRefresh(list.refresh, { onShowAgain: true });
  return <ParticipateView list={list} signedIn={session.status === 'authenticated'} />;
}
