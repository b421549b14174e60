import { usePageRefresh } from '@/services';
import { MyApplicationsView } from '../../components/MyApplicationsView';
import { useMyApplications } from '../../hooks/useMeetings';

export default function MyApplicationsPage() {
  const remote = useMyApplications();
  usePageRefresh(remote.refresh, { onShowAgain: true });
  return <MyApplicationsView remote={remote} />;
}
