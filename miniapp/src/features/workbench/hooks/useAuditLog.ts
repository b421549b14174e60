import { useCallback, useState } from 'react';
import type { AuditEntry, AuditPage } from '@zwgk/contracts';
import { usePagedList, type UsePagedList } from '@/hooks';
import { listAuditLog } from '../api';

export const AUDIT_PAGE_SIZE = 20;

export interface AuditFilters {
  action?: string;
  targetId?: string;
}

export interface UseAuditLog {
  filters: AuditFilters;
  /** What is typed into the filter fields; applied with `apply`. */
  draft: AuditFilters;
  setDraft: (patch: Partial<AuditFilters>) => void;
  apply: () => void;
  list: UsePagedList<AuditEntry, AuditPage>;
}

/** The audit log (admin): every staff action, newest first, filtered by action and record. */
export function useAuditLog(pageSize = AUDIT_PAGE_SIZE): UseAuditLog {
  const [filters, setFilters] = useState<AuditFilters>({});
  const [draft, setDraftState] = useState<AuditFilters>({});
  const list = usePagedList(
    (page) => listAuditLog({ action: filters.action || undefined, targetId: filters.targetId || undefined }, page, pageSize),
    (e: AuditEntry) => e.id,
    [filters, pageSize],
  );
  const setDraft = useCallback((patch: Partial<AuditFilters>) => setDraftState((prev) => ({ ...prev, ...patch })), []);
  const apply = useCallback(() => setFilters({ action: draft.action?.trim() || undefined, targetId: draft.targetId?.trim() || undefined }), [draft]);
  return { filters, draft, setDraft, apply, list };
}
