import { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { PolicyHomeView, usePolicyHome } from '@/features/policy';
import { useUnreadBadge } from '@/features/notifications';
import { showToast, stopPullDownRefresh } from '@/services';

export default function PolicyPage() {
  const home = usePolicyHome();
  useUnreadBadge();
  useDidShow(home.refreshRecent);
  useReachBottom(home.list.loadMore);
  usePullDownRefresh(async () => {
    const error = await home.refresh();
    stopPullDownRefresh();
    if (error) showToast(error);
  });
  return <PolicyHomeView home={home} />;
}
