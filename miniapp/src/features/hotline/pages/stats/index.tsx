import { usePullDownRefresh } from '@tarojs/taro';
import { showToast, stopPullDownRefresh } from '@/services';
import { StatsView } from '../../components/StatsView';
import { useStats } from '../../hooks/useStats';

export default function StatsPage() {
  const stats = useStats();
  usePullDownRefresh(async () => {
    const error = await stats.refresh();
    stopPullDownRefresh();
    if (error) showToast(error);
  });
  return <StatsView stats={stats} />;
}
