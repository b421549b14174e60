import { usePageRefresh } from '@/services';
import { meetingDrawUrl } from '../../api';
import { DrawView } from '../../components/DrawView';
import { useMeetingDraw } from '../../hooks/useMeetings';
import { useMeetingId } from '../../navigation';

export default function DrawPage() {
  const id = useMeetingId();
  const remote = useMeetingDraw(id);
  usePageRefresh(remote.refresh);
  return <DrawView remote={remote} drawUrl={meetingDrawUrl(id)} />;
}
