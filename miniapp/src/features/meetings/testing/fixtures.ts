import {
  computeDraw,
  MeetingApplyResponse,
  MeetingDetailResponse,
  MeetingDrawResponse,
  MeetingListResponse,
  MeetingOpinion,
  MyMeetingApplication,
  MyMeetingApplicationList,
  OBSERVER_CATEGORY_LABELS,
  rosterHash,
  StaffApplication,
  StaffApplicationPage,
  StaffMeeting,
  StaffMeetingList,
  type CategorySeats,
  type DrawCategory,
  type MeetingDetail,
  type MeetingListItem,
  type ObserverCategory,
} from '@zwgk/contracts';

/** Test data of the meeting screens, parsed by the contracts so it cannot drift from them. */

const hour = 3_600_000;
const day = 24 * hour;
const inDays = (n: number) => new Date(Date.now() + n * day).toISOString();

export function listItem(overrides: Partial<MeetingListItem> = {}): MeetingListItem {
  return {
    id: 'mt-001',
    title: '江海市人民政府第 42 次常务会议',
    organizer: '江海市人民政府办公室',
    startsAt: inDays(10),
    location: '市政府 3 号楼第一会议室',
    applicationClosesAt: inDays(3),
    selection: 'lottery',
    selectionLabel: '公开抽签',
    phase: 'open',
    phaseLabel: '接受申请',
    totalSeats: 6,
    myStatus: null,
    ...overrides,
  };
}

export function meetingList(status: 'ok' | 'stale' = 'ok', items?: MeetingListItem[]): MeetingListResponse {
  return MeetingListResponse.parse({
    status,
    updatedAt: '2026-12-01T12:00:00.000Z',
    items: items ?? [
      listItem({ myStatus: 'submitted' }),
      listItem({ id: 'mt-002', title: '城市更新专题会议', selection: 'review', selectionLabel: '审核选定', phase: 'closed', phaseLabel: '申请已截止，正在选定', applicationClosesAt: inDays(-1), totalSeats: 4 }),
      listItem({ id: 'mt-003', title: '第 41 次常务会议', phase: 'held', phaseLabel: '会议已召开', startsAt: inDays(-5), applicationClosesAt: inDays(-12) }),
    ],
  });
}

export function seats(overrides: Partial<Record<ObserverCategory, Partial<CategorySeats>>> = {}): CategorySeats[] {
  const base: Record<ObserverCategory, number> = { public: 3, stakeholder: 1, expert: 1, media: 1 };
  return (Object.keys(base) as ObserverCategory[]).map((category) => ({
    category,
    label: OBSERVER_CATEGORY_LABELS[category],
    seats: base[category],
    applications: 0,
    selected: 0,
    ...overrides[category],
  }));
}

export function myApplication(overrides: Partial<MyMeetingApplication> = {}): MyMeetingApplication {
  return MyMeetingApplication.parse({
    id: 'b00000000000000000000001',
    meetingId: 'mt-001',
    meetingTitle: '江海市人民政府第 42 次常务会议',
    meetingStartsAt: inDays(10),
    category: 'public',
    categoryLabel: '公众',
    drawNumber: '000003',
    reason: '我住在旧改片区，想了解议题的讨论过程。',
    organisation: null,
    qualification: null,
    status: 'submitted',
    statusLabel: '已提交',
    reserveRank: null,
    decisionReason: null,
    canWithdraw: true,
    canConfirm: false,
    canSubmitOpinion: false,
    createdAt: '2026-12-01T02:00:00.000Z',
    ...overrides,
  });
}

export function opinion(overrides: Partial<MeetingOpinion> = {}): MeetingOpinion {
  return MeetingOpinion.parse({
    id: 'c00000000000000000000001',
    name: '李*',
    category: 'public',
    categoryLabel: '公众',
    text: '建议议题材料提前三天在网上公开。',
    submittedAt: '2026-11-25T08:00:00.000Z',
    reply: null,
    ...overrides,
  });
}

export function meetingDetail(overrides: Partial<MeetingDetail> = {}, status: 'ok' | 'stale' = 'ok'): MeetingDetailResponse {
  return MeetingDetailResponse.parse({
    status,
    updatedAt: '2026-12-01T12:00:00.000Z',
    item: {
      ...listItem(),
      agenda: ['审议《江海市老旧小区改造实施方案》', '研究部署冬季供暖保障工作'],
      seats: seats({ public: { applications: 5 }, media: { applications: 1 } }),
      canApply: true,
      drawSource: '2026年12月5日公布的中国福利彩票双色球开奖号码（按公布顺序，以空格分隔）',
      drawPublished: false,
      observers: [],
      opinions: [],
      me: { application: null },
      ...overrides,
    },
  });
}

/** A drawn category computed by the shared draw code (so it verifies), with optional tampering. */
export function drawnCategory(category: ObserverCategory, roster: string[], seatCount: number, publicValue: string, tamper: Partial<DrawCategory> = {}): DrawCategory {
  const c = computeDraw(roster, publicValue, seatCount);
  return {
    category,
    seats: seatCount,
    publicValueSource: '2026年12月5日公布的中国福利彩票双色球开奖号码',
    publicValue,
    roster: [...roster].sort(),
    rosterNames: roster.map((_, i) => `${'张李王赵陈'[i % 5]}*`),
    rosterHash: c.rosterHash,
    frozenAt: '2026-12-04T09:00:00.000Z',
    seed: c.seed,
    order: c.order,
    chosen: c.chosen,
    replacements: [],
    drawnAt: '2026-12-05T13:00:00.000Z',
    ...tamper,
  };
}

export const publicRoster = ['000001', '000002', '000003', '000004', '000005', '000006', '000007', '000008'];

export function meetingDraw(categories?: DrawCategory[]): MeetingDrawResponse {
  return MeetingDrawResponse.parse({
    meetingId: 'mt-001',
    selection: 'lottery',
    algorithm: 'RFC 3797 式公开抽签（SHA-256 + Fisher–Yates）',
    categories: categories ?? [
      drawnCategory('public', publicRoster, 3, '03 09 14 21 27 31 + 08'),
      {
        category: 'media',
        seats: 1,
        publicValueSource: '2026年12月5日公布的中国福利彩票双色球开奖号码',
        publicValue: null,
        roster: ['000009'],
        rosterNames: ['赵*'],
        rosterHash: rosterHash(['000009']),
        frozenAt: '2026-12-04T09:00:00.000Z',
        seed: null,
        order: [],
        chosen: [],
        replacements: [],
        drawnAt: null,
      },
    ],
  });
}

export function applyAnswer(overrides: Partial<MeetingApplyResponse> = {}): MeetingApplyResponse {
  return MeetingApplyResponse.parse({ ...myApplication(), replayed: false, ...overrides });
}

export function myApplications(items = [myApplication()]): MyMeetingApplicationList {
  return MyMeetingApplicationList.parse({ items });
}

export function staffMeeting(overrides: Partial<StaffMeeting> = {}): StaffMeeting {
  return StaffMeeting.parse({
    id: 'mt-001',
    title: '江海市人民政府第 42 次常务会议',
    startsAt: inDays(10),
    applicationClosesAt: inDays(3),
    selection: 'lottery',
    phase: 'open',
    phaseLabel: '接受申请',
    drawSource: null,
    seats: seats({ public: { applications: 5 } }),
    pendingReview: 0,
    drawsPending: [],
    opinionsAwaitingReply: 0,
    ...overrides,
  });
}

export function staffMeetings(items = [staffMeeting(), staffMeeting({ id: 'mt-002', title: '城市更新专题会议', selection: 'review', phase: 'closed', phaseLabel: '申请已截止，正在选定', applicationClosesAt: inDays(-1), pendingReview: 2, drawSource: null, seats: seats({ public: { applications: 4, selected: 3 }, expert: { applications: 1 } }) })]): StaffMeetingList {
  return StaffMeetingList.parse({ status: 'ok', items });
}

export function staffApplication(overrides: Partial<StaffApplication> = {}): StaffApplication {
  return StaffApplication.parse({
    id: 'd00000000000000000000001',
    drawNumber: '000001',
    name: '王*',
    category: 'public',
    categoryLabel: '公众',
    reason: '我是片区居民，关心改造方案。',
    organisation: null,
    qualification: null,
    status: 'submitted',
    statusLabel: '已提交',
    reserveRank: null,
    decisionReason: null,
    createdAt: '2026-12-01T02:00:00.000Z',
    ...overrides,
  });
}

export function staffApplications(items = [staffApplication()], total = items.length): StaffApplicationPage {
  return StaffApplicationPage.parse({ items, page: 1, pageSize: 50, total });
}

export { hour, day, inDays };
