import {
  HotlineStatsResponse,
  HotlineTicketDetail,
  type HotlineMetrics,
  type HotlineTicketSummary,
  type HotlineSubmitResponse,
} from '@zwgk/contracts';

/** Test data of the hotline screens, parsed by the contract so it cannot drift from it. */

export const trackingNo = 'RX-20261125-7KQ2MZ';

export function submitAnswer(overrides: Partial<HotlineSubmitResponse> = {}): HotlineSubmitResponse {
  return { trackingNo, status: 'submitted', statusLabel: '已提交，正在转交', submittedAt: '2026-11-25T01:30:00.000Z', replayed: false, ...overrides };
}

const entry = (status: string, statusLabel: string, at: string, department: string | null, note: string) => ({ status, statusLabel, at, department, note });

/** A ticket in 办理中 with 3 working days and `remainingMs` left. */
export function ticketDetail(overrides: Record<string, unknown> = {}): HotlineTicketDetail {
  return HotlineTicketDetail.parse({
    trackingNo,
    type: 'complaint',
    typeLabel: '投诉',
    title: '小区夜间施工噪音扰民',
    status: 'processing',
    statusLabel: '办理中',
    department: '市生态环境局',
    submittedAt: '2026-11-25T01:30:00.000Z',
    updatedAt: '2026-11-25T02:00:00.000Z',
    deadline: {
      dueAt: '2026-12-09T15:59:59.000Z',
      workingDays: 10,
      startDate: '2026-11-25',
      remainingMs: 2 * 86_400_000 + 3 * 3_600_000 + 4 * 60_000 + 5_000,
      remainingWorkingDays: 2,
      overdue: false,
      finished: false,
      explanation: '投诉类诉求的办理时限为 10 个工作日，自受理次日起算，周末和法定节假日不计，调休上班日计入。',
    },
    canRate: false,
    forwardFailed: false,
    description: '每天晚上十一点以后仍有打桩施工，严重影响休息。',
    location: { address: '滨江区江南大道 88 号', lat: null, lng: null },
    photos: [],
    contactPhoneMasked: '138****5678',
    contactAllowed: true,
    anonymous: false,
    caseTicketNo: '12345-20261125-000001',
    timeline: [
      entry('submitted', '已提交', '2026-11-25T01:30:00.000Z', null, '诉求已提交，正在转交 12345'),
      entry('accepted', '受理', '2026-11-25T01:30:05.000Z', null, '诉求已受理，工单已生成'),
      entry('dispatched', '派单', '2026-11-25T01:40:00.000Z', '市生态环境局', '已派单至市生态环境局'),
      entry('processing', '办理中', '2026-11-25T02:00:00.000Z', '市生态环境局', '承办部门正在办理'),
    ],
    rating: null,
    canReopen: false,
    ...overrides,
  });
}

export function ticketSummary(i: number, overrides: Partial<HotlineTicketSummary> = {}): HotlineTicketSummary {
  const d = ticketDetail();
  return {
    trackingNo: `RX-20261125-${String(i).padStart(6, '0')}`,
    type: d.type,
    typeLabel: d.typeLabel,
    title: `${d.title}（${i}）`,
    status: d.status,
    statusLabel: d.statusLabel,
    department: d.department,
    submittedAt: d.submittedAt,
    updatedAt: d.updatedAt,
    deadline: d.deadline,
    canRate: false,
    forwardFailed: false,
    ...overrides,
  };
}

function metrics(accepted: number, handled: number, onTime: number, rated: number, satisfied: number): HotlineMetrics {
  const rate = (n: number, d: number) => ({ value: d ? n / d : null, numerator: n, denominator: d });
  return {
    accepted,
    handled,
    handledOnTime: onTime,
    rated,
    satisfied,
    basicallySatisfied: Math.floor((rated - satisfied) / 2),
    unsatisfied: rated - satisfied - Math.floor((rated - satisfied) / 2),
    handledRate: rate(handled, accepted),
    onTimeRate: rate(onTime, handled),
    satisfactionRate: rate(satisfied, rated),
  };
}

const types = [
  ['consult', '咨询'],
  ['help', '求助'],
  ['complaint', '投诉'],
  ['report', '举报'],
  ['suggestion', '建议'],
] as const;

export function stats(overrides: Partial<HotlineStatsResponse> = {}): HotlineStatsResponse {
  const byType = types.map(([type, typeLabel], i) => ({ type, typeLabel, ...metrics(1000 + i * 100, 900 + i * 100, 850 + i * 90, 600, 500 + i * 10) }));
  return HotlineStatsResponse.parse({
    status: 'ok',
    updatedAt: '2026-11-25T01:00:00.000Z',
    from: '2026-09',
    to: '2026-11',
    definitions: [
      { metric: 'accepted', label: '受理量', definition: '当月受理的诉求件数' },
      { metric: 'onTimeRate', label: '按时办结率', definition: '按时办结件数 ÷ 办结件数' },
      { metric: 'satisfactionRate', label: '满意率', definition: '满意件数 ÷ 已评价件数' },
    ],
    total: metrics(6000, 5500, 5000, 3000, 2700),
    byType,
    months: [
      { month: '2026-09', total: metrics(2100, 2000, 1900, 1000, 900), byType },
      { month: '2026-10', total: metrics(2400, 2300, 2100, 1200, 1100), byType },
      { month: '2026-11', total: metrics(1500, 1200, 1000, 800, 700), byType },
    ],
    ...overrides,
  });
}
