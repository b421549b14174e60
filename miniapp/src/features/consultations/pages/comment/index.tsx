import { useSyncExternalStore } from 'react';
import { getSessionState, subscribeSession } from '@/services';
import { CommentScreen } from '../../components/CommentScreen';
import { useConsultation } from '../../hooks/useConsultations';
import { useConsultationParams } from '../../navigation';

export default function CommentPage() {
  const session = useSyncExternalStore(subscribeSession, getSessionState, getSessionState);
  const { id, articleNo } = useConsultationParams();
  const remote = useConsultation(id);
  return <CommentScreen session={session} remote={remote} articleNo={articleNo} />;
}
