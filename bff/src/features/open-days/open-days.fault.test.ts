import { randomBytes, randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { killHard, startBffProcess, startFaultRig, type BffProcess, type FaultRig } from '../../../test/bff-process';
import { eventually } from '../../../test/stack';
import { keyId, sessionKey } from './model';
import { idNumber, openDayRecord, publishOpenDay } from './test-helpers';

/**
 * Sign-ups and promotions through a crash: N citizens sign up at once for a session with
 * CAPACITY places; the BFF (a real process) is SIGKILLed in the middle of the burst and started
 * again on the same database and Redis; every citizen's app retries with its key. Then a burst of
 * cancellations frees places and the BFF is killed again while the waitlist is being offered
 * them. After each restart: every citizen has exactly one registration, no operation is left
 * half-done (the sweeper finishes them), places held equal the parties holding them and never
 * exceed capacity, the waitlist holds exactly the waiting parties, and each offer was told once.
 */
jest.setTimeout(180_000);

const N = Number(process.env.OPEN_DAY_FAULT_N ?? 150);
const CAPACITY = 40;
const CANCELS = 20;
const OD = 'odf-1';
const ENV = {
  OPEN_DAY_OP_LEASE_MS: '1000',
  OPEN_DAY_SWEEP_MS: '300',
  OPEN_DAY_CALENDAR_MS: '0',
  CACHE_FRESH_S: '1',
  HOTLINE_SYNC_POLL_MS: '0',
  RATE_LIMIT_WRITES_PER_MIN: '1000000',
  RATE_LIMIT_IP_WRITES_PER_MIN: '1000000',
};

let rig: FaultRig;
let bff: BffProcess | null = null;
let conn: mongoose.Connection;
const runId = randomBytes(4).toString('hex');
const startBff = () => startBffProcess({ ...rig.env(`zwgk-odfault:${runId}:`), ...ENV });

async function call(method: string, p: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) {
  try {
    const r = await fetch(`${bff!.url}${p}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json().catch(() => null)) as any };
  } catch {
    // The process was killed under this request.
    return { status: 0, body: null };
  }
}

beforeAll(async () => {
  rig = await startFaultRig(`zwgk_odfault_${runId}`);
  await publishOpenDay(rig.sims.portal.url, openDayRecord(OD, Date.now(), [{ id: 's1', startsInH: 72, capacity: CAPACITY }]));
  bff = await startBff();
  conn = await mongoose.createConnection(rig.mongoUri, { serverMonitoringMode: 'poll' }).asPromise();
}, 60_000);
afterAll(async () => {
  if (bff) await killHard(bff.child);
  await conn?.close();
  await rig?.stop();
});

/** Places held = parties holding them ≤ capacity; the queue = the waiting parties; nothing half-done. */
async function expectSettled() {
  const regs = await eventually(async () => {
    const all = await conn.collection('open_day_registrations').find({ openDayId: OD }).toArray();
    return all.every((r) => !r.pendingOp && r.status !== 'placing') ? all : null;
  }, 20_000, 200);
  const st = (await conn.collection('open_day_sessions').findOne({ _id: keyId(sessionKey(OD, 's1')) }))!;
  const held = regs.filter((r) => ['confirmed', 'offered', 'attended'].includes(r.status)).reduce((a, r) => a + r.partySize, 0);
  expect(st.placesHeld).toBe(held);
  expect(st.placesHeld).toBeLessThanOrEqual(CAPACITY);
  expect(st.placesFree).toBe(CAPACITY - st.placesHeld);
  expect([...st.queue].sort()).toEqual(regs.filter((r) => r.status === 'waitlisted').map((r) => `${r._id}:${r.partySize}`).sort());
  expect(st.waiting).toBe(st.queue.length);
  return { regs, st };
}

test('when the BFF is killed during a sign-up burst and during promotions, then no registration is lost or doubled and capacity holds', async () => {
  const citizens = await Promise.all(
    Array.from({ length: N }, async (_x, i) => {
      const r = await call('POST', '/api/v1/auth/wechat-login', null, { code: `sim-odf-${runId}-${i}` });
      return { token: r.body.accessToken as string, key: `k-${randomUUID()}`, body: { sessionId: 's1', name: '测试市民', idNumber: idNumber(5000 + i), phone: '13800000000' } };
    }),
  );
  const signUp = (c: (typeof citizens)[number]) => call('POST', `/api/v1/open-days/${OD}/registrations`, c.token, c.body, { 'idempotency-key': c.key });

  // --- a sign-up burst, killed part-way ---
  let answered = 0;
  // Sign-ups are answered in batches (group commit), so one burst may be answered whole before a
  // kill lands: the first half goes until something is answered, then the second half is sent
  // and the BFF killed while it is in flight.
  const half = Math.floor(N / 2);
  const early = citizens.slice(0, half).map((c) => signUp(c).then((r) => (r.status ? answered++ : 0, r)));
  await eventually(async () => answered >= 1, 20_000, 2);
  const late = citizens.slice(half).map((c) => signUp(c));
  await new Promise((r) => setTimeout(r, 5));
  await killHard(bff!.child);
  const first = await Promise.all([...early, ...late]);
  const cut = first.filter((r) => r.status === 0).length;
  expect(cut).toBeGreaterThan(0);
  bff = await startBff();
  const retried = await Promise.all(citizens.map((c) => signUp(c)));
  expect(retried.filter((r) => r.status !== 200 && r.status !== 201)).toEqual([]);
  const ids = new Set(retried.map((r) => r.body.id));
  expect(ids.size).toBe(N);
  // Answers given before the kill are the same registration after it.
  first.forEach((r, i) => r.status === 201 && expect(retried[i].body.id).toBe(r.body.id));
  const { regs, st } = await expectSettled();
  expect(regs).toHaveLength(N);
  expect(st.placesHeld).toBe(CAPACITY);
  const positions = retried.filter((r) => r.body.status === 'waitlisted').map((r) => r.body.position);
  expect(new Set(positions).size).toBe(positions.length);

  // --- cancellations, killed while the waitlist is offered the places ---
  const confirmed = retried.map((r, i) => ({ r, c: citizens[i] })).filter((x) => x.r.body.status === 'confirmed').slice(0, CANCELS);
  const cancel = (x: (typeof confirmed)[number]) => call('POST', `/api/v1/me/open-day-registrations/${x.r.body.id}/cancel`, x.c.token);
  const cancels = Promise.all(confirmed.map(cancel));
  await eventually(async () => (await conn.collection('open_day_registrations').countDocuments({ openDayId: OD, status: 'offered' })) > 0, 20_000, 2);
  await killHard(bff!.child);
  await cancels;
  bff = await startBff();
  const again = await Promise.all(confirmed.map(cancel));
  expect(again.every((r) => r.status === 200 && r.body.status === 'cancelled')).toBe(true);
  await eventually(async () => (await conn.collection('open_day_registrations').countDocuments({ openDayId: OD, status: 'offered' })) === CANCELS, 20_000, 200);
  const after = await expectSettled();
  expect(after.st.placesHeld).toBe(CAPACITY);
  // Offers went in queue order: the first CANCELS who waited.
  const offered = after.regs.filter((r) => r.status === 'offered').map((r) => String(r._id));
  const waitedFirst = retried.filter((r) => r.body.status === 'waitlisted').sort((a, b) => a.body.position - b.body.position).slice(0, CANCELS).map((r) => r.body.id);
  expect(offered.sort()).toEqual(waitedFirst.sort());
  // Each offer told once, whatever the kill interrupted.
  await eventually(async () => (await conn.collection('open_day_registrations').countDocuments({ openDayId: OD, noticeDue: 'offer' })) === 0, 20_000, 200);
  const notes = await conn.collection('notifications').find({ kind: 'open_day_offer' }).toArray();
  expect(notes).toHaveLength(CANCELS);
  expect(new Set(notes.map((n) => String(n.userId))).size).toBe(CANCELS);
});
