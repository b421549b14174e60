import { usePageRefresh } from '@/services';
import { MeetingDesk } from '../../components/MeetingDesk';
import { useMeetingDesk } from '../../hooks/useMeetingDesk';

export default function MeetingDeskPage() {
  const desk = useMeetingDesk();
  // Back from one meeting: its queues have likely changed.
  usePageRefresh(desk.refresh, { onShowAgain: true });
  return <MeetingDesk desk={desk} />;
}
