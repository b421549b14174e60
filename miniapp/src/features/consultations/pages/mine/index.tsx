import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef } from 'react';
import { showToast, stopPullDownRefresh, switchToTab, usePageParams } from '@/services';
import { MyCommentsView } from '../../components/MyCommentsView';
import { useMyComments } from '../../hooks/useMyComments';

export default function MyCommentsPage() {
  // `id`: only the comments on one consultation (from its page or a notice).
  const list = useMyComments(usePageParams().id || undefined);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.refresh();
    shown.current = true;
  });
  usePullDownRefresh(async () => {
    const error = await list.refresh();
    stopPullDownRefresh();
    if (error) showToast(error);
  });
  return <MyCommentsView list={list} onBrowse={() => switchToTab('/pages/participate/index')} />;
}
