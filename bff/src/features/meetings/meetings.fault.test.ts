import { randomBytes, randomUUID } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { openidFor } from '@zwgk/upstream-sim';
import { toChinaIso } from '../../core/calendar';
import { callJson, inPool as poolOf, killHard, startBffProcess, startFaultRig, type BffProcess, type FaultRig } from '../../../test/bff-process';
import { eventually } from '../../../test/stack';
import { notificationModels } from '../notifications';
import { meetingModels } from './model';

/**
 * A lottery meeting through two kills of a real BFF process (same database and Redis after
 * each restart):
 * 1. N citizens apply at once; the BFF is SIGKILLed mid-burst, started again, and every
 *    citizen retries with their Idempotency-Key: each ends with exactly one application, every
 *    draw number unique.
 * 2. The meeting closes; staff run the public draw; the BFF is SIGKILLed after the draw is
 *    stored and before all applications carry its result. Started again, its task finishes
 *    the draw: statuses follow the published order exactly, every applicant is told exactly
 *    once, and running the draw again is 409.
 * MEETING_FAULT_N sets the applicants (default 240).
 */
jest.setTimeout(300_000);

const N = Number(process.env.MEETING_FAULT_N ?? 240);
const SEATS = 12;
const CONCURRENCY = 8;
const STAFF = 'mf-events';
const MEETING = 'mtg-fault';
const ENV = {
  MEETING_TASK_POLL_MS: '300',
  CACHE_FRESH_S: '1',
  HOTLINE_SYNC_POLL_MS: '0',
  CONSULTATION_NOTICE_POLL_MS: '3600000',
  RATE_LIMIT_WRITES_PER_MIN: '1000000',
  RATE_LIMIT_IP_WRITES_PER_MIN: '1000000',
  STAFF_ROLES: `${openidFor(STAFF)}:events`,
};

let rig: FaultRig;
let bff: BffProcess | null = null;
let conn: mongoose.Connection;
const runId = randomBytes(4).toString('hex');
const startBff = async () => {
  bff = await startBffProcess({ ...rig.env(`zwgk-mfault:${runId}:`), ...ENV });
};

const call = (method: string, p: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) => callJson(bff!.url, method, p, token, body, headers);
const inPool = <T, R>(items: T[], fn: (t: T, i: number) => Promise<R>) => poolOf(items, CONCURRENCY, fn);

async function putMeeting(closesAt: Date) {
  const record = {
    id: MEETING,
    title: '故障演练听证会',
    organizer: '江海市人民政府办公室',
    startsAt: toChinaIso(new Date(Date.now() + 7 * 86_400_000)),
    location: '市民中心',
    agenda: ['听证某事项'],
    seats: { public: SEATS, stakeholder: 0, expert: 0, media: 0 },
    applicationClosesAt: toChinaIso(closesAt),
    selection: 'lottery',
  };
  const r = await fetch(`${rig.sims.portal.url}/__sim/content/meetings/${MEETING}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(record) });
  expect(r.status).toBeLessThan(300);
}

interface Applicant {
  name: string;
  token: string;
  userId: string;
  key: string;
}

beforeAll(async () => {
  rig = await startFaultRig(`zwgk_mfault_${runId}`);
  conn = await mongoose.createConnection(rig.mongoUri, { serverMonitoringMode: 'poll' }).asPromise();
  await putMeeting(new Date(Date.now() + 86_400_000));
  await startBff();
}, 120_000);
afterAll(async () => {
  if (bff) await killHard(bff.child);
  await conn?.close();
  await rig?.stop();
});

const models = () => meetingModels(conn);
const body = { category: 'public', reason: '故障演练：我想列席这次听证会。' };

test('when the BFF is killed mid-burst of applications and again between storing the draw and applying it, then every citizen has one application and the draw resumes exactly once', async () => {
  // --- 1. the burst, cut by a kill ---------------------------------------------------------
  const applicants = await inPool(
    Array.from({ length: N }, (_x, i) => `mf-${runId}-${i}`),
    async (name): Promise<Applicant> => {
      const r = await call('POST', '/api/v1/auth/wechat-login', null, { code: `sim-${name}` });
      expect(r.status).toBe(200);
      return { name, token: r.body.accessToken, userId: r.body.user.id, key: `a-${randomUUID()}` };
    },
  );
  const apply = (a: Applicant) => call('POST', `/api/v1/meetings/${MEETING}/applications`, a.token, body, { 'idempotency-key': a.key }).catch(() => ({ status: 0, body: null }));
  const burst = inPool(applicants, apply);
  await eventually(async () => (await models().Application.countDocuments({ meetingId: MEETING })) >= N / 3, 60_000, 5);
  await killHard(bff!.child);
  const first = await burst;
  const cut = first.filter((r) => r.status !== 201).length;
  expect(cut).toBeGreaterThan(0); // some were cut off by the kill
  await startBff();
  const retried = await inPool(applicants, apply);
  expect(retried.filter((r) => r.status !== 200 && r.status !== 201)).toEqual([]);
  const docs = await models().Application.find({ meetingId: MEETING }).lean();
  expect(docs).toHaveLength(N);
  expect(new Set(docs.map((d) => String(d.userId))).size).toBe(N);
  expect(new Set(docs.map((d) => d.drawNumber)).size).toBe(N);
  const byUser = new Map(docs.map((d) => [String(d.userId), d]));
  expect(applicants.filter((a, i) => byUser.get(a.userId)?.drawNumber !== retried[i].body.drawNumber)).toEqual([]);

  // --- 2. the draw, cut by a kill between storing and applying -------------------------------
  const staff = (await call('POST', '/api/v1/auth/wechat-login', null, { code: `sim-${STAFF}` })).body.accessToken;
  expect((await call('PUT', `/api/v1/staff/meetings/${MEETING}/draw-source`, staff, { source: '故障演练：某日公布的福利彩票开奖号码' })).status).toBe(200);
  await putMeeting(new Date(Date.now() - 1000));
  await eventually(async () => (await call('GET', `/api/v1/meetings/${MEETING}`, null)).body?.item?.canApply === false, 20_000, 100);
  const run = call('POST', `/api/v1/staff/meetings/${MEETING}/draws`, staff, { category: 'public', publicValue: '05 11 17 23 29 33 + 02' }).catch(() => ({ status: 0, body: null }));
  const stored = await eventually(async () => models().Draw.findOne({ meetingId: MEETING, drawnAt: { $ne: null } }).lean(), 60_000, 2);
  await killHard(bff!.child);
  bff = null;
  await run;
  const atKill = await models().Draw.findById(stored._id).lean();
  const leftSubmitted = await models().Application.countDocuments({ meetingId: MEETING, status: 'submitted' });
  // Killed inside the window: the draw is stored, its result not (fully) applied.
  expect(atKill!.appliedAt).toBeNull();
  expect(leftSubmitted).toBeGreaterThan(0);

  await startBff();
  const applied = await eventually(async () => models().Draw.findOne({ _id: stored._id, appliedAt: { $ne: null } }).lean(), 30_000, 100);
  expect(applied.order).toEqual(atKill!.order);
  const after = new Map((await models().Application.find({ meetingId: MEETING }).lean()).map((d) => [d.drawNumber, d]));
  expect(applied.chosen.map((n) => after.get(n)!.status)).toEqual(Array(SEATS).fill('selected'));
  const reserves = applied.order.slice(SEATS);
  expect(reserves.filter((n, i) => after.get(n)!.status !== 'reserve' || after.get(n)!.reserveRank !== i + 1)).toEqual([]);

  // Every applicant told exactly once (keyed per application and event), after the task drained.
  const Notification = notificationModels(conn).Notification;
  await eventually(async () => (await models().Application.countDocuments({ meetingId: MEETING, noticeDue: { $ne: null } })) === 0, 30_000, 100);
  const notes = await Notification.find({ kind: 'meeting_selection', userId: { $in: applicants.map((a) => new Types.ObjectId(a.userId)) } }, { userId: 1 }).lean();
  const perUser = new Map<string, number>();
  for (const n of notes) perUser.set(String(n.userId), (perUser.get(String(n.userId)) ?? 0) + 1);
  expect(applicants.filter((a) => perUser.get(a.userId) !== 1).length).toBe(0);

  const again = await call('POST', `/api/v1/staff/meetings/${MEETING}/draws`, staff, { category: 'public', publicValue: '05 11 17 23 29 33 + 02' });
  expect(again.status).toBe(409);
  const pub = await call('GET', `/api/v1/meetings/${MEETING}/draw`, null);
  expect(pub.body.categories[0]).toMatchObject({ order: applied.order, chosen: applied.chosen, roster: applied.roster });
});
