import { usePullDownRefresh } from '@tarojs/taro';
import { showToast, stopPullDownRefresh } from '@/services';
import { ParticipationStatsView } from '../../components/ParticipationStatsView';
import { useParticipationStats } from '../../hooks/useParticipationStats';

export default function ParticipationStatsPage() {
  const model = useParticipationStats();
  usePullDownRefresh(async () => {
    const error = await model.stats.refresh();
    stopPullDownRefresh();
    if (error) showToast(error);
  });
  return <ParticipationStatsView {...model} />;
}
