import { usePullDownRefresh } from '@tarojs/taro';
import { showToast, stopPullDownRefresh } from '@/services';
import { ReportView } from '../../components/ReportView';
import { useReport } from '../../hooks/useConsultations';
import { useConsultationParams } from '../../navigation';

export default function ReportPage() {
  const remote = useReport(useConsultationParams().id);
  usePullDownRefresh(async () => {
    const error = await remote.refresh();
    stopPullDownRefresh();
    if (error) showToast(error);
  });
  return <ReportView remote={remote} />;
}
