import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import mongoose from 'mongoose';
import { spawnSim, type RunningSim } from '@zwgk/upstream-sim';
import { startEmbeddedMongo, type EmbeddedMongo } from '@zwgk/embedded-mongo';

const repo = path.resolve(__dirname, '../..');

export interface BffProcess {
  child: ChildProcess;
  url: string;
}

/** Starts bff/src/server.ts as a real process (test environment plus `env`); resolves once it listens. */
export function startBffProcess(env: Record<string, string>): Promise<BffProcess> {
  const child = spawn(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, path.join(repo, 'bff/src/server.ts')], {
    cwd: repo,
    env: { ...process.env, NODE_ENV: 'test', BFF_PORT: '0', LOG_LEVEL: 'warn', ACCESS_LOG: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  readline.createInterface({ input: child.stdout! }).on('line', () => {});
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('message', (m: any) => m?.event === 'ready' && resolve({ child, url: m.url }));
    child.once('exit', (code) => reject(new Error(`bff exited (${code}): ${stderr.slice(-2000)}`)));
  });
}

/** SIGKILLs the process (no shutdown of any kind) and resolves once it is gone. */
export function killHard(c: ChildProcess): Promise<void> {
  return new Promise<void>((r) => (c.exitCode !== null || c.signalCode ? r() : (c.once('exit', () => r()), c.kill('SIGKILL'))));
}

/** What a fault test runs the BFF process against: the three simulators and a database of its own. */
export interface FaultRig {
  sims: Record<'portal' | 'case' | 'wechat', RunningSim>;
  mongoUri: string;
  /** The environment that points a BFF process at these. */
  env(redisPrefix: string): Record<string, string>;
  /** Drops the database and stops the simulators (and the embedded server). */
  stop(): Promise<void>;
}

/** Starts the simulators and, without MONGO_URI, the embedded MongoDB-wire server, with a database named `db`. */
export async function startFaultRig(db: string): Promise<FaultRig> {
  const [portal, caseSim, wechat, mongo] = await Promise.all([
    spawnSim('portal'),
    spawnSim('case', { CASE_SIM_STEP_MS: '600000' }),
    spawnSim('wechat'),
    process.env.MONGO_URI ? Promise.resolve(null as EmbeddedMongo | null) : startEmbeddedMongo(),
  ]);
  const u = new URL(process.env.MONGO_URI ?? mongo!.uri);
  u.pathname = `/${db}`;
  const mongoUri = u.toString();
  const sims = { portal, case: caseSim, wechat };
  return {
    sims,
    mongoUri,
    env: (redisPrefix) => ({
      MONGO_URI: mongoUri,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: redisPrefix,
      PORTAL_BASE_URL: portal.url,
      CASE_SYSTEM_BASE_URL: caseSim.url,
      WECHAT_API_BASE_URL: wechat.url,
    }),
    async stop() {
      const conn = await mongoose.createConnection(mongoUri, { serverMonitoringMode: 'poll' }).asPromise().catch(() => null);
      await conn?.dropDatabase().catch(() => {});
      await conn?.close();
      await Promise.all([portal.stop(), caseSim.stop(), wechat.stop(), mongo?.stop()]);
    },
  };
}

/** Runs `fn` over `items`, `concurrency` at a time (a burst of citizens, not one by one). */
export async function inPool<T, R>(items: T[], concurrency: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

/** A JSON request against a BFF process: status and parsed body (null when not JSON). */
export async function callJson(base: string, method: string, p: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) {
  const r = await fetch(`${base}${p}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json().catch(() => null)) as any };
}
