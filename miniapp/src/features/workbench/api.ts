import { api, type AuditQuery, type HotlineForwardState, type HotlineStatus } from '@zwgk/contracts';
import { call, downloadExport } from '@/services';

/**
 * The workbench's calls to the BFF, in one place so screens and hooks never spell paths.
 * Every function throws ApiError with a Chinese message (see services/client.ts); staff routes
 * answer 403 `role_required` to someone without the role.
 */

/** The hotline desk's filters as the screen holds them (all optional). */
export interface DeskFilters {
  status?: HotlineStatus;
  forward?: HotlineForwardState;
  /** Only tickets past their deadline. */
  overdue?: boolean;
  /** Keyword in the title. */
  q?: string;
  /** YYYY-MM-DD, China dates, inclusive. */
  from?: string;
  to?: string;
}

/** The filters as the staff routes take them (list and CSV export alike). */
export function deskQuery(filters: DeskFilters) {
  return {
    status: filters.status,
    forward: filters.forward,
    overdue: filters.overdue ? ('true' as const) : undefined,
    q: filters.q?.trim() || undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
  };
}

/** The tools the caller's roles allow, with their queue counts. */
export function getWorkbench() {
  return call(api.workbench);
}

/** One page of the desk's tickets under `filters`. */
export function listDeskTickets(filters: DeskFilters, page: number, pageSize: number) {
  return call(api.hotlineStaffTickets, { query: { ...deskQuery(filters), page, pageSize } });
}

/** A ticket in full, with the identity hidden from the handling department and its forwarding. */
export function getDeskTicket(trackingNo: string) {
  return call(api.hotlineStaffTicket, { params: { trackingNo } });
}

/** Queues a ticket whose forwarding failed for another delivery (409 for any other ticket). */
export function requeueDeskTicket(trackingNo: string) {
  return call(api.hotlineStaffRequeue, { params: { trackingNo } });
}

/** Exports the tickets under `filters` as CSV (see services/download.ts for how it is saved). */
export function exportDeskTickets(filters: DeskFilters, today: string) {
  return downloadExport(api.hotlineStaffExport, deskQuery(filters), `12345诉求-${today}.csv`);
}

/** One page of the audit log (admin). */
export function listAuditLog(query: Omit<AuditQuery, 'page' | 'pageSize'>, page: number, pageSize: number) {
  return call(api.auditLog, { query: { ...query, page, pageSize } });
}
