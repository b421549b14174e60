import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { spawnSim, type RunningSim } from '@zwgk/upstream-sim';
import { startEmbeddedMongo, type EmbeddedMongo } from '@zwgk/embedded-mongo';

/** Starts bff/src/server.ts as a real process and resolves with its URL once it says it is ready. */
function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'src', 'server.ts')], {
    env: { ...process.env, NODE_ENV: 'test', BFF_PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    child.on('message', (m: { event?: string; url?: string }) => m.event === 'ready' && resolve({ child, url: m.url!, output: () => out }));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

let portal: RunningSim, caseSim: RunningSim, wechat: RunningSim, mongo: EmbeddedMongo;
beforeAll(async () => {
  [portal, caseSim, wechat, mongo] = await Promise.all([spawnSim('portal'), spawnSim('case'), spawnSim('wechat'), startEmbeddedMongo()]);
});
afterAll(() => Promise.all([portal?.stop(), caseSim?.stop(), wechat?.stop(), mongo?.stop()]));

const upstreamEnv = () => ({
  MONGO_URI: mongo.uri,
  PORTAL_BASE_URL: portal.url,
  CASE_SYSTEM_BASE_URL: caseSim.url,
  WECHAT_API_BASE_URL: wechat.url,
  UPSTREAM_TIMEOUT_MS: '5000',
  MICROCACHE_MS: '0',
});

describe('server process', () => {
  test('when it gets SIGTERM during a request, then the request still completes and the process exits 0', async () => {
    const s = await startServer(upstreamEnv());
    await portal.setFaults({ mode: 'slow', latencyMs: 1200 });
    try {
      const inflight = fetch(`${s.url}/api/v1/policies/pol-002`);
      await new Promise((r) => setTimeout(r, 300));
      const exited = new Promise<number | null>((r) => s.child.once('exit', (code) => r(code)));
      s.child.kill('SIGTERM');
      const res = await inflight;
      expect(res.status).toBe(200);
      expect(((await res.json()) as { item: { id: string } }).item.id).toBe('pol-002');
      expect(await exited).toBe(0);
      expect(s.output()).toMatch(/finishing in-flight requests/);
      // New connections are refused once it has stopped.
      await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();
    } finally {
      await portal.setFaults({ mode: 'ok' });
      s.child.kill('SIGKILL');
    }
  });

  test('when a variable holds a bad value, then it refuses to start and names the variable', async () => {
    await expect(startServer({ ...upstreamEnv(), BFF_PORT: 'abc' })).rejects.toThrow(/BFF_PORT/);
    await expect(startServer({ ...upstreamEnv(), DATA_ENCRYPTION_KEY: 'short' })).rejects.toThrow(/DATA_ENCRYPTION_KEY: must be 64 hex/);
  });

  test('when Redis is not configured, then it starts in single-instance mode and says so once', async () => {
    const s = await startServer({ ...upstreamEnv(), REDIS_URL: '' });
    try {
      const ready = await fetch(`${s.url}/readyz`);
      const body = (await ready.json()) as { checks: Record<string, unknown> };
      expect(Object.keys(body.checks)).toContain('memoryStore');
      await new Promise((r) => setTimeout(r, 200));
      expect(s.output().match(/single-instance mode/g)).toHaveLength(1);
    } finally {
      s.child.kill('SIGTERM');
    }
  });
});
