import { usePullDownRefresh } from '@tarojs/taro';
import { HomeView, useHome } from '@/features/home';
import { showToast, stopPullDownRefresh } from '@/services';

export default function IndexPage() {
  const home = useHome();
  usePullDownRefresh(async () => {
    const error = await home.refresh();
    stopPullDownRefresh();
    if (error) showToast(error);
  });
  return <HomeView state={home.state} reload={home.reload} />;
}
