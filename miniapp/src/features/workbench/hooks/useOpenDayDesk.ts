import { useCallback, useState } from 'react';
import type { RegistrationStatus, StaffOpenDayList, StaffRegistration, StaffRegistrationPage } from '@zwgk/contracts';
import { usePagedList, useRemote, type UsePagedList, type UseRemote } from '@/hooks';
import { messageOf } from '@/services';
import { exportSessionRegistrations, listSessionRegistrations, listStaffOpenDays } from '../api';
import { busy, chinaDate, exportResult, failed, idle, type ActionState } from '../lib/actions';

export const REGISTRATIONS_PAGE_SIZE = 50;

/** A session of an open day, as the desk selects it. */
export interface SessionRef {
  id: string;
  sessionId: string;
}

export interface UseOpenDayDesk {
  days: UseRemote<StaffOpenDayList>;
  selected: SessionRef | null;
  select: (ref: SessionRef | null) => void;
  status: RegistrationStatus | undefined;
  setStatus: (status: RegistrationStatus | undefined) => void;
  /** The selected session's registrations under the status filter (empty while none is selected). */
  registrations: UsePagedList<StaffRegistration, StaffRegistrationPage>;
  exportCsv: () => Promise<void>;
  exportState: ActionState;
}

const none: StaffRegistrationPage = { items: [], page: 1, pageSize: REGISTRATIONS_PAGE_SIZE, total: 0 };

/**
 * 开放日报名 for staff (role events): every open day with its sessions' counts, one session's
 * registrations (masked) with a status filter, and that list as CSV.
 */
export function useOpenDayDesk(pageSize = REGISTRATIONS_PAGE_SIZE): UseOpenDayDesk {
  const days = useRemote(listStaffOpenDays, []);
  const [selected, setSelected] = useState<SessionRef | null>(null);
  const [status, setStatus] = useState<RegistrationStatus | undefined>(undefined);
  const [exportState, setExportState] = useState<ActionState>(idle);
  const registrations = usePagedList(
    (page) => (selected ? listSessionRegistrations(selected.id, selected.sessionId, status, page, pageSize) : Promise.resolve(none)),
    (r: StaffRegistration) => r.id,
    [selected?.id, selected?.sessionId, status, pageSize],
  );

  const select = useCallback((ref: SessionRef | null) => {
    setSelected(ref);
    setExportState(idle);
  }, []);

  const exportCsv = useCallback(async () => {
    if (!selected) return;
    setExportState(busy);
    try {
      setExportState(exportResult(await exportSessionRegistrations(selected.id, selected.sessionId, chinaDate())));
    } catch (error) {
      setExportState(failed(messageOf(error)));
    }
  }, [selected]);

  return { days, selected, select, status, setStatus, registrations, exportCsv, exportState };
}
