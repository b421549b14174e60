import { usePageRefresh } from '@/services';
import { ReportView } from '../../components/ReportView';
import { useReport } from '../../hooks/useConsultations';
import { useConsultationParams } from '../../navigation';

export default function ReportPage() {
  const remote = useReport(useConsultationParams().id);
  usePageRefresh(remote.refresh);
  return <ReportView remote={remote} />;
}
