import { usePullDownRefresh } from '@tarojs/taro';
import { showToast, stopPullDownRefresh, usePageParams } from '@/services';
import { Dispositions } from '../../components/Dispositions';
import { useDispositions } from '../../hooks/useDispositions';

/** `?id=con-001`: 意见处理 of that consultation. */
export default function DispositionsPage() {
  const { id = '' } = usePageParams();
  const work = useDispositions(id);
  usePullDownRefresh(async () => {
    const [error] = await Promise.all([work.list.refresh(), work.overview.refresh(), work.points.refresh()]);
    stopPullDownRefresh();
    if (error) showToast(error);
  });
  return <Dispositions work={work} />;
}
