import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef } from 'react';
import { showToast, stopPullDownRefresh } from '@/services';
import { ConsultationView } from '../../components/ConsultationView';
import { useConsultation } from '../../hooks/useConsultations';
import { useConsultationParams } from '../../navigation';

export default function ConsultationPage() {
  const remote = useConsultation(useConsultationParams().id);
  const shown = useRef(false);
  // Back from commenting or from an article: the counts may have changed.
  useDidShow(() => {
    if (shown.current) void remote.refresh();
    shown.current = true;
  });
  usePullDownRefresh(async () => {
    const error = await remote.refresh();
    stopPullDownRefresh();
    if (error) showToast(error);
  });
  return <ConsultationView remote={remote} />;
}
