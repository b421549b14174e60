import { useSyncExternalStore } from 'react';
import { getSessionState, subscribeSession } from '@/services';
import { RegisterScreen } from '../../components/RegisterScreen';
import { useOpenDay, usePageVisible } from '../../hooks/useOpenDays';
import { useOpenDayParams } from '../../navigation';

export default function RegisterPage() {
  const session = useSyncExternalStore(subscribeSession, getSessionState, getSessionState);
  const { id, sessionId } = useOpenDayParams();
  // Live too: the places shown beside each session decide between a place and the waitlist.
  const remote = useOpenDay(id, session.user?.id ?? null, usePageVisible());
  return <RegisterScreen session={session} remote={remote} sessionId={sessionId} />;
}
