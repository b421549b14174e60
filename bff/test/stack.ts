import http from 'node:http';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import type { Connection } from 'mongoose';
import { spawnSim, type RunningSim } from '@zwgk/upstream-sim';
import { startEmbeddedMongo, type EmbeddedMongo } from '@zwgk/embedded-mongo';
import { createApp } from '../src/app';
import { loadConfig, type Config } from '../src/config';
import { createMemoryKv, createRedisKv } from '../src/core/kv';
import { createLogger } from '../src/core/logger';
import { connectMongo } from '../src/infra/mongo';
import { createUpstreams } from '../src/upstream';
import type { AppContext } from '../src/deps';

export interface TestStack {
  url: string;
  context: AppContext;
  sims: { portal: RunningSim; case: RunningSim; wechat: RunningSim };
  redis: Redis | null;
  config: Config;
  /** JSON request against the BFF; never throws on HTTP status. */
  req<T = any>(method: string, path: string, opts?: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: string }): Promise<{ status: number; body: T; headers: Headers }>;
  /** Logs in through the WeChat simulator as `sim-<name>`. */
  login(name: string): Promise<{ accessToken: string; refreshToken: string; user: any }>;
  /** The access token of `sim-<name>`, logged in once per stack. */
  tokenOf(name: string): Promise<string>;
  /** Clears every simulator fault and waits until every circuit breaker has closed again. */
  heal(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Boots the BFF in-process against real parts: Redis at REDIS_URL (default 127.0.0.1:6379)
 * under a key prefix of its own, MongoDB at MONGO_URI (its own database) or the embedded
 * MongoDB-wire server, and the three upstream simulators as real processes.
 * `memoryKv: true` runs it in single-instance mode instead of Redis.
 */
export async function startTestStack(opts: { env?: Record<string, string>; simEnv?: Partial<Record<'portal' | 'case' | 'wechat', Record<string, string>>>; memoryKv?: boolean } = {}): Promise<TestStack> {
  const runId = randomBytes(4).toString('hex');
  const [portal, caseSim, wechat, embedded] = await Promise.all([
    spawnSim('portal', opts.simEnv?.portal),
    spawnSim('case', { CASE_SIM_STEP_MS: '600000', ...opts.simEnv?.case }),
    spawnSim('wechat', opts.simEnv?.wechat),
    process.env.MONGO_URI ? Promise.resolve(null as EmbeddedMongo | null) : startEmbeddedMongo(),
  ]);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORTAL_BASE_URL: portal.url,
    CASE_SYSTEM_BASE_URL: caseSim.url,
    WECHAT_API_BASE_URL: wechat.url,
    UPSTREAM_TIMEOUT_MS: '800',
    UPSTREAM_BREAKER_RESET_MS: '200',
    HOME_BUDGET_MS: '1500',
    HOME_MEMO_MS: '0',
    MICROCACHE_MS: '0',
    STAFF_OPENIDS: '',
    // Tests poll; the read limit has a test of its own.
    RATE_LIMIT_IP_READS_PER_MIN: '1000000',
    ...opts.env,
  });
  const logger = createLogger(config.LOG_LEVEL);
  const mongoUri = process.env.MONGO_URI ?? embedded!.uri;
  const mongo: Connection = await connectMongo(mongoUri, logger, { dbName: `zwgk_test_${runId}` });
  let redis: Redis | null = null;
  let kv;
  if (opts.memoryKv) kv = createMemoryKv();
  else {
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 2 });
    kv = createRedisKv(redis, `zwgk-test:${runId}:`);
  }
  const upstreams = createUpstreams(config, logger);
  const { handler, context, close: closeApp, ready } = createApp({ config, logger, mongo, kv, upstreams });
  // Tests start once the search index is built: its allocations would otherwise stall their first requests.
  await ready();
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  const req: TestStack['req'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.body !== undefined || o.raw !== undefined) headers['content-type'] ??= 'application/json';
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    const res = await fetch(url + path, { method, headers, body: o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body)) });
    const text = await res.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep text */
    }
    return { status: res.status, body, headers: res.headers };
  };

  const tokens = new Map<string, Promise<string>>();
  const login: TestStack['login'] = async (name) => {
    const r = await req('POST', '/api/v1/auth/wechat-login', { body: { code: `sim-${name}` } });
    if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  return {
    url,
    context,
    sims: { portal, case: caseSim, wechat },
    redis,
    config,
    req,
    login,
    tokenOf(name) {
      if (!tokens.has(name)) tokens.set(name, login(name).then((r) => r.accessToken));
      return tokens.get(name)!;
    },
    async heal() {
      await Promise.all([portal, caseSim, wechat].map((sim) => sim.setFaults({ mode: 'ok' })));
      const clients = [upstreams.portal, upstreams.caseSystem, upstreams.wechat];
      await eventually(async () => {
        await Promise.allSettled(clients.map((c) => c.ping()));
        return clients.every((c) => c.stats().state === 'closed');
      }, 5000, 50);
    },
    async stop() {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await closeApp();
      await upstreams.close();
      await mongo.dropDatabase().catch(() => {});
      await mongo.close();
      if (redis) {
        const keys = await redis.keys(`zwgk-test:${runId}:*`);
        if (keys.length) await redis.del(...keys);
        await redis.quit();
      }
      await Promise.all([portal.stop(), caseSim.stop(), wechat.stop(), embedded?.stop()]);
    },
  };
}

/** Polls `fn` until it returns a truthy value or `timeoutMs` passes. */
export async function eventually<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 5000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
