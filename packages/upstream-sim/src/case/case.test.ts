import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawnSim, type RunningSim } from '../index';
import { dueAtFor, pickDepartment } from './rules';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const ticketBody = (over: Record<string, unknown> = {}) => ({
  type: 'consult',
  title: '灵活就业人员如何缴纳社保',
  description: '想了解灵活就业人员参加养老保险的办理渠道。',
  contact: { name: '张三', phone: '13800000000' },
  contactAllowed: true,
  anonymous: false,
  submittedAt: '2026-11-25T09:30:00+08:00',
  ...over,
});

async function waitFor<T>(fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(25);
  }
}

describe('case-system simulator', () => {
  let sim: RunningSim;
  const call = async (method: string, p: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${sim.url}${p}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };
  const create = (body: unknown = ticketBody(), key: string = randomUUID()) =>
    call('POST', '/api/tickets', body, { 'idempotency-key': key });
  const advance = (ticketNo?: string) => call('POST', '/__sim/advance', ticketNo ? { ticketNo } : undefined);

  beforeAll(async () => {
    // A long step keeps the clock out of the way; tests move tickets with /__sim/advance.
    sim = await spawnSim('case', { CASE_SIM_STEP_MS: '600000', CASE_SIM_CALLBACK_BACKOFF_MS: '20' });
  });
  afterAll(() => sim?.stop());

  describe('creating tickets', () => {
    it('when the same Idempotency-Key is sent twice, then one ticket exists and both answers carry it', async () => {
      const key = `key-${randomUUID()}`;
      const first = await create(ticketBody(), key);
      const second = await create(ticketBody({ title: '不同的标题' }), key);
      expect(first.status).toBe(201);
      expect(second.status).toBe(200);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(second.body).toEqual(first.body);
      const state = await sim.state();
      expect(state.tickets.filter((t: any) => t.idempotencyKey === key)).toHaveLength(1);
    });

    it('when a ticket is accepted, then it has a number, one accepted entry and a working-day deadline', async () => {
      const { body } = await create();
      expect(body.ticketNo).toMatch(/^12345-\d{8}-\d{6}$/);
      expect(body).toMatchObject({ status: 'accepted', department: null, rating: null, type: 'consult' });
      expect(body.timeline).toEqual([{ status: 'accepted', at: body.createdAt, department: null, note: expect.any(String) }]);
      expect(body.dueAt).toBe(dueAtFor('consult', Date.parse(body.createdAt)));
      expect((await call('GET', `/api/tickets/${body.ticketNo}`)).body).toEqual(body);
    });

    it('when the key is missing or too short, then 400', async () => {
      const res = await fetch(`${sim.url}/api/tickets`, { method: 'POST', body: JSON.stringify(ticketBody()) });
      expect(res.status).toBe(400);
      expect((await create(ticketBody(), 'short')).status).toBe(400);
    });

    it('when the body is invalid, then 400 names the field', async () => {
      const { status, body } = await create(ticketBody({ type: 'praise', title: '' }));
      expect(status).toBe(400);
      expect(body.error.message).toContain('type');
      expect(body.error.message).toContain('title');
      expect((await create(ticketBody({ submittedAt: '2026-11-25 09:30' }))).body.error.message).toContain('submittedAt');
    });

    it('when an unknown ticket is requested, then 404', async () => {
      expect((await call('GET', '/api/tickets/12345-20000101-000001')).status).toBe(404);
    });
  });

  describe('deadlines and routing', () => {
    it('when a consult arrives the day before the National Day holiday, then its deadline skips the holiday', () => {
      // 2026-10-01..07 are holidays and Saturday 2026-10-10 is a make-up working day.
      expect(dueAtFor('consult', Date.parse('2026-09-30T10:00:00+08:00'))).toBe('2026-10-10T23:59:59+08:00');
      expect(dueAtFor('complaint', Date.parse('2026-11-25T10:00:00+08:00'))).toBe('2026-12-09T23:59:59+08:00');
    });

    it('when the text mentions a topic, then the matching department is picked deterministically', () => {
      expect(pickDepartment('complaint', '夜间施工噪音', '')).toBe('市生态环境局');
      expect(pickDepartment('suggestion', '建议', '多种树')).toBe(pickDepartment('suggestion', '建议', '多种树'));
    });
  });

  describe('status clock', () => {
    it('when advanced step by step, then the ticket goes accepted → dispatched → processing → closed and stops', async () => {
      const { body } = await create(ticketBody({ title: '小区垃圾清运不及时' }));
      for (const expected of ['dispatched', 'processing', 'closed']) {
        expect((await advance(body.ticketNo)).body.advanced).toEqual([body.ticketNo]);
        expect((await call('GET', `/api/tickets/${body.ticketNo}`)).body.status).toBe(expected);
      }
      expect((await advance(body.ticketNo)).body.advanced).toEqual([]);
      const t = (await call('GET', `/api/tickets/${body.ticketNo}`)).body;
      expect(t.department).toBe('市城市管理局');
      expect(t.timeline.map((e: any) => e.status)).toEqual(['accepted', 'dispatched', 'processing', 'closed']);
    });

    it('when stepMs is small, then tickets move on their own, and pausing stops them', async () => {
      const { body } = await create();
      await call('PUT', '/__sim/clock', { stepMs: 40 });
      try {
        await waitFor(async () => (await call('GET', `/api/tickets/${body.ticketNo}`)).body.status === 'closed');
        await call('PUT', '/__sim/clock', { paused: true });
        const paused = await create();
        await sleep(150);
        expect((await call('GET', `/api/tickets/${paused.body.ticketNo}`)).body.status).toBe('accepted');
      } finally {
        expect((await call('PUT', '/__sim/clock', { stepMs: 600000, paused: false })).body).toEqual({ stepMs: 600000, paused: false });
      }
    });

    it('when polling with updatedSince, then only tickets changed after it are listed', async () => {
      const { body } = await create();
      const since = body.updatedAt;
      expect((await call('GET', `/api/tickets?updatedSince=${encodeURIComponent(since)}`)).body.items).toEqual([]);
      await advance(body.ticketNo);
      const list = (await call('GET', `/api/tickets?updatedSince=${encodeURIComponent(since)}&pageSize=10`)).body;
      expect(list.items.map((t: any) => t.ticketNo)).toEqual([body.ticketNo]);
      expect(list).toMatchObject({ page: 1, pageSize: 10, total: 1 });
    });
  });

  describe('rating', () => {
    const closedTicket = async () => {
      const { body } = await create();
      for (let i = 0; i < 3; i++) await advance(body.ticketNo);
      return body.ticketNo as string;
    };

    it('when the ticket is not closed yet, then rating is refused with 409', async () => {
      const { body } = await create();
      const res = await call('POST', `/api/tickets/${body.ticketNo}/rating`, { rating: 'satisfied' });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('not_closed');
    });

    it('when a closed ticket is rated, then it is visited, and a second rating is 409', async () => {
      const ticketNo = await closedTicket();
      const res = await call('POST', `/api/tickets/${ticketNo}/rating`, { rating: 'basically_satisfied', comment: '回复及时' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('visited');
      expect(res.body.rating).toMatchObject({ rating: 'basically_satisfied', comment: '回复及时' });
      expect(res.body.timeline.at(-1)).toMatchObject({ status: 'visited' });
      const again = await call('POST', `/api/tickets/${ticketNo}/rating`, { rating: 'satisfied' });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('already_rated');
    });

    it('when an unsatisfied rating asks to reopen, then the ticket is redone and can be rated again after closing', async () => {
      const ticketNo = await closedTicket();
      const res = await call('POST', `/api/tickets/${ticketNo}/rating`, { rating: 'unsatisfied', reopen: true });
      expect(res.body.status).toBe('processing');
      expect(res.body.timeline.slice(-2)).toEqual([
        expect.objectContaining({ status: 'visited' }),
        expect.objectContaining({ status: 'processing', note: '重办' }),
      ]);
      expect((await call('POST', `/api/tickets/${ticketNo}/rating`, { rating: 'satisfied' })).status).toBe(409);
      await advance(ticketNo);
      const again = await call('POST', `/api/tickets/${ticketNo}/rating`, { rating: 'satisfied' });
      expect(again.status).toBe(200);
      expect(again.body.rating.rating).toBe('satisfied');
    });

    it('when the rating body is invalid, then 400', async () => {
      const ticketNo = await closedTicket();
      expect((await call('POST', `/api/tickets/${ticketNo}/rating`, { rating: 'great' })).status).toBe(400);
      expect((await call('POST', `/api/tickets/${ticketNo}/rating`, { rating: 'satisfied', comment: 'x'.repeat(501) })).status).toBe(400);
    });
  });

  describe('status callbacks', () => {
    let receiver: http.Server;
    let receiverUrl: string;
    let failuresLeft = 0;
    const received: Array<{ body: any; valid: boolean; timestamp: string }> = [];

    beforeAll(async () => {
      receiver = http.createServer((req, res) => {
        let raw = '';
        req.on('data', (c) => (raw += c));
        req.on('end', () => {
          if (failuresLeft > 0) {
            failuresLeft -= 1;
            res.writeHead(500).end();
            return;
          }
          const timestamp = String(req.headers['x-case-timestamp']);
          const expected = createHmac('sha256', 'test-secret').update(`${timestamp}.${raw}`).digest('hex');
          received.push({ body: JSON.parse(raw), valid: expected === req.headers['x-case-signature'], timestamp });
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
      receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`;
      expect((await call('PUT', '/__sim/callback', { url: receiverUrl, secret: 'test-secret' })).body).toEqual({ url: receiverUrl });
    });
    afterAll(async () => {
      await call('PUT', '/__sim/callback', { url: null });
      await new Promise((r) => receiver.close(r));
    });

    it('when a ticket changes status, then a signed event is POSTed for each change', async () => {
      const { body } = await create();
      await advance(body.ticketNo);
      const events = await waitFor(() => {
        const mine = received.filter((e) => e.body.ticketNo === body.ticketNo);
        return mine.length >= 2 ? mine : undefined;
      });
      expect(events.every((e) => e.valid)).toBe(true);
      expect(events.map((e) => e.body.status).sort()).toEqual(['accepted', 'dispatched']);
      const dispatched = events.find((e) => e.body.status === 'dispatched')!.body;
      expect(dispatched).toEqual({
        eventId: expect.any(String),
        ticketNo: body.ticketNo,
        status: 'dispatched',
        at: expect.any(String),
        department: '市人力资源和社会保障局',
        note: expect.any(String),
      });
      expect(Math.abs(Date.now() - Number(events[0].timestamp))).toBeLessThan(10_000);
    });

    it('when the receiver fails at first, then the event is retried until it is delivered', async () => {
      failuresLeft = 2;
      const { body } = await create();
      const event = await waitFor(() => received.find((e) => e.body.ticketNo === body.ticketNo));
      expect(event.valid).toBe(true);
      const state = await sim.state();
      const record = state.callback.recent.find((r: any) => r.ticketNo === body.ticketNo);
      expect(record).toMatchObject({ state: 'delivered', attempts: 3 });
    });
  });

  describe('statistics', () => {
    it('when asked without a range, then the last 12 months are published with consistent figures', async () => {
      const { status, body } = await call('GET', '/api/stats');
      expect(status).toBe(200);
      expect(body.months).toHaveLength(12);
      for (const m of body.months) {
        for (const s of Object.values<any>(m.byType)) {
          expect(s.handled).toBeLessThanOrEqual(s.accepted);
          expect(s.handledOnTime).toBeLessThanOrEqual(s.handled);
          expect(s.rated).toBeLessThanOrEqual(s.handled);
          expect(s.satisfied + s.basicallySatisfied + s.unsatisfied).toBe(s.rated);
        }
      }
      const past = body.months[0];
      expect(past.byType.consult.accepted).toBeGreaterThan(500);
      const again = (await call('GET', `/api/stats?from=${past.month}&to=${past.month}`)).body;
      expect(again.months).toEqual([past]);
    });

    it('when a ticket is accepted this month, then the current month counts it', async () => {
      const month = (await call('GET', '/api/stats')).body.months.at(-1);
      await create(ticketBody({ type: 'report', title: '举报无证经营' }));
      const after = (await call('GET', `/api/stats?from=${month.month}&to=${month.month}`)).body.months[0];
      expect(after.byType.report.accepted).toBe(month.byType.report.accepted + 1);
    });

    it('when the range is malformed, then 400', async () => {
      expect((await call('GET', '/api/stats?from=2026-13')).status).toBe(400);
      expect((await call('GET', '/api/stats?from=2026-05&to=2026-01')).status).toBe(400);
    });
  });
});
