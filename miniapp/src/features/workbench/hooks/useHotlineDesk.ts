import { useCallback, useState } from 'react';
import type { HotlineStaffTicketDetail, HotlineStaffTicketPage, HotlineStaffTicketSummary } from '@zwgk/contracts';
import { usePagedList, useRemote, type UsePagedList, type UseRemote } from '@/hooks';
import { confirmAction, messageOf } from '@/services';
import { chinaDate, exportResult, idle, type ActionState } from '../lib/actions';
import { exportDeskTickets, getDeskTicket, listDeskTickets, requeueDeskTicket, type DeskFilters } from '../api';

export type { ActionState } from '../lib/actions';

export const DESK_PAGE_SIZE = 20;


export interface UseHotlineDesk {
  filters: DeskFilters;
  /** Changes filters and reads page 1 again. */
  setFilters: (patch: Partial<DeskFilters>) => void;
  resetFilters: () => void;
  /** The keyword being typed; applied with applyKeyword (搜索 or the keyboard's confirm). */
  keyword: string;
  setKeyword: (text: string) => void;
  applyKeyword: () => void;
  list: UsePagedList<HotlineStaffTicketSummary, HotlineStaffTicketPage>;
  selected: string | null;
  select: (trackingNo: string | null) => void;
  /** The selected ticket in full (null while none is selected). */
  detail: UseRemote<HotlineStaffTicketDetail | null>;
  /** 重新转交 of the selected ticket, after the person confirms. */
  requeue: () => Promise<void>;
  requeueState: ActionState;
  /** 导出 CSV of every ticket under the filters. */
  exportCsv: () => Promise<void>;
  exportState: ActionState;
}

/**
 * The 12345 desk: filtered tickets page by page, the one selected in full (with the identity the
 * citizen hid from the handling department), re-queueing a failed forwarding and CSV export.
 */
export function useHotlineDesk(initialSelected: string | null = null, pageSize = DESK_PAGE_SIZE): UseHotlineDesk {
  const [filters, setFilterState] = useState<DeskFilters>({});
  const [keyword, setKeyword] = useState('');
  const [selected, setSelected] = useState<string | null>(initialSelected);
  const [requeueState, setRequeueState] = useState<ActionState>(idle);
  const [exportState, setExportState] = useState<ActionState>(idle);

  const list = usePagedList((page) => listDeskTickets(filters, page, pageSize), (t: HotlineStaffTicketSummary) => t.trackingNo, [filters, pageSize]);
  const detail = useRemote(() => (selected ? getDeskTicket(selected) : Promise.resolve(null)), [selected]);

  const setFilters = useCallback((patch: Partial<DeskFilters>) => setFilterState((prev) => ({ ...prev, ...patch })), []);
  const resetFilters = useCallback(() => {
    setKeyword('');
    setFilterState({});
  }, []);
  const applyKeyword = useCallback(() => setFilterState((prev) => ({ ...prev, q: keyword.trim() || undefined })), [keyword]);

  const select = useCallback((trackingNo: string | null) => {
    setSelected(trackingNo);
    setRequeueState(idle);
  }, []);

  const { replace } = detail;
  const { updateItems } = list;
  const requeue = useCallback(async () => {
    if (!selected) return;
    const ok = await confirmAction({
      title: '重新转交',
      content: `将诉求 ${selected} 重新排队，转交 12345 工单系统。确定吗？`,
      confirmText: '重新转交',
    });
    if (!ok) return;
    setRequeueState({ busy: true, message: null, tone: 'ok' });
    try {
      const ticket = await requeueDeskTicket(selected);
      replace(ticket);
      updateItems((items) =>
        items.map((t) =>
          t.trackingNo === ticket.trackingNo
            ? { ...t, status: ticket.status, statusLabel: ticket.statusLabel, forwardFailed: ticket.forwardFailed, forwardState: ticket.forwarding.state }
            : t,
        ),
      );
      setRequeueState({ busy: false, message: '已重新排队，系统将再次转交至 12345 工单系统', tone: 'ok' });
    } catch (error) {
      setRequeueState({ busy: false, message: messageOf(error), tone: 'error' });
    }
  }, [selected, replace, updateItems]);

  const exportCsv = useCallback(async () => {
    setExportState({ busy: true, message: null, tone: 'ok' });
    try {
      setExportState(exportResult(await exportDeskTickets(filters, chinaDate())));
    } catch (error) {
      setExportState({ busy: false, message: messageOf(error), tone: 'error' });
    }
  }, [filters]);

  return { filters, setFilters, resetFilters, keyword, setKeyword, applyKeyword, list, selected, select, detail, requeue, requeueState, exportCsv, exportState };
}
