import { usePageRefresh } from '@/services';
import { MyRegistrationsView } from '../../components/MyRegistrationsView';
import { useMyRegistrations } from '../../hooks/useOpenDays';

export default function MyRegistrationsPage() {
  const remote = useMyRegistrations();
  usePageRefresh(remote.refresh, { onShowAgain: true });
  return <MyRegistrationsView remote={remote} />;
}
