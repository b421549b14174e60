import { randomBytes, randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import type { RunningSim } from '@zwgk/upstream-sim';
import { eventually, startTestStack, type TestStack } from '../../../test/stack';
import { killHard, startBffProcess, startFaultRig, type BffProcess, type FaultRig } from '../../../test/bff-process';
import { startForwarder } from './forwarder';
import { TaskRunner } from '../../core/tasks';
import { hotlineModels } from './model';
import { hotlineWorkers } from './routes';

/**
 * Reliability of the outbox: 1,000 submissions while the case system is down must all reach it
 * exactly once when it comes back — in-process, and with the BFF as a real process killed with
 * SIGKILL mid-way (while submitting and again while draining), the database staying up.
 */
jest.setTimeout(240_000);

const N = 1000;
const USERS = 10;
const FAST_OUTBOX = {
  HOTLINE_FORWARD_CONCURRENCY: '8',
  HOTLINE_FORWARD_POLL_MS: '200',
  HOTLINE_FORWARD_LEASE_MS: '3000',
  HOTLINE_FORWARD_BACKOFF_MS: '100',
  HOTLINE_FORWARD_MAX_BACKOFF_MS: '1000',
  HOTLINE_SYNC_POLL_MS: '0',
  RATE_LIMIT_WRITES_PER_MIN: '100000',
  RATE_LIMIT_IP_WRITES_PER_MIN: '100000',
  UPSTREAM_BREAKER_RESET_MS: '300',
};

const body = (i: number) => ({
  type: (['consult', 'help', 'complaint', 'report', 'suggestion'] as const)[i % 5],
  title: `故障演练诉求第 ${i} 件`,
  description: `这是第 ${i} 件在工单系统中断期间提交的诉求，用于验证不丢不重。`,
  contactAllowed: false,
});

async function login(baseUrl: string, name: string): Promise<string> {
  const r = await fetch(`${baseUrl}/api/v1/auth/wechat-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `sim-${name}` }) });
  if (r.status !== 200) throw new Error(`login ${r.status}`);
  return ((await r.json()) as { accessToken: string }).accessToken;
}

/** One submission; resolves with the tracking number or null when the request failed (no answer). */
async function submitOnce(baseUrl: string, token: string, key: string, i: number): Promise<string | null> {
  try {
    const r = await fetch(`${baseUrl}/api/v1/hotline/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
      body: JSON.stringify(body(i)),
    });
    if (r.status !== 201 && r.status !== 200) throw new Error(`submit ${r.status}: ${await r.text()}`);
    return ((await r.json()) as { trackingNo: string }).trackingNo;
  } catch (err) {
    if ((err as Error).message.startsWith('submit ')) throw err;
    return null;
  }
}

/** Submits items `from`..`to-1` with a few in flight; returns how many got no answer. */
async function submitRange(baseUrl: () => string, tokens: string[], keys: string[], tracking: Map<number, string>, from: number, to: number, onEach?: (done: number) => void) {
  let next = from;
  let failed = 0;
  let done = 0;
  const worker = async () => {
    while (next < to) {
      const i = next++;
      if (tracking.has(i)) continue;
      const no = await submitOnce(baseUrl(), tokens[i % tokens.length], keys[i], i);
      if (no) tracking.set(i, no);
      else failed++;
      onEach?.(++done);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return failed;
}

/** The simulator's tickets opened by us, by idempotency key. */
async function simKeys(sim: RunningSim): Promise<string[]> {
  const state = (await sim.state()) as { tickets: Array<{ idempotencyKey: string }> };
  return state.tickets.map((t) => t.idempotencyKey).filter((k) => k.startsWith('zwgk-'));
}

function expectExactlyOnce(keys: string[], tracking: Map<number, string>) {
  expect(tracking.size).toBe(N);
  expect(new Set(tracking.values()).size).toBe(N);
  expect(keys).toHaveLength(N); // none duplicated
  expect(new Set(keys)).toEqual(new Set([...tracking.values()].map((no) => `zwgk-${no}`))); // none lost
}

describe('outbox under a case-system outage', () => {
  let s: TestStack;
  beforeAll(async () => {
    s = await startTestStack({ env: FAST_OUTBOX });
  });
  afterAll(() => s?.stop());

  test('when 1,000 citizens submit while the case system is down, then each gets an answer at once and every ticket arrives exactly once after it recovers, with three forwarders competing', async () => {
    await fetch(`${s.sims.case.url}/__sim/reset`, { method: 'POST' });
    await s.sims.case.setFaults({ mode: 'down' });
    const tokens = await Promise.all(Array.from({ length: USERS }, (_, i) => login(s.url, `fault-a-${i}`)));
    const keys = Array.from({ length: N }, () => `fault-${randomUUID()}`);
    const tracking = new Map<number, string>();
    const t0 = Date.now();
    expect(await submitRange(() => s.url, tokens, keys, tracking, 0, N)).toBe(0);
    const submitMs = Date.now() - t0;
    // Repeats with the same keys change nothing.
    for (let i = 0; i < 20; i++) {
      expect(await submitOnce(s.url, tokens[i % USERS], keys[i], i)).toBe(tracking.get(i));
    }
    expect(await simKeys(s.sims.case)).toHaveLength(0);

    // Two more forwarders on the same database stand in for other BFF instances claiming the same items.
    const models = hotlineModels(s.context.mongo);
    // Two more instances, each with its own task runner, competing for the same outbox.
    const runners = [new TaskRunner(s.context.kv, s.context.logger), new TaskRunner(s.context.kv, s.context.logger)];
    const others = runners.map((tasks) => startForwarder({ ...s.context, notify: hotlineWorkers(s.context)!.service.notify, tasks, models }));
    runners.forEach((r) => r.start());
    const healed = Date.now();
    await s.sims.case.setFaults({ mode: 'ok' });
    others.forEach((f) => f.kick());
    await eventually(async () => (await models.Ticket.countDocuments({ 'forward.state': 'delivered' })) === N, 120_000, 250);
    const drainMs = Date.now() - healed;
    await Promise.all(runners.map((r) => r.stop()));
    expectExactlyOnce(await simKeys(s.sims.case), tracking);
    console.log(`in-process: ${N} submissions in ${submitMs} ms while down; drained in ${drainMs} ms after recovery`);
  });
});

describe('outbox with the BFF killed mid-way', () => {
  let rig: FaultRig;
  let sims: FaultRig['sims'];
  let bff: BffProcess | null = null;
  let mongoUri: string;
  const runId = randomBytes(4).toString('hex');
  const startBff = () => startBffProcess({ ...rig.env(`zwgk-fault:${runId}:`), ...FAST_OUTBOX });
  const kill = killHard;

  beforeAll(async () => {
    rig = await startFaultRig(`zwgk_fault_${runId}`);
    ({ sims, mongoUri } = rig);
  });
  afterAll(async () => {
    if (bff) await kill(bff.child);
    await rig?.stop();
  });

  test('when the BFF is SIGKILLed while taking submissions and again while draining, then after restarts every ticket still arrives exactly once', async () => {
    await sims.case.setFaults({ mode: 'down' });
    bff = await startBff();
    const tokens = await Promise.all(Array.from({ length: USERS }, (_, i) => login(bff!.url, `fault-b-${i}`)));
    const keys = Array.from({ length: N }, () => `fault-${randomUUID()}`);
    const tracking = new Map<number, string>();

    // Kill 1: in the middle of the submissions (some requests get no answer).
    let killed: Promise<void> | null = null;
    const first = bff;
    const unanswered = await submitRange(() => bff!.url, tokens, keys, tracking, 0, N, (done) => {
      if (done === N / 2 && !killed) killed = kill(first.child);
    });
    await killed;
    expect(unanswered).toBeGreaterThan(0);
    bff = await startBff();
    // The citizens' apps retry what got no answer, with the same keys.
    expect(await submitRange(() => bff!.url, tokens, keys, tracking, 0, N)).toBe(0);
    expect(await simKeys(sims.case)).toHaveLength(0);

    // Kill 2: while the backlog drains into the recovered case system.
    const healed = Date.now();
    await sims.case.setFaults({ mode: 'ok' });
    await eventually(async () => (await simKeys(sims.case)).length >= N / 4, 60_000, 20);
    await kill(bff.child);
    const atKill = (await simKeys(sims.case)).length;
    bff = await startBff();

    await eventually(async () => (await simKeys(sims.case)).length >= N, 120_000, 250);
    const drainMs = Date.now() - healed;
    // Let any straggler that might duplicate show up before counting.
    await new Promise((r) => setTimeout(r, 1000));
    expectExactlyOnce(await simKeys(sims.case), tracking);

    const conn = await mongoose.createConnection(mongoUri, { serverMonitoringMode: 'poll' }).asPromise();
    try {
      const Ticket = hotlineModels(conn).Ticket;
      await eventually(async () => (await Ticket.countDocuments({ 'forward.state': 'delivered' })) === N, 30_000, 250);
      expect(await Ticket.countDocuments()).toBe(N);
    } finally {
      await conn.close();
    }
    console.log(`with SIGKILL: ${unanswered} submissions unanswered at the first kill (retried); ${atKill} delivered at the second kill; all ${N} delivered ${drainMs} ms after recovery`);
  });
});
