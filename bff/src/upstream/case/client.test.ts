import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { spawnSim, type RunningSim } from '@zwgk/upstream-sim';
import { AppError, UpstreamError } from '../../core/errors';
import { createCaseClient, type CaseClient, type CaseClientOptions } from './client';
import type { CaseTicketInput } from './types';

const logger = pino({ level: 'silent' });

let sim: RunningSim;
const clients: CaseClient[] = [];

function client(over: Partial<CaseClientOptions> = {}): CaseClient {
  const c = createCaseClient({
    baseUrl: sim.url,
    timeoutMs: 300,
    logger,
    breaker: { volumeThreshold: 3, resetTimeoutMs: 300 },
    retry: { baseDelayMs: 10, maxDelayMs: 40 },
    ...over,
  });
  clients.push(c);
  return c;
}

const input = (over: Partial<CaseTicketInput> = {}): CaseTicketInput => ({
  type: 'complaint',
  title: '小区夜间施工噪音扰民',
  description: '幸福路 8 号工地每晚十一点后仍在施工，噪音很大。',
  location: { address: '示例市幸福路 8 号', lat: 30.1, lng: 120.2 },
  contact: { name: '张三', phone: '13800000000' },
  contactAllowed: true,
  anonymous: false,
  submittedAt: new Date().toISOString(),
  ...over,
});

const key = () => `sub-${randomUUID()}`;

async function ticketsWithKey(k: string): Promise<unknown[]> {
  const state = await sim.state<{ tickets: Array<{ idempotencyKey: string }> }>();
  return state.tickets.filter((t) => t.idempotencyKey === k);
}

async function advance(ticketNo: string, steps: number) {
  for (let i = 0; i < steps; i++) {
    const res = await fetch(`${sim.url}/__sim/advance`, { method: 'POST', body: JSON.stringify({ ticketNo }) });
    expect(res.status).toBe(200);
  }
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  // A paused clock keeps tickets where the tests put them.
  sim = await spawnSim('case', { CASE_SIM_PAUSED: '1' });
});

afterEach(async () => {
  await sim.setFaults({ mode: 'ok' });
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await sim?.stop();
});

describe('case client against the simulator', () => {
  it('when a ticket is created, then the accepted ticket is mapped without the contact details', async () => {
    const { ticket, created } = await client().createTicket(input(), key());
    expect(created).toBe(true);
    expect(ticket).toMatchObject({ type: 'complaint', title: '小区夜间施工噪音扰民', status: 'accepted', department: null, rating: null });
    expect(ticket.ticketNo).toMatch(/^12345-\d{8}-\d{6}$/);
    expect(ticket.timeline).toEqual([expect.objectContaining({ status: 'accepted' })]);
    expect(ticket.dueAt).toMatch(/T23:59:59\+08:00$/);
    expect(ticket).not.toHaveProperty('contact');
  });

  it('when a creation is replayed with the same key, then the same ticket comes back and the case system holds one', async () => {
    const c = client();
    const k = key();
    const first = await c.createTicket(input(), k);
    const replay = await c.createTicket(input({ title: '改过的标题' }), k);
    expect(replay.created).toBe(false);
    expect(replay.ticket.ticketNo).toBe(first.ticket.ticketNo);
    expect(replay.ticket.title).toBe('小区夜间施工噪音扰民');
    expect(await ticketsWithKey(k)).toHaveLength(1);
  });

  it('when the connection drops during a creation, then it is retried under its key and one ticket exists', async () => {
    const k = key();
    await sim.setFaults({ mode: 'down', times: 1 });
    const { ticket, created } = await client().createTicket(input(), k);
    expect(created).toBe(true);
    expect(await ticketsWithKey(k)).toEqual([expect.objectContaining({ ticketNo: ticket.ticketNo })]);
  });

  it('when the case system refuses the body, then the call fails with rejected', async () => {
    await sim.setFaults({ mode: 'ok' });
    const err = await failure(client().createTicket(input({ title: '   ' }), key()));
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({ kind: 'rejected', status: 400, upstreamCode: 'bad_request' });
  });

  it('when a ticket is read, then it is mapped; when the number is unknown, then null', async () => {
    const c = client();
    const { ticket } = await c.createTicket(input({ type: 'consult', title: '咨询公积金提取' }), key());
    expect(await c.getTicket(ticket.ticketNo)).toMatchObject({ ticketNo: ticket.ticketNo, type: 'consult' });
    expect(await c.getTicket('12345-19990101-000001')).toBeNull();
  });

  it('when tickets are listed since an instant, then only later updates come back', async () => {
    const c = client();
    const since = new Date();
    await new Promise((r) => setTimeout(r, 5));
    const { ticket } = await c.createTicket(input(), key());
    const page = await c.listTickets({ updatedSince: since, pageSize: 500 });
    expect(page.pageSize).toBe(200);
    expect(page.items.map((t) => t.ticketNo)).toEqual([ticket.ticketNo]);
    expect(page.total).toBe(1);
  });

  it('when a closed ticket is rated, then it is visited; when rated again or not closed, then conflict', async () => {
    const c = client();
    const { ticket } = await c.createTicket(input(), key());
    const early = await failure(c.rateTicket(ticket.ticketNo, { rating: 'satisfied' }));
    expect(early).toBeInstanceOf(AppError);
    expect(early).toMatchObject({ status: 409, code: 'conflict', message: '该工单尚未办结，办结后才能评价' });

    await advance(ticket.ticketNo, 3);
    const rated = await c.rateTicket(ticket.ticketNo, { rating: 'basically_satisfied', comment: '处理及时' });
    expect(rated).toMatchObject({ status: 'visited', rating: { rating: 'basically_satisfied', comment: '处理及时' } });
    expect(rated.timeline.map((e) => e.status)).toEqual(['accepted', 'dispatched', 'processing', 'closed', 'visited']);

    const again = await failure(c.rateTicket(ticket.ticketNo, { rating: 'satisfied' }));
    expect(again).toMatchObject({ status: 409, message: '该工单已经评价过了，不能重复评价' });
    expect(await failure(c.rateTicket('12345-19990101-000001', { rating: 'satisfied' }))).toMatchObject({ status: 404 });
  });

  it('when a rating meets a 503, then it is not retried (a POST without a key)', async () => {
    await sim.setFaults({ mode: 'error', times: 5 });
    const err = await failure(client({ breaker: { volumeThreshold: 100 } }).rateTicket('12345-19990101-000001', { rating: 'satisfied' }));
    expect(err).toMatchObject({ kind: 'http', status: 503 });
    expect((await sim.state()).faults.remaining).toBe(4);
  });

  it('when statistics are read, then months and per-type figures are mapped', async () => {
    const stats = await client().getStats({ from: '2025-01', to: '2025-03' });
    expect(stats.months.map((m) => m.month)).toEqual(['2025-01', '2025-02', '2025-03']);
    const consult = stats.months[0].byType.consult;
    expect(consult.accepted).toBeGreaterThan(0);
    expect(consult.handledOnTime).toBeLessThanOrEqual(consult.handled);
    expect(Object.keys(stats.months[0].byType).sort()).toEqual(['complaint', 'consult', 'help', 'report', 'suggestion']);
  });

  it('when the case system is slower than the timeout, then the call fails with timeout within bounds', async () => {
    await sim.setFaults({ mode: 'slow', latencyMs: 2000 });
    const started = Date.now();
    const err = await failure(client({ timeoutMs: 250 }).getStats());
    expect(err).toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(Date.now() - started).toBeLessThan(600);
  });

  it('when the case system drops connections, then the call fails with unreachable', async () => {
    await sim.setFaults({ mode: 'down' });
    expect(await failure(client().getTicket('12345-19990101-000001'))).toMatchObject({ kind: 'unreachable' });
  });

  it('when the case system answers 503 once, then a read is retried and succeeds', async () => {
    await sim.setFaults({ mode: 'error', times: 1 });
    await expect(client().getStats({ from: '2025-01', to: '2025-01' })).resolves.toMatchObject({ months: [{ month: '2025-01' }] });
  });

  it('when failures repeat, then the breaker opens, short-circuits, and closes after recovery', async () => {
    const c = client({ retry: { retries: 0 } });
    await sim.setFaults({ mode: 'error', times: 1000 });
    for (let i = 0; i < 3; i++) expect(await failure(c.getStats())).toMatchObject({ kind: 'http', status: 503 });
    expect(c.stats().state).toBe('open');
    const before = (await sim.state()).faults.remaining;
    expect(await failure(c.createTicket(input(), key()))).toMatchObject({ kind: 'circuit_open' });
    expect((await sim.state()).faults.remaining).toBe(before);

    await sim.setFaults({ mode: 'ok' });
    await new Promise((r) => setTimeout(r, 350));
    await expect(c.ping()).resolves.toBeUndefined();
    expect(c.stats().state).toBe('closed');
  });
});
