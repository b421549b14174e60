import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef } from 'react';
import { showToast, stopPullDownRefresh, switchToTab } from '@/services';
import { TicketList } from '../../components/TicketList';
import { useMyTickets } from '../../hooks/useMyTickets';

export default function MyTicketsPage() {
  const list = useMyTickets();
  const shown = useRef(false);
  // Coming back from a ticket (which may have been rated) re-reads the first page.
  useDidShow(() => {
    if (shown.current) void list.refresh();
    shown.current = true;
  });
  usePullDownRefresh(async () => {
    const error = await list.refresh();
    stopPullDownRefresh();
    if (error) showToast(error);
  });
  return <TicketList list={list} onNew={() => switchToTab('/pages/hotline/index')} />;
}
