import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useMemo } from 'react';
import { TrackingNo } from '@zwgk/contracts';
import { showToast, stopPullDownRefresh } from '@/services';
import { HotlineDesk } from '../../components/HotlineDesk';
import { useHotlineDesk } from '../../hooks/useHotlineDesk';

/** `?no=RX-…` opens the desk on that ticket (e.g. from a link in a report). */
function initialTicket(): string | null {
  const no = Taro.getCurrentInstance()?.router?.params?.no;
  const value = typeof no === 'string' ? decodeURIComponent(no) : '';
  return TrackingNo.safeParse(value).success ? value : null;
}

export default function HotlineDeskPage() {
  const initial = useMemo(initialTicket, []);
  const desk = useHotlineDesk(initial);
  usePullDownRefresh(async () => {
    const error = await desk.list.refresh();
    stopPullDownRefresh();
    if (error) showToast(error);
  });
  return <HotlineDesk desk={desk} />;
}
