import {
  AuditEntry,
  CommentPoint,
  ConsultationDetailResponse,
  ConsultationReport,
  StaffComment,
  StaffConsultation,
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

// ---- 民意征集 ----

export const consultationId = 'con-001';
export const consultationTitle = '关于《江海市社区嵌入式养老服务设施建设管理办法（征求意见稿）》公开征求意见的公告';

/** The moderator's tool on the workbench home, as the BFF lists it. */
export function moderatorTool(pending = 2) {
  return WorkbenchResponse.parse({
    roles: ['moderator'],
    tools: [
      {
        id: 'consultations',
        title: '民意征集意见审核',
        description: '审核意见（自动预审标记）、截止后逐条处置与归并意见要点、公布采纳情况、导出意见',
        role: 'moderator',
        path: '/features/workbench/pages/consultations/index',
        counts: [
          { label: '待审核意见', count: pending, attention: pending > 0 },
          { label: '其中预审标记', count: 1, attention: false },
          { label: '已截止待处置', count: 0, attention: false },
        ],
        status: 'ok',
      },
    ],
  }).tools[0];
}

/** The i-th comment (ids 24 hex digits): pending, on 第三条, no flags unless given. */
export function staffComment(i: number, overrides: Partial<StaffComment> = {}): StaffComment {
  return StaffComment.parse({
    id: (0xc0 + i).toString(16).padStart(24, '0'),
    consultationId,
    articleNo: 3,
    articleLabel: '第三条',
    text: `建议老旧小区补足养老服务用房时优先利用闲置的社区用房（${i}）`,
    realNameMasked: i % 2 ? null : '张**',
    contactConsent: false,
    state: 'pending',
    stateLabel: '待审核',
    flags: [],
    rejectReason: null,
    rejectReasonLabel: null,
    rejectNote: null,
    moderatedAt: null,
    disposition: null,
    dispositionLabel: null,
    dispositionReason: null,
    pointId: null,
    createdAt: `2026-12-01T0${i % 10}:00:00.000+08:00`,
    ...overrides,
  });
}

export function commentPage(items: StaffComment[], nextCursor: string | null = null, total = items.length) {
  return { items, total, nextCursor };
}

/** A consultation as staff see it: closed, 4 approved comments of which 1 disposed. */
export function staffConsultation(overrides: Partial<StaffConsultation> = {}): StaffConsultation {
  return StaffConsultation.parse({
    id: consultationId,
    title: consultationTitle,
    phase: 'closed',
    phaseLabel: '已截止',
    opensAt: '2026-11-10T09:00:00+08:00',
    closesAt: '2026-12-10T17:30:00+08:00',
    counts: { received: 6, pending: 0, flaggedPending: 0, approved: 4, rejected: 1, withdrawn: 1, disposed: 1, undisposed: 3 },
    workingDaysSinceClose: 2,
    workingDaysExplanation: '12月10日截止，截止次日起至今已过 2 个工作日（按国家公布的工作日历，不计周末和法定节假日，调休上班日计入）',
    reportPublishedAt: null,
    canPublish: false,
    ...overrides,
  });
}

export function commentPoint(overrides: Partial<CommentPoint> = {}): CommentPoint {
  return CommentPoint.parse({
    id: 'e'.repeat(24),
    consultationId,
    title: '老旧小区补足养老用房应优先利用闲置用房',
    disposition: 'partly_adopted',
    dispositionLabel: '部分采纳',
    reason: '已在第三条增加“优先利用闲置的社区用房”',
    commentCount: 2,
    commenterCount: 2,
    createdAt: '2026-12-11T10:00:00.000+08:00',
    ...overrides,
  });
}

/** The adoption report of `staffConsultation()` once every comment is disposed (a preview: not published). */
export function consultationReport(overrides: Partial<ConsultationReport> = {}): ConsultationReport {
  const share = (n: number) => ({ numerator: n, denominator: 4, value: n / 4 });
  return ConsultationReport.parse({
    consultationId,
    title: consultationTitle,
    issuer: '江海市民政局',
    opensAt: '2026-11-10T09:00:00+08:00',
    closesAt: '2026-12-10T17:30:00+08:00',
    publishedAt: null,
    generatedAt: '2026-12-14T10:00:00.000+08:00',
    received: 5,
    published: 4,
    withheld: { total: 1, byReason: [{ reason: 'advertising', label: '广告', count: 1 }] },
    withdrawn: 1,
    dispositions: [
      { disposition: 'adopted', label: '采纳', count: 1, share: share(1) },
      { disposition: 'partly_adopted', label: '部分采纳', count: 2, share: share(2) },
      { disposition: 'not_adopted', label: '未采纳', count: 1, share: share(1) },
      { disposition: 'already_provided', label: '已有规定', count: 0, share: share(0) },
      { disposition: 'out_of_scope', label: '不属于本次征求范围', count: 0, share: share(0) },
    ],
    byArticle: [
      { articleNo: null, label: '对草案整体', published: 1, dispositions: [{ disposition: 'adopted', label: '采纳', count: 1 }] },
      { articleNo: 3, label: '第三条', published: 3, dispositions: [{ disposition: 'partly_adopted', label: '部分采纳', count: 2 }, { disposition: 'not_adopted', label: '未采纳', count: 1 }] },
    ],
    points: [{ ...commentPoint(), disposition: 'partly_adopted' }],
    majorPointThreshold: 5,
    majorPointsNotAdopted: [],
    ...overrides,
  });
}

/** The public page of `consultationId` (its articles feed the article filter). */
export function consultationDetail(): ConsultationDetailResponse {
  const article = (no: number, label: string) => ({ no, label, chapter: null, text: `${label}的内容`, commentCount: 0 });
  return ConsultationDetailResponse.parse({
    status: 'ok',
    updatedAt: '2026-12-14T10:00:00.000+08:00',
    item: {
      id: consultationId,
      title: consultationTitle,
      issuer: '江海市民政局',
      summary: '征求意见稿',
      opensAt: '2026-11-10T09:00:00+08:00',
      closesAt: '2026-12-10T17:30:00+08:00',
      phase: 'closed',
      phaseLabel: '已截止',
      daysLeft: null,
      commentCount: 4,
      reportPublishedAt: null,
      basis: [],
      preamble: [],
      articles: [article(1, '第一条'), article(2, '第二条'), article(3, '第三条')],
      wholeDraftCommentCount: 1,
      canComment: false,
    },
  });
}
