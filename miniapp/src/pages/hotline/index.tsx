import { useSyncExternalStore } from 'react';
import { HotlineHome } from '@/features/hotline';
import { getSessionState, subscribeSession } from '@/services';

export default function HotlinePage() {
  const session = useSyncExternalStore(subscribeSession, getSessionState, getSessionState);
  return <HotlineHome session={session} />;
}
