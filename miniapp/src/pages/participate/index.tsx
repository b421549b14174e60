import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef, useSyncExternalStore } from 'react';
import { ParticipateView, useConsultationList } from '@/features/consultations';
import { useUnreadBadge } from '@/features/notifications';
import { getSessionState, showToast, stopPullDownRefresh, subscribeSession } from '@/services';

export default function ParticipatePage() {
  const session = useSyncExternalStore(subscribeSession, getSessionState, getSessionState);
  const list = useConsultationList();
  useUnreadBadge();
  const shown = useRef(false);
  // Coming back to the tab: phases and comment counts may have moved on.
  useDidShow(() => {
    if (shown.current) void list.refresh();
    shown.current = true;
  });
  usePullDownRefresh(async () => {
    const error = await list.refresh();
    stopPullDownRefresh();
    if (error) showToast(error);
  });
  return <ParticipateView list={list} signedIn={session.status === 'authenticated'} />;
}
