import { Types } from 'mongoose';
import { startTestStack, type TestStack } from '../../../test/stack';
import { meetingModels } from '../meetings/model';
import { openDayModels } from '../open-days/model';

/**
 * 公开参与 figures against the real stack: events published to the portal simulator, sign-ups
 * and applications stored as the features store them. The clock is 2026-12-01 12:00 China time.
 */
let s: TestStack;
const NOW = new Date('2026-12-01T12:00:00+08:00');
beforeAll(async () => {
  s = await startTestStack();
  s.context.now = () => NOW;
}, 60_000);
afterAll(() => s?.stop());

async function publish(collection: 'open-days' | 'meetings', record: Record<string, unknown>) {
  const r = await fetch(`${s.sims.portal.url}/__sim/content/${collection}/${record.id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(record),
  });
  if (!r.ok) throw new Error(`publish ${collection}/${record.id}: ${r.status} ${await r.text()}`);
}

let n = 0;
function registration(openDayId: string, sessionId: string, status: string, partySize: number) {
  n += 1;
  return {
    openDayId,
    sessionId,
    userId: new Types.ObjectId(),
    idempotencyKey: `stats-key-${n}-0000000000`,
    status,
    partySize,
    nameEnc: 'x',
    nameMasked: '张*',
    idNumberEnc: 'x',
    idNumberMasked: '110105********002X',
    idHash: `h${n}`,
    phoneEnc: 'x',
    phoneMasked: '138****5678',
    companions: [],
  };
}
function application(meetingId: string, category: string, status: string, withdrawnFrom: string | null = null) {
  n += 1;
  return {
    meetingId,
    userId: new Types.ObjectId(),
    idempotencyKey: `stats-app-${n}-0000000000`,
    category,
    drawNumber: String(n).padStart(6, '0'),
    nameMasked: '李*',
    nameSource: 'given',
    reason: '关心本次会议议题',
    status,
    withdrawnFrom,
  };
}

const openDay = (id: string, host: string, sessions: Array<[string, string, string, number]>) => ({
  id,
  title: `${host}开放日`,
  host,
  description: '参观与交流',
  location: '江海市',
  registrationOpensAt: '2026-01-01T09:00:00+08:00',
  registrationClosesAt: sessions[0][1],
  sessions: sessions.map(([sid, startsAt, endsAt, capacity]) => ({ id: sid, startsAt, endsAt, capacity })),
});
const meeting = (id: string, startsAt: string, seats: Record<string, number>) => ({
  id,
  title: `第${id}次常务会议`,
  organizer: '江海市人民政府办公室',
  startsAt,
  location: '市政府第一会议室',
  agenda: ['审议有关事项'],
  seats,
  applicationClosesAt: '2026-01-01T17:00:00+08:00',
  selection: 'review',
});

describe('GET /api/v1/participation/stats', () => {
  beforeAll(async () => {
    // Two ended sessions this year (one of them with a party of three), one future session,
    // and one session of last year.
    await publish('open-days', openDay('st-od-1', '江海市统计测试局', [
      ['a', '2026-06-01T09:00:00+08:00', '2026-06-01T11:00:00+08:00', 10],
      ['b', '2026-07-01T09:00:00+08:00', '2026-07-01T11:00:00+08:00', 5],
      ['c', '2027-03-01T09:00:00+08:00', '2027-03-01T11:00:00+08:00', 50],
    ]));
    await publish('open-days', openDay('st-od-2', '江海市统计测试局', [['a', '2025-09-01T09:00:00+08:00', '2025-09-01T11:00:00+08:00', 20]]));
    const { Registration } = openDayModels(s.context.mongo);
    await Registration.insertMany([
      registration('st-od-1', 'a', 'attended', 3),
      registration('st-od-1', 'a', 'attended', 1),
      registration('st-od-1', 'a', 'no_show', 2),
      registration('st-od-1', 'a', 'cancelled', 1),
      registration('st-od-1', 'a', 'lapsed', 1),
      registration('st-od-1', 'b', 'confirmed', 1),
      registration('st-od-1', 'c', 'confirmed', 2),
      registration('st-od-2', 'a', 'attended', 4),
    ]);

    await publish('meetings', meeting('st-m-1', '2026-03-10T09:00:00+08:00', { public: 3, stakeholder: 2, expert: 1, media: 0 }));
    await publish('meetings', meeting('st-m-2', '2026-05-10T09:00:00+08:00', { public: 2, stakeholder: 0, expert: 0, media: 1 }));
    await publish('meetings', meeting('st-m-3', '2026-12-20T09:00:00+08:00', { public: 5, stakeholder: 0, expert: 0, media: 0 }));
    const { Application } = meetingModels(s.context.mongo);
    await Application.insertMany([
      application('st-m-1', 'public', 'confirmed'),
      application('st-m-1', 'public', 'selected'),
      application('st-m-1', 'public', 'declined'),
      application('st-m-1', 'public', 'withdrawn', 'submitted'),
      application('st-m-1', 'stakeholder', 'confirmed'),
      application('st-m-1', 'expert', 'withdrawn', 'selected'),
      application('st-m-2', 'public', 'declined'),
      application('st-m-3', 'public', 'submitted'),
    ]);
  });

  test('when asked for this year, then open days count ended sessions only, sign-ups are places held at the end (companions included), and each ratio names its denominator', async () => {
    const r = await s.req('GET', '/api/v1/participation/stats');
    expect(r.status).toBe(200);
    expect(r.body.year).toBe(2026);
    const host = r.body.openDays.hosts.find((h: any) => h.host === '江海市统计测试局');
    // Sessions a (10 places) and b (5): held once; attended 3+1, no-show 2, confirmed 1 → 7 sign-ups.
    expect(host).toMatchObject({ held: 1, sessions: 2, places: 15, signUps: 7, attended: 4 });
    expect(host.attendanceRate).toMatchObject({ numerator: 4, denominator: 7, value: 0.5714 });
    expect(host.fillRate).toMatchObject({ numerator: 7, denominator: 15 });
    expect(host.attendanceRate.definition).toContain('÷');
    expect(r.body.openDays.definitions.length).toBeGreaterThan(0);
    expect(r.body.years).toEqual(expect.arrayContaining([2026, 2025]));
    expect(r.body.years).not.toContain(2027);
  });

  test('when asked for this year, then meetings count those already held, observers are selected or confirmed, and early withdrawals are not applications', async () => {
    const r = await s.req('GET', '/api/v1/participation/stats?year=2026');
    const m = r.body.meetings;
    // Held in 2026: st-m-1 (with observers), st-m-2 (none chosen) and the demo content's mtg-005
    // (no applications); st-m-3 starts on 12-20.
    expect(m).toMatchObject({ held: 3, withObservers: 1, yearlyMinimum: 4, meetsMinimum: false });
    const byCat = Object.fromEntries(m.categories.map((c: any) => [c.category, c]));
    // public: confirmed + selected + declined (st-m-1) + declined (st-m-2); the early withdrawal is not counted.
    expect(byCat.public).toMatchObject({ label: '公众', seats: 8, applications: 4, observers: 2 });
    expect(byCat.stakeholder).toMatchObject({ seats: 4, applications: 1, observers: 1 });
    // An observer who gave up the seat still applied, but is no observer.
    expect(byCat.expert).toMatchObject({ seats: 3, applications: 1, observers: 0 });
    expect(byCat.public.applicationsPerSeat).toMatchObject({ numerator: 4, denominator: 8, value: 0.5 });
    expect(m.applicationsPerSeat).toMatchObject({ numerator: 6, denominator: 18, value: 0.33 });
    expect(m.applicationsPerSeat.definition).toContain('申请数 ÷ 列席名额');
  });

  test('when last year is asked for, then only its ended sessions count', async () => {
    const r = await s.req('GET', '/api/v1/participation/stats?year=2025');
    const host = r.body.openDays.hosts.find((h: any) => h.host === '江海市统计测试局');
    expect(host).toMatchObject({ held: 1, sessions: 1, places: 20, signUps: 4, attended: 4 });
  });

  test('when the year is not a number or out of range, then 400 names the field', async () => {
    const bad = await s.req('GET', '/api/v1/participation/stats?year=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ field: 'year', message: '年份必须是数字' });
    expect((await s.req('GET', '/api/v1/participation/stats?year=1800')).status).toBe(400);
  });

  test('when the portal is down and nothing is cached, then the figures still answer, each section marked unavailable', async () => {
    const cold = await startTestStack();
    try {
      await cold.sims.portal.setFaults({ mode: 'down' });
      const r = await cold.req('GET', '/api/v1/participation/stats');
      expect(r.status).toBe(200);
      expect(r.body.openDays).toMatchObject({ status: 'unavailable', hosts: [] });
      expect(r.body.meetings).toMatchObject({ status: 'unavailable', held: 0 });
    } finally {
      await cold.stop();
    }
  }, 60_000);
});
