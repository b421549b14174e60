// 12345 hotline: how fast a citizen's submission is acknowledged while the case system is slow,
// and whether the outbox delivers everything exactly once through an outage and BFF crashes.
//
//   node bench/hotline-ack.mjs [--requests 400] [--rate 100] [--concurrency 8] [--rounds 3] [--n 1000]
//
// Part 1 — acknowledgement latency of POST /api/v1/hotline/tickets with the case system
//   answering in 2 s (setFaults slow 2000 ms), next to two baselines measured in the same run,
//   round by round: the same BFF's GET /healthz, and the same submission while the case
//   system is healthy. Latency is measured open-loop: requests start at a fixed rate (--rate
//   per second, below the BFF's capacity) whether or not earlier ones have answered, and each
//   is timed from its scheduled start, so a stall shows up in p99 instead of being hidden by
//   a waiting client. A closed loop (--concurrency in flight) then gives the capacity.
// Part 2 — outbox: N submissions while the case system is down; then it comes back. Run once
//   plainly and once with the BFF SIGKILLed in the middle of the submissions and again in the
//   middle of the drain (restarted each time, MongoDB staying up). Counts come from the case
//   simulator's /__sim/state (tickets and their idempotency keys): delivered, duplicated, lost,
//   and the time from recovery until the last one arrived.
import { randomUUID } from 'node:crypto';
import { children, f1, startUpstreams, hasTaskset, json, measureOpen, pct, startBff } from './lib/harness.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const REQUESTS = Number(args.requests ?? 400);
const CONCURRENCY = Number(args.concurrency ?? 8);
const RATE = Number(args.rate ?? 100);
const ROUNDS = Number(args.rounds ?? 3);
const N = Number(args.n ?? 1000);
const USERS = 20;

const kill = (child) => new Promise((r) => (child.exitCode !== null || child.signalCode ? r() : (child.once('exit', r), child.kill('SIGKILL'))));
const median = (xs) => pct(xs, 50);

const form = (i) => ({
  type: ['consult', 'help', 'complaint', 'report', 'suggestion'][i % 5],
  title: `压测诉求第 ${i} 件`,
  description: `这是第 ${i} 件压测诉求，用于测量受理回执的延迟。`,
  contactAllowed: false,
});

/** Closed loop: `concurrency` clients each sending the next request as soon as the previous answered. */
async function measure(n, send) {
  const lat = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const t = performance.now();
      const r = await send(i);
      lat.push(performance.now() - t);
      if (!r.ok) throw new Error(`request failed: ${r.status} ${await r.text()}`);
      await r.arrayBuffer();
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { p50: pct(lat, 50), p99: pct(lat, 99), rps: (n / (performance.now() - t0)) * 1000 };
}

/** Open loop (lib/harness.mjs), failing on any answer that is not 2xx. */
async function measureOpenOk(n, rate, send) {
  const r = await measureOpen(n, rate, send);
  const bad = r.results.find((x) => x.status < 200 || x.status >= 300);
  if (bad) throw new Error(`request failed: ${bad.status} ${bad.body.slice(0, 300)}`);
  return { p50: r.p50, p99: r.p99, max: r.max };
}

async function main() {
  const { mongo, sims } = await startUpstreams();
  const setFaults = (f) => json('PUT', `${sims.case}/__sim/faults`, f);
  const simKeys = async () => (await (await fetch(`${sims.case}/__sim/state`)).json()).tickets.map((t) => t.idempotencyKey).filter((k) => k.startsWith('zwgk-'));

  const env = {
    NODE_ENV: 'development',
    BFF_PORT: '0',
    LOG_LEVEL: 'warn',
    ACCESS_LOG: 'false',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0',
    REDIS_KEY_PREFIX: `zwgk-bench-hotline:${process.pid}:`,
    PORTAL_BASE_URL: sims.portal,
    CASE_SYSTEM_BASE_URL: sims.case,
    WECHAT_API_BASE_URL: sims.wechat,
    RATE_LIMIT_WRITES_PER_MIN: '1000000',
    RATE_LIMIT_IP_WRITES_PER_MIN: '1000000',
    HOTLINE_FORWARD_CONCURRENCY: process.env.HOTLINE_FORWARD_CONCURRENCY ?? '8',
    HOTLINE_FORWARD_POLL_MS: '200',
    HOTLINE_FORWARD_LEASE_MS: '5000',
    HOTLINE_FORWARD_BACKOFF_MS: '100',
    HOTLINE_FORWARD_MAX_BACKOFF_MS: '1000',
    UPSTREAM_BREAKER_RESET_MS: '500',
  };

  const dbUri = (name) => {
    const u = new URL(mongo.uri);
    u.pathname = `/${name}`;
    return u.toString();
  };

  // --- part 1: acknowledgement latency ---
  let db = 0;
  // BENCH_PROFILE=dir writes a CPU profile of this first BFF there (it is then stopped with SIGTERM).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  let bff = await startBff({ ...env, MONGO_URI: dbUri(`zwgk_bench_ack_${db++}`) }, profile);
  const login = async (url, name) => (await (await json('POST', `${url}/api/v1/auth/wechat-login`, { code: `sim-${name}` })).json()).accessToken;
  const tokens = await Promise.all(Array.from({ length: USERS }, (_, i) => login(bff.url, `bench-ack-${i}`)));
  const submit = (url) => (i) =>
    json('POST', `${url}/api/v1/hotline/tickets`, form(i), { authorization: `Bearer ${tokens[i % USERS]}`, 'idempotency-key': `bench-${randomUUID()}` });
  const healthz = () => fetch(`${bff.url}/healthz`);

  console.log(`hotline ack: ${ROUNDS} rounds × ${REQUESTS} requests at ${RATE}/s (open loop), capacity with ${CONCURRENCY} in flight; bff pinned=${hasTaskset}`);
  await measure(100, healthz); // warm-up
  await measure(100, submit(bff.url));
  const rows = [];
  for (let r = 0; r < ROUNDS; r++) {
    const h = await measureOpenOk(REQUESTS, RATE, healthz);
    await setFaults({ mode: 'ok' });
    const ok = await measureOpenOk(REQUESTS, RATE, submit(bff.url));
    await setFaults({ mode: 'slow', latencyMs: 2000 });
    const slow = await measureOpenOk(REQUESTS, RATE, submit(bff.url));
    const cap = await measure(REQUESTS, submit(bff.url));
    await setFaults({ mode: 'ok' });
    rows.push({ h, ok, slow, cap });
    console.log(
      `  round ${r + 1}: /healthz p50 ${f1(h.p50)} p99 ${f1(h.p99)} ms | submit, case healthy p50 ${f1(ok.p50)} p99 ${f1(ok.p99)} ms | submit, case slow 2 s p50 ${f1(slow.p50)} p99 ${f1(slow.p99)} max ${f1(slow.max)} ms | capacity (case slow) ${f1(cap.rps)} req/s, p50 ${f1(cap.p50)} p99 ${f1(cap.p99)} ms at ${CONCURRENCY} in flight`,
    );
  }
  const m = (k, q) => median(rows.map((r) => r[k][q]));
  console.log(
    `ack latency at ${RATE}/s (median of rounds): case slow 2 s p50 ${f1(m('slow', 'p50'))} ms, p99 ${f1(m('slow', 'p99'))} ms (target p99 < 50 ms: ${m('slow', 'p99') < 50 ? 'met' : 'NOT met'}); ` +
      `baselines: case healthy p50 ${f1(m('ok', 'p50'))} / p99 ${f1(m('ok', 'p99'))} ms, /healthz p50 ${f1(m('h', 'p50'))} / p99 ${f1(m('h', 'p99'))} ms; ` +
      `capacity ${f1(m('cap', 'rps'))} submissions/s with the case system slow`,
  );
  if (process.env.BENCH_PROFILE) await new Promise((r) => (bff.child.once('exit', r), bff.child.kill('SIGTERM')));
  else await kill(bff.child);

  // --- part 2: outbox through an outage, without and with SIGKILLs ---
  for (const withKill of [false, true]) {
    await json('POST', `${sims.case}/__sim/reset`);
    await setFaults({ mode: 'down' });
    const bffEnv = { ...env, MONGO_URI: dbUri(`zwgk_bench_outbox_${db++}`) };
    bff = await startBff(bffEnv);
    const toks = await Promise.all(Array.from({ length: USERS }, (_, i) => login(bff.url, `bench-outbox-${i}`)));
    const keys = Array.from({ length: N }, () => `outbox-${randomUUID()}`);
    const tracking = new Map();
    let unanswered = 0;
    const runSubmissions = async (onDone) => {
      let next = 0;
      let done = 0;
      const worker = async () => {
        while (next < N) {
          const i = next++;
          if (tracking.has(i)) continue;
          try {
            const r = await json('POST', `${bff.url}/api/v1/hotline/tickets`, form(i), { authorization: `Bearer ${toks[i % USERS]}`, 'idempotency-key': keys[i] });
            if (r.status !== 201 && r.status !== 200) throw new Error(`submit ${r.status}`);
            tracking.set(i, (await r.json()).trackingNo);
          } catch (err) {
            if (String(err.message).startsWith('submit')) throw err;
            unanswered++;
          }
          onDone?.(++done);
        }
      };
      await Promise.all(Array.from({ length: 16 }, worker));
    };
    const t0 = Date.now();
    let killing = null;
    const first = bff;
    await runSubmissions((done) => {
      if (withKill && done === N / 2 && !killing) killing = kill(first.child);
    });
    if (withKill) {
      await killing;
      bff = await startBff(bffEnv);
      await runSubmissions(); // the apps retry what got no answer, with the same keys
    }
    const submitMs = Date.now() - t0;
    const beforeRecovery = (await simKeys()).length;

    const healed = Date.now();
    await setFaults({ mode: 'ok' });
    let atKill = null;
    if (withKill) {
      while ((await simKeys()).length < N / 4) await new Promise((r) => setTimeout(r, 20));
      await kill(bff.child);
      atKill = (await simKeys()).length;
      bff = await startBff(bffEnv);
    }
    let keysNow = await simKeys();
    while (keysNow.length < N && Date.now() - healed < 300_000) {
      await new Promise((r) => setTimeout(r, 100));
      keysNow = await simKeys();
    }
    const drainMs = Date.now() - healed;
    await new Promise((r) => setTimeout(r, 2000)); // room for a late duplicate to show up
    keysNow = await simKeys();
    const expected = new Set([...tracking.values()].map((no) => `zwgk-${no}`));
    const seen = new Map();
    for (const k of keysNow) seen.set(k, (seen.get(k) ?? 0) + 1);
    const duplicated = [...seen.values()].filter((c) => c > 1).length;
    const lost = [...expected].filter((k) => !seen.has(k)).length;
    const stray = [...seen.keys()].filter((k) => !expected.has(k)).length;
    console.log(
      `outbox ${withKill ? 'with SIGKILL mid-submission and mid-drain' : 'plain'}: ${tracking.size}/${N} acknowledged (${unanswered} unanswered at the kill, retried) in ${submitMs} ms while down; ` +
        `${beforeRecovery} reached the case system while down; after recovery ${seen.size} distinct tickets, duplicated ${duplicated}, lost ${lost}, unexpected ${stray}` +
        `${atKill !== null ? `; ${atKill} delivered when the BFF was killed` : ''}; time to drain ${drainMs} ms`,
    );
    await kill(bff.child);
  }
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
