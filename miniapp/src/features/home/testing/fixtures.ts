import type { HomeResponse } from '@zwgk/contracts';

/** A home feed with one item in every panel, all fresh. */
export function homeFeed(): HomeResponse {
  return {
    generatedAt: '2024-12-03T01:30:00.000Z',
    interpretations: {
      status: 'ok',
      updatedAt: '2024-12-03T01:00:00.000Z',
      items: [
        {
          id: 'i1',
          title: '《关于进一步优化营商环境的若干措施》解读',
          policyId: 'p1',
          publishedAt: '2024-12-02T02:00:00.000Z',
          summary: '围绕市场准入、政务服务等五个方面提出二十条措施。',
          hasMedia: true,
        },
      ],
    },
    consultations: {
      status: 'ok',
      updatedAt: '2024-12-03T01:00:00.000Z',
      items: [
        {
          id: 'c1',
          title: '城市公共停车管理办法（征求意见稿）',
          issuer: '市交通运输局',
          summary: '拟调整占道停车收费标准。',
          opensAt: '2024-11-25T00:00:00.000Z',
          closesAt: '2024-12-08T09:59:00.000Z',
          daysLeft: 5,
        },
      ],
    },
    openDays: {
      status: 'ok',
      updatedAt: '2024-12-03T01:00:00.000Z',
      items: [
        {
          id: 'o1',
          title: '走进自来水厂',
          host: '市水务集团',
          location: '北郊水厂',
          registrationClosesAt: '2024-12-05T10:00:00.000Z',
          nextSessionAt: '2024-12-07T01:30:00.000Z',
          sessionCount: 2,
          totalCapacity: 60,
        },
      ],
    },
    meetings: {
      status: 'ok',
      updatedAt: '2024-12-03T01:00:00.000Z',
      items: [
        {
          id: 'm1',
          title: '市政府第32次常务会议',
          organizer: '市政府办公厅',
          startsAt: '2024-12-10T06:00:00.000Z',
          location: '市政府第一会议室',
          applicationClosesAt: '2024-12-06T10:00:00.000Z',
          totalSeats: 10,
        },
      ],
    },
    hotlineStats: {
      status: 'ok',
      updatedAt: '2024-12-01T00:00:00.000Z',
      data: {
        month: '2024-11',
        accepted: 12840,
        handled: 12000,
        handledOnTime: 11520,
        onTimeRate: 0.96,
        rated: 8000,
        satisfied: 7640,
        satisfactionRate: 0.955,
      },
    },
  };
}
