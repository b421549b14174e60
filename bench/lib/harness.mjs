// What the load benchmarks share: starting a BFF process (pinned to core 0 when the machine
// has more, so the load generator does not compete with it), percentiles, and request loops.
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import readline from 'node:readline';
import path from 'node:path';
import { ROOT, spawnReady, tsxArgs } from '../../scripts/lib.mjs';

/** Whether BFFs are pinned to core 0 (taskset present and more than one core). */
export const hasTaskset = os.cpus().length > 1 && spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;

/** Every process a benchmark started; SIGKILLed when the benchmark exits, however it exits. */
export const children = [];
process.on('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));

/**
 * The embedded MongoDB-wire server and the three simulators (the case system advancing its
 * tickets only every 10 minutes, so benchmarks see them as submitted): { mongo, sims: {portal, case, wechat} }.
 */
export async function startUpstreams() {
  const mongo = await spawnReady('mongo', [path.join(ROOT, 'packages/embedded-mongo/src/server.mjs')]);
  children.push(mongo.child);
  const sims = {};
  for (const n of ['portal', 'case', 'wechat']) {
    const s = await spawnReady(n, tsxArgs(`packages/upstream-sim/src/${n}/main.ts`), { env: { [`${n.toUpperCase()}_SIM_PORT`]: '0', CASE_SIM_STEP_MS: '600000' } });
    children.push(s.child);
    sims[n] = s.url;
  }
  return { mongo, sims };
}

/** Starts bff/src/server.ts with `env`; resolves with the child and its URL once it is ready. `nodeArgs` go before the script (e.g. --cpu-prof). */
export function startBff(env, nodeArgs = []) {
  const argv = [...nodeArgs, ...tsxArgs('bff/src/server.ts')];
  const [cmd, a] = hasTaskset ? ['taskset', ['-c', '0', process.execPath, ...argv]] : [process.execPath, argv];
  const child = spawn(cmd, a, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  children.push(child);
  readline.createInterface({ input: child.stdout }).on('line', () => {});
  return new Promise((resolve, reject) => {
    child.on('message', (m) => m?.event === 'ready' && resolve({ child, url: m.url }));
    child.once('exit', (code) => reject(new Error(`bff exited with ${code}`)));
  });
}

/**
 * The environment of a benchmark BFF: development mode, no access log, rate limits and the
 * microcache out of the way, on `mongoUri` (its own database), Redis under `redisPrefix` and the
 * simulators `sims`; `extra` on top.
 */
export function benchEnv(mongoUri, sims, redisPrefix, extra = {}) {
  return {
    NODE_ENV: 'development',
    BFF_PORT: '0',
    LOG_LEVEL: 'warn',
    ACCESS_LOG: 'false',
    MONGO_URI: mongoUri,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0',
    REDIS_KEY_PREFIX: redisPrefix,
    PORTAL_BASE_URL: sims.portal,
    CASE_SYSTEM_BASE_URL: sims.case,
    WECHAT_API_BASE_URL: sims.wechat,
    RATE_LIMIT_WRITES_PER_MIN: '1000000',
    RATE_LIMIT_IP_WRITES_PER_MIN: '1000000',
    RATE_LIMIT_IP_READS_PER_MIN: '100000000',
    MICROCACHE_MS: '0',
    ...extra,
  };
}

export const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
export const f1 = (n) => n.toFixed(1);

export const json = (method, url, body, headers = {}) =>
  fetch(url, { method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, body: body ? JSON.stringify(body) : undefined });

/**
 * Open loop: request i starts at t0 + i / rate, and its latency counts from that scheduled
 * start, so a stall shows in p99 instead of slowing the senders. Resolves with p50/p99/max,
 * the count per status and each answer (status and body).
 */
export async function measureOpen(n, rate, send) {
  const lat = [];
  const statuses = new Map();
  const t0 = performance.now() + 5;
  const pending = [];
  for (let i = 0; i < n; i++) {
    const at = t0 + (i * 1000) / rate;
    const wait = at - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      send(i).then(async (r) => {
        const body = await r.text();
        lat.push(performance.now() - at);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        return { status: r.status, body };
      }),
    );
  }
  const results = await Promise.all(pending);
  return { p50: pct(lat, 50), p99: pct(lat, 99), max: Math.max(...lat), statuses: Object.fromEntries(statuses), results };
}

/**
 * The load generator of `burst-client.mjs` in its own process, pinned to the last core when
 * taskset is there (the BFF has core 0). `run(port, requests, rate?)` opens one connection per
 * request before the instant, then sends them all at once (or open-loop at `rate`/s); resolves
 * with { connectMs, wallMs, results: [{ status, body, ms }] } in request order.
 */
export async function startBurstClient() {
  const script = path.join(ROOT, 'bench/lib/burst-client.mjs');
  const last = String(os.cpus().length - 1);
  const [cmd, a] = hasTaskset ? ['taskset', ['-c', last, process.execPath, script]] : [process.execPath, [script]];
  const child = spawn(cmd, a, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(child);
  await new Promise((resolve, reject) => {
    child.once('message', (m) => m?.type === 'ready' && resolve());
    child.once('exit', (code) => reject(new Error(`burst client exited with ${code}`)));
  });
  return {
    child,
    run: (port, requests, rate) =>
      new Promise((resolve) => {
        child.once('message', (m) => m?.type === 'done' && resolve(m));
        child.send({ type: 'run', port, requests, rate });
      }),
    stop: () => child.kill('SIGTERM'),
  };
}

/** p50/p95/p99/max of latencies in ms. */
export const spread = (lat) => ({ p50: pct(lat, 50), p95: pct(lat, 95), p99: pct(lat, 99), max: Math.max(...lat) });
