import { useSyncExternalStore } from 'react';
import { getSessionState, subscribeSession } from '@/services';
import { ApplyScreen } from '../../components/ApplyScreen';
import { useMeeting } from '../../hooks/useMeetings';
import { useMeetingId } from '../../navigation';

export default function ApplyPage() {
  const session = useSyncExternalStore(subscribeSession, getSessionState, getSessionState);
  return <ApplyScreen session={session} remote={useMeeting(useMeetingId())} />;
}
