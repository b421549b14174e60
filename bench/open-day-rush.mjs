// 政府开放日 sign-up rush: many citizens sign up at the same moment for one session.
//
//   node bench/open-day-rush.mjs [--citizens 2000] [--capacity 100] [--cancels 50] [--rate R] [--sweep-ms 1000] [--cpu-prof DIR]
//
// --sweep-ms: the places task's period (OPEN_DAY_SWEEP_MS; 1 s here so promotions are quick, 10 s by default).
//
// 1. --citizens signed-in citizens (tokens made beforehand) all send their sign-up at the same
//    moment for one session with --capacity places (each request timed from that moment), next to
//    the same burst of GET /healthz in the same run (the baseline; ratio printed). The requests
//    come from a load generator in its own process pinned to another core than the BFF
//    (lib/burst-client.mjs), over connections all opened before the instant. With --rate R the
//    sign-ups (and the baseline) are sent open-loop at R per second instead, timed from each one's
//    scheduled start: the latency at a sustained rate rather than of one instant.
// 2. Checks: exactly --capacity confirmed, the rest waitlisted with positions 1…N−capacity, unique,
//    in the order the server accepted them (the session's queue), nobody twice (distinct ids =
//    citizens = stored registrations); every key sent again answers its first id.
// 3. --cancels confirmed citizens cancel at once: exactly that many waiting parties are offered the
//    places, the first in the queue, in order; time until the last offer is printed.
import { createRequire } from 'node:module';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ROOT } from '../scripts/lib.mjs';
import { benchEnv, f1, hasTaskset, json, pct, spread, startBff, startBurstClient, startUpstreams } from './lib/harness.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const CITIZENS = Number(args.citizens ?? 2000);
const CAPACITY = Number(args.capacity ?? 100);
const CANCELS = Number(args.cancels ?? 50);
const OD = 'od-rush';
// --cpu-prof DIR: the BFF writes a CPU profile there (stopped with SIGTERM at the end so it is written).
const PROF = args['cpu-prof'];
const RATE = args.rate ? Number(args.rate) : null;
const { default: mongoose } = createRequire(path.join(ROOT, 'bff/package.json'))('mongoose');

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function idNumber(n) {
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(n / 1000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const body = `110105${birth}${String(n % 1000).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i];
  return body + '10X98765432'[sum % 11];
}
const portalTime = (ms) => new Date(Math.floor(ms / 1000) * 1000 + 8 * 3_600_000).toISOString().replace('.000Z', '+08:00');

/** CPU seconds a process has used so far (user + system), from /proc. */
function cpuSeconds(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Sends all `n` at once; latency of each counts from the common start. */
async function burst(n, send) {
  const lat = new Array(n);
  const t0 = performance.now();
  const results = await Promise.all(
    Array.from({ length: n }, (_x, i) =>
      send(i).then(async (r) => {
        const body = await r.text();
        lat[i] = performance.now() - t0;
        return { status: r.status, body };
      }),
    ),
  );
  return { p50: pct(lat, 50), p99: pct(lat, 99), max: Math.max(...lat), wallMs: performance.now() - t0, results };
}

async function main() {
  const { mongo, sims } = await startUpstreams();
  const dbName = `zwgk_bench_openday_${process.pid}`;
  const u = new URL(mongo.uri);
  u.pathname = `/${dbName}`;
  const bff = await startBff(benchEnv(u.toString(), sims, `zwgk-bench-openday:${process.pid}:`, { OPEN_DAY_SWEEP_MS: String(args['sweep-ms'] ?? 1000) }), PROF ? ['--cpu-prof', `--cpu-prof-dir=${PROF}`] : []);

  const now = Date.now();
  const put = await json('PUT', `${sims.portal}/__sim/content/open-days/${OD}`, {
    id: OD,
    title: '压测开放日',
    host: '江海市测试局',
    description: '报名高峰压测。',
    location: '江海市滨江大道188号',
    registrationOpensAt: portalTime(now - 3_600_000),
    registrationClosesAt: portalTime(now + 48 * 3_600_000),
    sessions: [{ id: 's1', startsAt: portalTime(now + 72 * 3_600_000), endsAt: portalTime(now + 74 * 3_600_000), capacity: CAPACITY }],
  });
  if (put.status >= 300) throw new Error(`publishing the open day failed: ${put.status}`);
  const login = async (name) => (await (await json('POST', `${bff.url}/api/v1/auth/wechat-login`, { code: `sim-${name}` })).json()).accessToken;
  const tokens = [];
  for (let i = 0; i < CITIZENS; i += 25) tokens.push(...(await Promise.all(Array.from({ length: Math.min(25, CITIZENS - i) }, (_, j) => login(`bench-od-${i + j}`)))));
  // Warm the portal copy and the session's counters (a first sign-up would otherwise pay for them).
  await json('GET', `${bff.url}/api/v1/open-days/${OD}`);
  console.log(`open-day rush: bff pinned=${hasTaskset}, ${tokens.length} citizens signed in, ${CAPACITY} places`);

  const keys = tokens.map(() => `rush-${randomUUID()}`);
  // A connection the overloaded server dropped counts as status 0, not as the end of the run.
  const dropped = { status: 0, text: async () => '{"status":"dropped"}', json: async () => ({}) };
  const send = (i) =>
    json('POST', `${bff.url}/api/v1/open-days/${OD}/registrations`, { sessionId: 's1', name: '压测市民', idNumber: idNumber(i), phone: '13800000000' }, {
      authorization: `Bearer ${tokens[i]}`,
      'idempotency-key': keys[i],
    }).catch(() => dropped);
  // The timed phases go through the pinned load generator over connections opened beforehand.
  const gen = await startBurstClient();
  const port = Number(new URL(bff.url).port);
  const signUp = (i) => ({
    method: 'POST',
    path: `/api/v1/open-days/${OD}/registrations`,
    headers: { authorization: `Bearer ${tokens[i]}`, 'idempotency-key': keys[i] },
    body: { sessionId: 's1', name: '压测市民', idNumber: idNumber(i), phone: '13800000000' },
  });
  const timed = async (requests) => {
    const m = await gen.run(port, requests, RATE ?? undefined);
    return { ...spread(m.results.map((r) => r.ms)), wallMs: m.wallMs, connectMs: m.connectMs, results: m.results };
  };
  await burst(200, () => fetch(`${bff.url}/healthz`));
  const hCpu0 = cpuSeconds(bff.child.pid);
  const h = await timed(Array.from({ length: CITIZENS }, () => ({ method: 'GET', path: '/healthz' })));
  const hCpu = cpuSeconds(bff.child.pid) - hCpu0;
  const cpu0 = [cpuSeconds(bff.child.pid), cpuSeconds(mongo.child.pid)];
  const w0 = process.hrtime.bigint() / 1000n;
  const rush = await timed(Array.from({ length: CITIZENS }, (_x, i) => signUp(i)));
  // The profile's clock is the same monotonic one: this window picks the rush out of it.
  if (PROF) console.log(`cpu-prof rush window (monotonic µs): ${w0} ${process.hrtime.bigint() / 1000n}`);
  const cpu = [cpuSeconds(bff.child.pid) - cpu0[0], cpuSeconds(mongo.child.pid) - cpu0[1]];
  const answers = rush.results.map((r) => ({ status: r.status, ...JSON.parse(r.body) }));
  const statuses = {};
  for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  const confirmed = answers.filter((a) => a.status === 'confirmed');
  const waiting = answers.filter((a) => a.status === 'waitlisted');
  const positions = waiting.map((a) => a.position).sort((a, b) => a - b);
  const positionsOk = positions.every((p, i) => p === i + 1);

  const conn = await mongoose.createConnection(u.toString(), { serverMonitoringMode: 'poll' }).asPromise();
  const session = await conn.collection('open_day_sessions').findOne({ openDayId: OD, sessionId: 's1' });
  const queueIds = session.queue.map((e) => e.split(':')[0]);
  const byId = new Map(answers.map((a) => [a.id, a]));
  const inQueueOrder = queueIds.every((id, i) => byId.get(id)?.position === i + 1);
  const stored = await conn.collection('open_day_registrations').countDocuments({ openDayId: OD });
  let replayMismatch = 0;
  for (let k = 0; k < CITIZENS; k += 100) {
    const again = await Promise.all(Array.from({ length: Math.min(100, CITIZENS - k) }, (_x, j) => send(k + j).then(async (r) => ({ i: k + j, status: r.status, body: await r.json() }))));
    for (const a of again) if (a.status !== 200 || a.body.id !== answers[a.i].id) replayMismatch++;
  }
  const ms = (x) => `p50 ${f1(x.p50)} p95 ${f1(x.p95)} p99 ${f1(x.p99)} max ${f1(x.max)} ms`;
  console.log(
    `rush: ${CITIZENS} sign-ups ${RATE ? `open-loop at ${RATE}/s` : 'at one moment'} over ${CITIZENS} connections opened beforehand (in ${f1(rush.connectMs)} ms; load generator pinned to its own core: ${hasTaskset}): ` +
      `${ms(rush)}; last answer ${f1(rush.wallMs)} ms after the start (${f1((CITIZENS / rush.wallMs) * 1000)}/s); target p99 < 100 ms: ${rush.p99 < 100 ? 'met' : 'NOT met'}\n` +
      `  /healthz, same ${RATE ? 'rate' : 'burst'} and run: ${ms(h)}; last answer ${f1(h.wallMs)} ms (p99 ratio ${f1(rush.p99 / h.p99)}×)\n` +
      `  CPU: BFF ${f1(cpu[0])} s = ${f1((cpu[0] / CITIZENS) * 1000)} ms a sign-up (/healthz ${f1((hCpu / CITIZENS) * 1000)} ms a request), database ${f1(cpu[1])} s = ${f1((cpu[1] / CITIZENS) * 1000)} ms a sign-up; statuses ${JSON.stringify(statuses)}`,
  );
  console.log(
    `  places: ${confirmed.length} confirmed (places held ${session.placesHeld} of ${session.capacity}), ${waiting.length} waitlisted, positions 1..${positions.length} unique: ${positionsOk}, ` +
      `= the server's arrival order (queue): ${inQueueOrder}; distinct ids ${new Set(answers.map((a) => a.id)).size}, stored ${stored}, retries not answered with their first id ${replayMismatch}`,
  );

  // --- cancellations promote the first waiting, in order ---
  const cancelled = answers.map((a, i) => ({ a, i })).filter((x) => x.a.status === 'confirmed').slice(0, CANCELS);
  const tc = performance.now();
  const c = await burst(cancelled.length, (j) => json('POST', `${bff.url}/api/v1/me/open-day-registrations/${cancelled[j].a.id}/cancel`, {}, { authorization: `Bearer ${tokens[cancelled[j].i]}` }));
  let offered = [];
  for (;;) {
    offered = await conn.collection('open_day_registrations').find({ openDayId: OD, status: 'offered' }, { projection: { _id: 1, offeredAt: 1 } }).toArray();
    if (offered.length >= CANCELS || performance.now() - tc > 30_000) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const promoteMs = performance.now() - tc;
  const firstInLine = new Set(waiting.filter((a) => a.position <= CANCELS).map((a) => a.id));
  const inOrder = offered.length === CANCELS && offered.every((o) => firstInLine.has(String(o._id)));
  const after = await conn.collection('open_day_sessions').findOne({ openDayId: OD, sessionId: 's1' });
  const movedUp = waiting.find((a) => a.position === CANCELS + 1);
  const nowPos = movedUp ? (await (await fetch(`${bff.url}/api/v1/me/open-day-registrations/${movedUp.id}`, { headers: { authorization: `Bearer ${tokens[answers.indexOf(movedUp)]}` } })).json()).position : null;
  console.log(
    `  promotion: ${c.results.filter((r) => r.status === 200).length} cancellations (p99 ${f1(c.p99)} ms) → ${offered.length} offered within ${f1(promoteMs)} ms, exactly the first ${CANCELS} in the queue: ${inOrder}; ` +
      `places held ${after.placesHeld}/${after.capacity}; waitlist ${after.waiting}; position ${CANCELS + 1} is now ${nowPos}`,
  );
  await conn.close();
  gen.stop();
  if (PROF) await new Promise((r) => (bff.child.once('exit', r), bff.child.kill('SIGTERM')));
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
