import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef } from 'react';
import { showToast, stopPullDownRefresh } from '@/services';
import { TicketView } from '../../components/TicketView';
import { useTicket } from '../../hooks/useTicket';
import { useTrackingNo } from '../../navigation';

export default function TicketPage() {
  const ticket = useTicket(useTrackingNo());
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void ticket.refresh();
    shown.current = true;
  });
  usePullDownRefresh(async () => {
    const error = await ticket.refresh();
    stopPullDownRefresh();
    if (error) showToast(error);
  });
  return <TicketView ticket={ticket} />;
}
