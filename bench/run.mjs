// HTTP benchmark of the BFF's cached routes against a bare node:http server returning a
// payload of the same size, measured in the same run, alternating, in pairs. Reports req/s,
// latency p50/p99, and the ratio to the bare server both raw and per server-CPU-second
// (CPU time read from /proc/<pid>/stat, steadier than raw req/s on a shared machine).
//
//   node bench/run.mjs [--pairs 3] [--duration 5] [--connections 32]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, spawnReady, tsxArgs } from '../scripts/lib.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const PAIRS = Number(args.pairs ?? 3);
const DURATION = Number(args.duration ?? 5);
const CONNECTIONS = Number(args.connections ?? 32);
const autocannonBin = path.join(ROOT, 'bff', 'node_modules', 'autocannon', 'autocannon.js');
const hasTaskset = os.cpus().length > 1 && spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;
const pin = (core, argv) => (hasTaskset ? ['taskset', ['-c', String(core), process.execPath, ...argv]] : [process.execPath, argv]);
const TICK = 100; // USER_HZ on Linux

function cpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICK; // utime + stime
}

function load(url) {
  const [cmd, argv] = pin(1, [autocannonBin, '-j', '-c', String(CONNECTIONS), '-d', String(DURATION), url]);
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`autocannon failed: ${r.stderr}`);
  const j = JSON.parse(r.stdout);
  if (j.non2xx > 0 || j.errors > 0) throw new Error(`${url}: ${j.non2xx} non-2xx, ${j.errors} errors`);
  return { rps: j.requests.average, p50: j.latency.p50, p99: j.latency.p99, total: j.requests.total };
}

async function measure(pid, url) {
  const c0 = cpuSeconds(pid);
  const r = load(url);
  const cpu = cpuSeconds(pid) - c0;
  return { ...r, cpu, perCpu: r.total / Math.max(cpu, 0.01) };
}

function spawnPinned(name, core, argv, env) {
  // stdout is discarded, not piped: a server logging every request into a pipe nobody drains
  // would block. Readiness arrives over IPC. taskset execs node, so the pid is the server's own.
  const [cmd, args] = pin(core, argv);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.on('message', (m) => m?.event === 'ready' && resolve({ child, ...m }));
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n, d = 0) => n.toFixed(d);

async function main() {
  const stack = [];
  const stopAll = () => stack.forEach((c) => c.kill('SIGTERM'));
  process.on('exit', stopAll);
  const mongo = await spawnReady('mongo', [path.join(ROOT, 'packages/embedded-mongo/src/server.mjs')]);
  stack.push(mongo.child);
  const sims = {};
  for (const n of ['portal', 'case', 'wechat']) {
    const s = await spawnReady(n, tsxArgs(`packages/upstream-sim/src/${n}/main.ts`), { env: { [`${n.toUpperCase()}_SIM_PORT`]: '0' } });
    stack.push(s.child);
    sims[n] = s.url;
  }
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';
  const bff = await spawnPinned('bff', 0, tsxArgs('bff/src/server.ts'), {
    NODE_ENV: 'development',
    // One load generator is one address: the per-IP read limit would cap the measurement.
    RATE_LIMIT_IP_READS_PER_MIN: '1000000000',
    BFF_PORT: '0',
    MONGO_URI: mongo.uri,
    REDIS_URL: process.env.BENCH_NO_REDIS ? '' : redisUrl,
    REDIS_KEY_PREFIX: `zwgk-bench:${process.pid}:`,
    PORTAL_BASE_URL: sims.portal,
    CASE_SYSTEM_BASE_URL: sims.case,
    WECHAT_API_BASE_URL: sims.wechat,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  });
  stack.push(bff.child);

  const policyId = (await (await fetch(`${sims.portal}/api/content/policies?pageSize=1`)).json()).items[0].id;
  const routes = [
    { name: 'GET /api/v1/home', path: '/api/v1/home' },
    { name: `GET /api/v1/policies/${policyId}`, path: `/api/v1/policies/${policyId}` },
  ];
  console.log(`pairs=${PAIRS} duration=${DURATION}s connections=${CONNECTIONS} pinned=${hasTaskset} redis=${process.env.BENCH_NO_REDIS ? 'off' : 'on'} log=${process.env.LOG_LEVEL ?? 'info'}`);

  for (const route of routes) {
    const url = bff.url + route.path;
    const body = await (await fetch(url)).text();
    const bytes = Buffer.byteLength(body);
    const bare = await spawnPinned('bare', 0, [path.join(ROOT, 'bench/bare-server.mjs')], { PAYLOAD_BYTES: String(bytes) });
    load(url); // warm: JIT, caches, pools
    load(bare.url);
    const rows = [];
    for (let i = 0; i < PAIRS; i++) {
      const a = await measure(bff.child.pid, url);
      const b = await measure(bare.child.pid, bare.url);
      rows.push({ a, b });
      console.log(
        `  pair ${i + 1}: bff ${fmt(a.rps)} req/s p50 ${a.p50} ms p99 ${a.p99} ms ${fmt(a.perCpu)} req/cpu-s | bare ${fmt(b.rps)} req/s p50 ${b.p50} p99 ${b.p99} ${fmt(b.perCpu)} req/cpu-s | ratio ${fmt(a.rps / b.rps, 2)} raw, ${fmt(a.perCpu / b.perCpu, 2)} per cpu-s`,
      );
    }
    bare.child.kill('SIGTERM');
    const raw = median(rows.map((r) => r.a.rps / r.b.rps));
    const perCpu = median(rows.map((r) => r.a.perCpu / r.b.perCpu));
    console.log(
      `${route.name} (${bytes} B): bff median ${fmt(median(rows.map((r) => r.a.rps)))} req/s, p50 ${median(rows.map((r) => r.a.p50))} ms, p99 ${median(rows.map((r) => r.a.p99))} ms; bare ${fmt(median(rows.map((r) => r.b.rps)))} req/s; ratio ${fmt(raw, 2)}× raw, ${fmt(perCpu, 2)}× per CPU-second`,
    );
  }
  stopAll();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
