import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { openidFor, spawnSim, type RunningSim } from '@zwgk/upstream-sim';
import { killHard, startBffProcess, startFaultRig, type BffProcess, type FaultRig } from '../../../test/bff-process';
import { eventually } from '../../../test/stack';
import { notificationModels } from '../notifications';

/**
 * Outcome notices of a consultation through faults: N citizens comment and accept the
 * 意见征集结果 subscribe message; staff reject some (each author is told why) and approve the
 * rest; the consultation closes, every comment is disposed and the report published. The BFF
 * is a real process, SIGKILLed while the notices are being told (some exist, not all) and
 * started again on the same database and Redis; once with WeChat up, once with WeChat down
 * during publication and back later. At the end every commenter has exactly one message in
 * the inbox, and WeChat got at most one subscribe message per (citizen, comment): a send cut
 * off by the kill is `unknown` and never repeated; nothing else is lost.
 * CONSULT_FAULT_N sets the commenters per phase (bench/consultation-notices.mjs uses 1000).
 */
jest.setTimeout(300_000);

const N = Number(process.env.CONSULT_FAULT_N ?? 200);
/** Every REJECT_EVERY-th comment is rejected. */
const REJECT_EVERY = 5;
const TEMPLATE = 'sim-tmpl-comment-outcome';
const MOD = 'cf-mod';
const CONCURRENCY = 8;
/** After a restart the rest are told within this (not when a dead instance's lock would have run out, 2 minutes). */
const RESUME_MS = 15_000 + 30 * N;
const ENV = {
  NOTIFY_SEND_CONCURRENCY: '4',
  NOTIFY_SEND_POLL_MS: '200',
  NOTIFY_SEND_LEASE_MS: '3000',
  NOTIFY_SEND_BACKOFF_MS: '100',
  NOTIFY_SEND_MAX_BACKOFF_MS: '1000',
  NOTIFY_SEND_MAX_ATTEMPTS: '1000',
  CONSULTATION_NOTICE_POLL_MS: '500',
  CACHE_FRESH_S: '1',
  HOTLINE_SYNC_POLL_MS: '0',
  RATE_LIMIT_WRITES_PER_MIN: '1000000',
  RATE_LIMIT_IP_WRITES_PER_MIN: '1000000',
  UPSTREAM_BREAKER_RESET_MS: '300',
  STAFF_ROLES: `${openidFor(MOD)}:moderator`,
};

let rig: FaultRig;
let portal: RunningSim;
let bff: BffProcess | null = null;
let conn: mongoose.Connection;
let contentDir: string;
const runId = randomBytes(4).toString('hex');
const consultations = new Map<string, Record<string, unknown>>();
let template: Record<string, unknown>;

const startBff = () => startBffProcess({ ...rig.env(`zwgk-cfault:${runId}:`), PORTAL_BASE_URL: portal.url, ...ENV });
const wechat = () => rig.sims.wechat;

async function call(method: string, p: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(`${bff!.url}${p}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json().catch(() => null)) as any };
}

async function login(name: string): Promise<{ token: string; userId: string }> {
  const r = await call('POST', '/api/v1/auth/wechat-login', null, { code: `sim-${name}` });
  expect(r.status).toBe(200);
  return { token: r.body.accessToken, userId: r.body.user.id };
}

/** Runs `fn` over `items`, CONCURRENCY at a time (a burst of citizens and staff, not one by one). */
async function inPool<T, R>(items: T[], fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

/** Puts (or moves) a consultation in the portal simulator's content; it reloads the file within 200 ms. */
function writeConsultation(id: string, closesAt: Date) {
  consultations.set(id, { ...template, id, title: `故障演练征集 ${id}`, opensAt: new Date(Date.now() - 86_400_000).toISOString(), closesAt: closesAt.toISOString() });
  const tmp = path.join(contentDir, 'consultations.json.tmp');
  fs.writeFileSync(tmp, JSON.stringify([...consultations.values()]));
  fs.renameSync(tmp, path.join(contentDir, 'consultations.json'));
}

interface Commenter {
  name: string;
  token: string;
  userId: string;
  commentId: string;
  rejected: boolean;
}

/** N citizens log in, accept one outcome subscribe message each and comment once on `cid`. */
async function commenters(cid: string, tag: string): Promise<Commenter[]> {
  writeConsultation(cid, new Date(Date.now() + 86_400_000));
  await eventually(async () => (await call('GET', `/api/v1/consultations/${cid}`, null)).status === 200, 20_000, 100);
  return inPool(
    Array.from({ length: N }, (_x, i) => `cf-${runId}-${tag}-${i}`),
    async (name, i) => {
      const { token, userId } = await login(name);
      const g = await call('POST', '/api/v1/me/subscriptions', token, { results: { [TEMPLATE]: 'accept' } }, { 'idempotency-key': `g-${randomUUID()}` });
      expect(g.status).toBe(201);
      const c = await call('POST', `/api/v1/consultations/${cid}/comments`, token, { text: `故障演练意见第 ${i} 条，建议完善相关条款。`, articleNo: (i % 5) + 1 }, { 'idempotency-key': `c-${randomUUID()}` });
      expect(c.status).toBe(201);
      return { name, token, userId, commentId: c.body.id, rejected: i % REJECT_EVERY === 0 };
    },
  );
}

/** A moderator action that may be cut off by a kill: retried against the live process; 409 means it already happened. */
async function moderate(modToken: () => string, c: Commenter): Promise<void> {
  const p = `/api/v1/staff/consultation-comments/${c.commentId}/${c.rejected ? 'reject' : 'approve'}`;
  await eventually(async () => {
    const r = await call('POST', p, modToken(), c.rejected ? { reason: 'off_topic', note: '故障演练' } : undefined);
    return r.status === 200 || r.status === 409;
  }, 30_000, 200);
}

/** Closes the consultation (the portal moves its close into the past) and disposes every approved comment. */
async function closeAndDispose(cid: string, modToken: string, approved: Commenter[]) {
  writeConsultation(cid, new Date(Date.now() - 1000));
  const ids = approved.map((c) => c.commentId);
  const half = Math.ceil(ids.length / 2);
  const batches = [
    { ids: ids.slice(0, half), disposition: 'adopted' },
    { ids: ids.slice(half), disposition: 'not_adopted', reason: '与上位法规定不一致，暂不采纳。' },
  ];
  for (const b of batches) {
    for (let i = 0; i < b.ids.length; i += 500) {
      const body = { commentIds: b.ids.slice(i, i + 500), disposition: b.disposition, ...(b.reason ? { reason: b.reason } : {}) };
      // 409 until the BFF's cached copy of the consultation shows the new close (CACHE_FRESH_S).
      await eventually(async () => (await call('POST', `/api/v1/staff/consultations/${cid}/dispositions`, modToken, body)).status === 200, 20_000, 200);
    }
  }
}

const Notification = () => notificationModels(conn).Notification;

/** Inbox messages of `kind` per citizen of `who`. */
async function inboxCounts(who: Commenter[], kind: string): Promise<Map<string, number>> {
  const docs = await Notification().find({ userId: { $in: who.map((c) => new Types.ObjectId(c.userId)) }, kind }, { userId: 1 }).lean();
  const out = new Map<string, number>();
  for (const d of docs) out.set(String(d.userId), (out.get(String(d.userId)) ?? 0) + 1);
  return out;
}

async function pushStates(who: Commenter[], kind: string): Promise<Record<string, number>> {
  const docs = await Notification().find({ userId: { $in: who.map((c) => new Types.ObjectId(c.userId)) }, kind }, { push: 1 }).lean();
  const out: Record<string, number> = {};
  for (const d of docs) out[d.push.state] = (out[d.push.state] ?? 0) + 1;
  return out;
}

/** Subscribe messages WeChat received for `who`, per openid, for one kind of result (phrase2 is 未公开 for rejections). */
async function received(who: Commenter[], rejection: boolean): Promise<Map<string, number>> {
  const { messages } = (await (await fetch(`${wechat().url}/__sim/messages?template_id=${TEMPLATE}`)).json()) as { messages: any[] };
  const mine = new Set(who.map((c) => openidFor(c.name)));
  const out = new Map<string, number>();
  for (const m of messages) {
    if (!mine.has(m.touser) || (m.data.phrase2.value === '未公开') !== rejection) continue;
    out.set(m.touser, (out.get(m.touser) ?? 0) + 1);
  }
  return out;
}

/** SIGKILLs the BFF as soon as `count()` reaches `atLeast`; resolves with the count just after the kill. */
async function killWhen(count: () => Promise<number>, atLeast: number): Promise<number> {
  await eventually(async () => (await count()) >= atLeast, 60_000, 5);
  await killHard(bff!.child);
  bff = null;
  return count();
}

/**
 * The end state for one kind of notice: exactly one inbox message per citizen; at most one
 * subscribe message each; every one sent, or `unknown` (cut off by the kill) and not repeated.
 */
async function expectToldOnce(who: Commenter[], kind: string, rejection: boolean) {
  const inbox = await inboxCounts(who, kind);
  expect(who.filter((c) => inbox.get(c.userId) !== 1).map((c) => [c.name, inbox.get(c.userId) ?? 0])).toEqual([]);
  const got = await received(who, rejection);
  const st = await pushStates(who, kind);
  const duplicated = [...got.values()].filter((n) => n > 1).length;
  expect(duplicated).toBe(0);
  expect((st.sent ?? 0) + (st.unknown ?? 0)).toBe(who.length);
  expect(st.unknown ?? 0).toBeLessThanOrEqual(2 * Number(ENV.NOTIFY_SEND_CONCURRENCY));
  const unknownUsers = new Set(
    (await Notification().find({ userId: { $in: who.map((c) => new Types.ObjectId(c.userId)) }, kind, 'push.state': 'unknown' }, { userId: 1 }).lean()).map((d) => String(d.userId)),
  );
  // Every `sent` one arrived; an `unknown` one may have arrived (its request left before the kill) or not.
  const lost = who.filter((c) => !got.has(openidFor(c.name)));
  expect(lost.filter((c) => !unknownUsers.has(c.userId)).map((c) => c.name)).toEqual([]);
  return { delivered: got.size, duplicated, unknown: unknownUsers.size, lost: lost.length };
}

/** Resolves with the ms until every one of `who` has a `kind` message in the inbox (since `from`). */
async function inboxComplete(who: Commenter[], kind: string, from: number): Promise<number> {
  await eventually(async () => (await inboxCounts(who, kind)).size === who.length, 150_000, 100);
  return Date.now() - from;
}

async function drained(who: Commenter[], kind: string, total: number) {
  await eventually(async () => {
    const st = await pushStates(who, kind);
    const n = Object.values(st).reduce((a, b) => a + b, 0);
    return n === total && !st.pending ? st : null;
  }, 120_000, 250);
}

beforeAll(async () => {
  contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-cfault-'));
  const seed = JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve('@zwgk/upstream-sim/package.json')), 'content', 'consultations.json'), 'utf8'));
  template = seed[0];
  fs.writeFileSync(path.join(contentDir, 'consultations.json'), '[]');
  [rig, portal] = await Promise.all([startFaultRig(`zwgk_cfault_${runId}`), spawnSim('portal', { PORTAL_CONTENT_DIR: contentDir, PORTAL_SIM_RELOAD_MS: '200' })]);
  conn = await mongoose.createConnection(rig.mongoUri, { serverMonitoringMode: 'poll' }).asPromise();
  bff = await startBff();
});
afterAll(async () => {
  if (bff) await killHard(bff.child);
  await conn?.close();
  await Promise.all([rig?.stop(), portal?.stop()]);
  if (contentDir) fs.rmSync(contentDir, { recursive: true, force: true });
});

test(`when the BFF is SIGKILLed while ${N} commenters are told (rejections, then outcomes), then each is told exactly once in the inbox and by at most one subscribe message`, async () => {
  const t0 = Date.now();
  const cid = `con-fault-${runId}-a`;
  const all = await commenters(cid, 'a');
  let modToken = (await login(MOD)).token;
  const rejected = all.filter((c) => c.rejected);
  const approved = all.filter((c) => !c.rejected);

  // Rejections in a burst; the BFF dies while their notices are being told.
  const burst = inPool(rejected, (c) => moderate(() => modToken, c));
  const rejectedAtKill = await killWhen(async () => (await inboxCounts(rejected, 'consultation_rejected')).size, Math.ceil(rejected.length / 3));
  let restarted = Date.now();
  bff = await startBff();
  modToken = (await login(MOD)).token;
  await burst;
  const rejectionsResumedMs = await inboxComplete(rejected, 'consultation_rejected', restarted);
  expect(rejectionsResumedMs).toBeLessThan(RESUME_MS);
  await inPool(approved, (c) => moderate(() => modToken, c));
  await drained(rejected, 'consultation_rejected', rejected.length);

  await closeAndDispose(cid, modToken, approved);
  const pub = await call('POST', `/api/v1/staff/consultations/${cid}/report/publish`, modToken);
  expect(pub.status).toBe(200);
  // Killed once a quarter of the outcome messages have reached WeChat: mid-send, and (see below) mid-queue.
  const sentAtKill = await killWhen(async () => (await received(approved, false)).size, Math.ceil(approved.length / 4));
  const outcomesAtKill = (await inboxCounts(approved, 'consultation_outcome')).size;
  restarted = Date.now();
  bff = await startBff();
  const outcomesResumedMs = await inboxComplete(approved, 'consultation_outcome', restarted);
  expect(outcomesResumedMs).toBeLessThan(RESUME_MS);
  await drained(approved, 'consultation_outcome', approved.length);
  await new Promise((r) => setTimeout(r, 1000));

  const rej = await expectToldOnce(rejected, 'consultation_rejected', true);
  const out = await expectToldOnce(approved, 'consultation_outcome', false);
  expect(await inboxCounts(rejected, 'consultation_outcome')).toEqual(new Map());
  // What the citizen sees in 我的消息 (through the BFF, not the database).
  const mine = await call('GET', '/api/v1/me/notifications', approved[0].token);
  expect(mine.body.items.filter((n: any) => n.kind === 'consultation_outcome')).toEqual([
    expect.objectContaining({ title: '您的意见：采纳', link: `/features/consultations/pages/report/index?id=${cid}` }),
  ]);
  console.log(
    `SIGKILL while telling: ${N} commenters; rejections ${rejected.length} (${rejectedAtKill} in inboxes at the kill): ${rej.delivered} delivered, ${rej.duplicated} duplicated, ${rej.unknown} unknown, ${rej.lost} not delivered; ` +
      `outcomes ${approved.length} (${outcomesAtKill} in inboxes and ${sentAtKill} sent at the kill): ${out.delivered} delivered, ${out.duplicated} duplicated, ${out.unknown} unknown, ${out.lost} not delivered; inboxes complete ${rejectionsResumedMs} and ${outcomesResumedMs} ms after the restarts; ${Date.now() - t0} ms`,
  );
  // The kill came while the outcomes were being queued and sent, not before or after.
  expect(sentAtKill).toBeLessThan(approved.length);
  expect(outcomesAtKill).toBeLessThan(approved.length);
  expect(rejectedAtKill).toBeLessThan(rejected.length);
});

test(`when WeChat is down while the report for ${N} commenters is published and the BFF is SIGKILLed, then the inbox is complete at once and, once WeChat is back, each is sent exactly once`, async () => {
  const t0 = Date.now();
  const cid = `con-fault-${runId}-b`;
  const all = (await commenters(cid, 'b')).map((c) => ({ ...c, rejected: false }));
  const modToken = (await login(MOD)).token;
  await inPool(all, (c) => moderate(() => modToken, c));
  await closeAndDispose(cid, modToken, all);

  await wechat().setFaults({ mode: 'down' });
  const pub = await call('POST', `/api/v1/staff/consultations/${cid}/report/publish`, modToken);
  expect(pub.status).toBe(200);
  const atKill = await killWhen(async () => (await inboxCounts(all, 'consultation_outcome')).size, Math.ceil(all.length / 3));
  const restarted = Date.now();
  bff = await startBff();
  // The inbox does not wait for WeChat, nor for the dead instance's lock.
  const resumedMs = await inboxComplete(all, 'consultation_outcome', restarted);
  expect(resumedMs).toBeLessThan(RESUME_MS);
  expect((await received(all, false)).size).toBe(0);
  const healed = Date.now();
  await wechat().setFaults({ mode: 'ok' });
  await drained(all, 'consultation_outcome', all.length);
  const drainMs = Date.now() - healed;
  await new Promise((r) => setTimeout(r, 1000));

  const r = await expectToldOnce(all, 'consultation_outcome', false);
  console.log(
    `WeChat down during publication, SIGKILL while telling: ${N} commenters (${atKill} in inboxes at the kill): ${r.delivered} delivered, ${r.duplicated} duplicated, ${r.unknown} unknown, ${r.lost} not delivered; inboxes complete ${resumedMs} ms after the restart, drained ${drainMs} ms after WeChat came back; ${Date.now() - t0} ms`,
  );
  expect(atKill).toBeLessThan(all.length);
});
