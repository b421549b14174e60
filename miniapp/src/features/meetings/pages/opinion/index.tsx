import { useSyncExternalStore } from 'react';
import { getSessionState, subscribeSession } from '@/services';
import { OpinionScreen } from '../../components/OpinionScreen';
import { useMeeting } from '../../hooks/useMeetings';
import { useMeetingId } from '../../navigation';

export default function OpinionPage() {
  const session = useSyncExternalStore(subscribeSession, getSessionState, getSessionState);
  return <OpinionScreen session={session} remote={useMeeting(useMeetingId())} />;
}
