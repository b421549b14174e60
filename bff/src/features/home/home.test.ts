import { eventually, startTestStack, type TestStack } from '../../../test/stack';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack({ env: { HOME_BUDGET_MS: '700', UPSTREAM_TIMEOUT_MS: '500' } });
});
afterAll(() => s?.stop());
afterEach(() => s.heal());

const PORTAL_PANELS = ['interpretations', 'consultations', 'openDays', 'meetings'] as const;

async function portalList(collection: string, sort = '') {
  const res = await fetch(`${s.sims.portal.url}/api/content/${collection}?pageSize=200${sort ? `&sort=${sort}` : ''}`);
  return ((await res.json()) as { items: any[] }).items;
}

/** Clears cached upstream content so each case starts cold. */
async function coldCache() {
  for (const key of ['interpretations:list:latest', 'consultations:list:all', 'open-days:list:all', 'meetings:list:all']) {
    await s.context.cache.invalidate(`c:portal:${key}`);
  }
  await s.context.cache.invalidate('c:case:stats:last36');
}

describe('GET /api/v1/home', () => {
  beforeEach(coldCache);

  test('when every upstream answers, then every panel is ok and matches the portal and case system', async () => {
    const r = await s.req('GET', '/api/v1/home');
    expect(r.status).toBe(200);
    for (const p of [...PORTAL_PANELS, 'hotlineStats']) expect(r.body[p].status).toBe('ok');

    const latest = (await portalList('interpretations', '-publishedAt')).slice(0, 5).map((i) => i.id);
    expect(r.body.interpretations.items.map((i: any) => i.id)).toEqual(latest);

    const now = Date.now();
    const open = (await portalList('consultations')).filter((c) => Date.parse(c.opensAt) <= now && now < Date.parse(c.closesAt));
    expect(r.body.consultations.items.map((c: any) => c.id).sort()).toEqual(open.slice(0, 5).map((c) => c.id).sort());
    for (const c of r.body.consultations.items) expect(Date.parse(c.closesAt)).toBeGreaterThan(now);

    for (const m of r.body.meetings.items) expect(Date.parse(m.startsAt)).toBeGreaterThan(now);
    for (const o of r.body.openDays.items) expect(Date.parse(o.nextSessionAt)).toBeGreaterThan(now);

    const stats = r.body.hotlineStats.data;
    expect(stats.month).toMatch(/^\d{4}-\d{2}$/);
    expect(stats.handled).toBeLessThanOrEqual(stats.accepted);
    expect(stats.satisfied).toBeLessThanOrEqual(stats.rated);
    if (stats.rated > 0) expect(stats.satisfactionRate).toBeCloseTo(stats.satisfied / stats.rated, 3);
  });

  test('when the portal is down, then its four panels are unavailable and the hotline panel is still served', async () => {
    await s.sims.portal.setFaults({ mode: 'down' });
    const r = await s.req('GET', '/api/v1/home');
    expect(r.status).toBe(200);
    for (const p of PORTAL_PANELS) expect(r.body[p]).toMatchObject({ status: 'unavailable', items: [] });
    expect(r.body.hotlineStats.status).toBe('ok');
  });

  test('when the case system is down, then only the hotline panel is unavailable', async () => {
    await s.sims.case.setFaults({ mode: 'down' });
    const r = await s.req('GET', '/api/v1/home');
    expect(r.status).toBe(200);
    expect(r.body.hotlineStats).toEqual({ status: 'unavailable', updatedAt: null, data: null });
    for (const p of PORTAL_PANELS) expect(r.body[p].status).toBe('ok');
  });

  test('when WeChat is down, then the home feed does not notice', async () => {
    await s.sims.wechat.setFaults({ mode: 'down' });
    const r = await s.req('GET', '/api/v1/home');
    expect(r.status).toBe(200);
    for (const p of [...PORTAL_PANELS, 'hotlineStats']) expect(r.body[p].status).toBe('ok');
  });

  test('when the case system answers 5xx, then the hotline panel is unavailable and the rest ok', async () => {
    await s.sims.case.setFaults({ mode: 'error' });
    const r = await s.req('GET', '/api/v1/home');
    expect(r.status).toBe(200);
    expect(r.body.hotlineStats.status).toBe('unavailable');
    expect(r.body.interpretations.status).toBe('ok');
  });

  test('when the portal is slower than the time budget, then the feed still answers within the budget', async () => {
    await s.sims.portal.setFaults({ mode: 'slow', latencyMs: 3000 });
    const t0 = Date.now();
    const r = await s.req('GET', '/api/v1/home');
    const took = Date.now() - t0;
    expect(r.status).toBe(200);
    expect(took).toBeLessThan(700 + 600);
    for (const p of PORTAL_PANELS) expect(r.body[p].status).toBe('unavailable');
    expect(r.body.hotlineStats.status).toBe('ok');
  });
});

describe('GET /api/v1/home with stale content', () => {
  let fast: TestStack;
  beforeAll(async () => {
    fast = await startTestStack({ env: { CACHE_FRESH_S: '1', UPSTREAM_TIMEOUT_MS: '400' } });
  });
  afterAll(() => fast?.stop());

  test('when the portal goes down after content was cached, then the cached panels are served marked stale', async () => {
    const warm = await fast.req('GET', '/api/v1/home');
    expect(warm.body.interpretations.status).toBe('ok');
    await fast.sims.portal.setFaults({ mode: 'down' });
    await new Promise((r) => setTimeout(r, 1100));
    const stale = await eventually(async () => {
      const r = await fast.req('GET', '/api/v1/home');
      return PORTAL_PANELS.every((p) => r.body[p].status === 'stale') ? r : null;
    });
    expect(stale.status).toBe(200);
    expect(stale.body.interpretations.items).toEqual(warm.body.interpretations.items);
    for (const p of PORTAL_PANELS) expect(stale.body[p].status).toBe('stale');
    expect(stale.body.hotlineStats.status).toBe('ok');

    await fast.sims.portal.setFaults({ mode: 'ok' });
    await eventually(async () => (await fast.req('GET', '/api/v1/home')).body.interpretations.status === 'ok');
  });
});

describe('GET /api/v1/home in single-instance mode (no Redis)', () => {
  test('when the BFF runs without Redis, then the feed is served from the in-process cache', async () => {
    const solo = await startTestStack({ memoryKv: true });
    try {
      const r = await solo.req('GET', '/api/v1/home');
      expect(r.status).toBe(200);
      expect(r.body.interpretations.status).toBe('ok');
      await solo.sims.portal.setFaults({ mode: 'down' });
      const again = await solo.req('GET', '/api/v1/home');
      expect(again.body.interpretations.items).toEqual(r.body.interpretations.items);
    } finally {
      await solo.stop();
    }
  });
});
