import type { HotlineTicketPage, HotlineTicketSummary } from '@zwgk/contracts';
import { usePagedList, type UsePagedList } from '@/hooks';
import { listMyTickets } from '../api';

export const PAGE_SIZE = 10;

export type UseMyTickets = UsePagedList<HotlineTicketSummary, HotlineTicketPage>;

/** 我的诉求: the citizen's tickets page by page (newest first), with refresh and 加载更多. */
export function useMyTickets(pageSize = PAGE_SIZE): UseMyTickets {
  return usePagedList((page) => listMyTickets(page, pageSize), (t: HotlineTicketSummary) => t.trackingNo, [pageSize]);
}
