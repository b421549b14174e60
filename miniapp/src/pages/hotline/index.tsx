import { useSyncExternalStore } from 'react';
import { HotlineHome } from '@/features/hotline';
import { useUnreadBadge } from '@/features/notifications';
import { getSessionState, subscribeSession } from '@/services';

export default function HotlinePage() {
  const session = useSyncExternalStore(subscribeSession, getSessionState, getSessionState);
  useUnreadBadge();
  return <HotlineHome session={session} />;
}
