import { usePageRefresh } from '@/services';
import { MeetingDetailView } from '../../components/MeetingDetailView';
import { useMeeting } from '../../hooks/useMeetings';
import { useMeetingId } from '../../navigation';

export default function MeetingDetailPage() {
  const remote = useMeeting(useMeetingId());
  // Back from applying or from an opinion: the citizen's card and the counts have changed.
  usePageRefresh(remote.refresh, { onShowAgain: true });
  return <MeetingDetailView remote={remote} />;
}
