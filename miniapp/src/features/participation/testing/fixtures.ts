import { ParticipationStats } from '@zwgk/contracts';

const fig = (numerator: number, denominator: number, definition: string) => ({
  value: denominator ? numerator / denominator : null,
  numerator,
  denominator,
  definition,
});

/** A year of figures, parsed by the contract so it cannot drift from it. */
export function participationStats(overrides: Partial<ParticipationStats> = {}): ParticipationStats {
  return ParticipationStats.parse({
    year: 2026,
    years: [2026, 2025],
    generatedAt: '2026-12-01T08:00:00.000Z',
    openDays: {
      status: 'ok',
      hosts: [
        {
          host: '江海市水务局',
          held: 2,
          sessions: 4,
          places: 120,
          signUps: 96,
          attended: 81,
          attendanceRate: fig(81, 96, '到场人数 ÷ 报名人数'),
          fillRate: fig(96, 120, '报名人数 ÷ 名额'),
        },
        {
          host: '江海市城市管理局',
          held: 1,
          sessions: 1,
          places: 50,
          signUps: 0,
          attended: 0,
          attendanceRate: fig(0, 0, '到场人数 ÷ 报名人数'),
          fillRate: fig(0, 50, '报名人数 ÷ 名额'),
        },
      ],
      totals: {
        held: 3,
        sessions: 5,
        places: 170,
        signUps: 96,
        attended: 81,
        attendanceRate: fig(81, 96, '到场人数 ÷ 报名人数'),
        fillRate: fig(96, 170, '报名人数 ÷ 名额'),
      },
      definitions: [{ term: '举办', definition: '当年至少有一个场次已结束的开放日' }],
    },
    meetings: {
      status: 'ok',
      held: 5,
      withObservers: 3,
      yearlyMinimum: 4,
      meetsMinimum: false,
      categories: [
        { category: 'public', label: '公众', seats: 9, applications: 27, observers: 8, applicationsPerSeat: fig(27, 9, '申请数 ÷ 名额') },
        { category: 'stakeholder', label: '利益相关方', seats: 6, applications: 6, observers: 5, applicationsPerSeat: fig(6, 6, '申请数 ÷ 名额') },
        { category: 'expert', label: '专家', seats: 6, applications: 4, observers: 4, applicationsPerSeat: fig(4, 6, '申请数 ÷ 名额') },
        { category: 'media', label: '媒体', seats: 6, applications: 0, observers: 0, applicationsPerSeat: fig(0, 6, '申请数 ÷ 名额') },
      ],
      applicationsPerSeat: fig(37, 27, '申请数 ÷ 名额'),
      definitions: [{ term: '有列席的会议', definition: '当年召开、至少一位列席人员确认参加的会议' }],
    },
    ...overrides,
  });
}
