import { usePullDownRefresh } from '@tarojs/taro';
import { HomeView, useHome } from '@/features/home';
import { useUnreadBadge } from '@/features/notifications';
import { showToast, stopPullDownRefresh } from '@/services';

export default function IndexPage() {
  const home = useHome();
  useUnreadBadge();
  usePullDownRefresh(async () => {
    const error = await home.refresh();
    stopPullDownRefresh();
    if (error) showToast(error);
  });
  return <HomeView state={home.state} reload={home.reload} />;
}
