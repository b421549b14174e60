import { usePageParams } from '@/services';
import { CheckInDesk } from '../../components/CheckInDesk';
import { useCheckIn } from '../../hooks/useCheckIn';

export default function CheckInPage() {
  const { id, session } = usePageParams();
  const desk = useCheckIn(id && session ? { id, sessionId: session } : null);
  return <CheckInDesk desk={desk} />;
}
