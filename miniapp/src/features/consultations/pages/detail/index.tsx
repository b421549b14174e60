import { usePageRefresh } from '@/services';
import { ConsultationView } from '../../components/ConsultationView';
import { useConsultation } from '../../hooks/useConsultations';
import { useConsultationParams } from '../../navigation';

export default function ConsultationPage() {
  const remote = useConsultation(useConsultationParams().id);
  // Back from commenting or from an article: the counts may have changed.
  usePageRefresh(remote.refresh, { onShowAgain: true });
  return <ConsultationView remote={remote} />;
}
