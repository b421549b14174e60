import {
  AuditEntry,
  HotlineStaffTicketDetail,
  HotlineStaffTicketSummary,
  WorkbenchResponse,
  type HotlineStaffTicketPage,
} from '@zwgk/contracts';
import { ticketDetail } from '@/features/hotline/testing/fixtures';

/** Test data of the workbench screens, parsed by the contracts so it cannot drift from them. */

export const trackingNo = 'RX-20261201-7KQ2MZ';

export function workbench(overrides: Partial<WorkbenchResponse> = {}): WorkbenchResponse {
  return WorkbenchResponse.parse({
    roles: ['hotline'],
    tools: [
      {
        id: 'hotline',
        title: '12345 诉求办理',
        description: '查看诉求完整信息，处理转交未成功的诉求，导出报表',
        role: 'hotline',
        path: '/features/workbench/pages/hotline/index',
        counts: [
          { label: '转交未成功', count: 3, attention: true },
          { label: '已超期', count: 0, attention: true },
          { label: '办理中', count: 12, attention: false },
        ],
        status: 'ok',
      },
    ],
    ...overrides,
  });
}

/** A ticket whose forwarding failed for good, submitted anonymously (the hotline's fixture, as staff see it). */
export function staffTicket(overrides: Record<string, unknown> = {}): HotlineStaffTicketDetail {
  const submitted = ticketDetail().timeline[0];
  return HotlineStaffTicketDetail.parse({
    ...ticketDetail({
      trackingNo,
      status: 'submitted',
      statusLabel: '转交未成功',
      department: null,
      deadline: null,
      forwardFailed: true,
      anonymous: true,
      caseTicketNo: null,
      timeline: [submitted],
    }),
    userId: '65f1c2a9e8b7d4c3a1b2c3d4',
    contactName: '王小明',
    contactPhone: '13812345678',
    forwarding: { state: 'failed', attempts: 8, lastError: '工单系统拒收：标题含不支持的字符', deliveredAt: null, failedAt: '2026-12-01T01:40:00.000Z' },
    ...overrides,
  });
}

/** The list row of the i-th ticket (i = 0 is `staffTicket()`). */
export function staffSummary(i: number, overrides: Partial<HotlineStaffTicketSummary> = {}): HotlineStaffTicketSummary {
  const d = staffTicket();
  // The summary schema keeps its own fields of the detail and drops the rest.
  return HotlineStaffTicketSummary.parse({
    ...d,
    trackingNo: i === 0 ? d.trackingNo : `RX-20261201-${String(i).padStart(6, '0')}`,
    title: i === 0 ? d.title : `${d.title}（${i}）`,
    forwardState: d.forwarding.state,
    ...overrides,
  });
}

export function staffPage(items: HotlineStaffTicketSummary[], page = 1, pageSize = 20, total = items.length): HotlineStaffTicketPage {
  return { items, page, pageSize, total };
}

export function auditEntry(i: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return AuditEntry.parse({
    id: i.toString(16).padStart(24, '0'),
    at: '2026-12-01T02:00:00.000Z',
    actorId: '65f1c2a9e8b7d4c3a1b2c3d4',
    role: 'hotline',
    action: 'hotline.requeue',
    target: { type: 'hotline_ticket', id: trackingNo },
    before: { forwardState: 'failed' },
    after: { forwardState: 'pending' },
    requestId: `req-${i}`,
    ...overrides,
  });
}
