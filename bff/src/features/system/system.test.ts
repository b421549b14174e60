import { eventually, startTestStack, type TestStack } from '../../../test/stack';
import { createApp } from '../../app';
import { ConfigError, DEV_DATA_KEY, DEV_JWT_SECRET, loadConfig } from '../../config';
import { createMemoryKv } from '../../core/kv';
import { createLogger } from '../../core/logger';

/** A production configuration with every secret given. */
const complete = {
  NODE_ENV: 'production',
  JWT_SECRET: 'x'.repeat(40),
  DATA_ENCRYPTION_KEY: 'ab'.repeat(32),
  MONGO_URI: 'mongodb://db:27017/zwgk',
  REDIS_URL: 'redis://cache:6379',
  HOTLINE_PUBLIC_BASE_URL: 'https://zwgk.example.gov.cn',
  CASE_CALLBACK_SECRET: 'a-real-shared-secret',
  WECHAT_APPID: 'wx0123456789abcdef',
  WECHAT_SECRET: 'a-real-wechat-secret',
};

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack({ env: { RATE_LIMIT_IP_WRITES_PER_MIN: '3' } });
});
afterAll(() => s?.stop());
afterEach(() => s.heal());

describe('health, readiness and docs', () => {
  test('when the process is up, then /healthz answers ok with a request id', async () => {
    const r = await s.req('GET', '/healthz', { headers: { 'x-request-id': 'trace-123' } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok' });
    expect(r.headers.get('x-request-id')).toBe('trace-123');
  });

  test('when everything answers, then /readyz is ready; when an upstream is down, then degraded but 200', async () => {
    // Each check has a 1 s budget; on a loaded machine a first probe can miss it, so poll.
    const ok = await eventually(async () => {
      const r = await s.req('GET', '/readyz');
      return r.body.status === 'ready' ? r : null;
    });
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.body.checks).sort()).toEqual(['caseSystem', 'mongo', 'portal', 'redis', 'wechat']);
    await s.sims.case.setFaults({ mode: 'down' });
    const degraded = await s.req('GET', '/readyz');
    expect(degraded.status).toBe(200);
    expect(degraded.body.status).toBe('degraded');
    expect(degraded.body.checks.caseSystem.ok).toBe(false);
    // States only: why a check failed can name internal hosts, so it is logged, not answered.
    expect(degraded.body.checks.caseSystem).toEqual({ ok: false, latencyMs: null });
    expect(JSON.stringify(degraded.body)).not.toContain('127.0.0.1');
  });

  test('when the OpenAPI document is asked for, then every contract route is in it', async () => {
    const r = await s.req('GET', '/api/docs');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.0.3');
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/wechat-login', '/api/v1/home', '/api/v1/me', '/api/v1/policies/{id}']),
    );
    expect(r.body.paths['/api/v1/me'].get.responses['401']).toBeDefined();
  });

  test('when a route does not exist, then a JSON 404 in Chinese', async () => {
    const r = await s.req('GET', '/api/v1/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body.error).toMatchObject({ code: 'not_found', message: '请求的接口不存在' });
  });
});

describe('rate limiting of writes', () => {
  test('when one IP writes more than its limit in a minute, then 429 with Retry-After', async () => {
    const statuses: number[] = [];
    let last: { status: number; body: any; headers: Headers } | undefined;
    for (let i = 0; i < 4; i++) {
      last = await s.req('POST', '/api/v1/auth/wechat-login', { body: { code: `sim-burst${i}` } });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last!.body.error.code).toBe('rate_limited');
    const retryAfter = Number(last!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Reads are not limited.
    expect((await s.req('GET', '/healthz')).status).toBe(200);
  });
});

describe('configuration', () => {
  test('when a variable holds a wrong value, then loading stops with a message naming it', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', BFF_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'test', BFF_PORT: 'eighty' })).toThrow(/BFF_PORT/);
    expect(() => loadConfig({ NODE_ENV: 'test', REDIS_URL: 'not a url' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/CASE_CALLBACK_SECRET: required in production/);
    expect(loadConfig(complete).NODE_ENV).toBe('production');
    expect(() => loadConfig({ ...complete, CASE_CALLBACK_SECRET: 'dev-case-callback-secret' })).toThrow(/CASE_CALLBACK_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'test', ACCESS_TOKEN_TTL_S: '3600' })).toThrow(/ACCESS_TOKEN_TTL_S: must be at most 900/);
    expect(() => loadConfig({ NODE_ENV: 'test', DATA_ENCRYPTION_OLD_KEYS: 'abc' })).toThrow(/DATA_ENCRYPTION_OLD_KEYS\.0: each must be 64 hex characters/);
    expect(loadConfig({ NODE_ENV: 'test', DATA_ENCRYPTION_OLD_KEYS: `${'ab'.repeat(32)}, ${'cd'.repeat(32)}` }).DATA_ENCRYPTION_OLD_KEYS).toHaveLength(2);
  });

  test('when NODE_ENV is unset or anything but development/test, then the public development secrets and the simulator credentials are refused, naming each', () => {
    for (const env of [{}, { NODE_ENV: 'staging' }, { NODE_ENV: 'Production' }, { NODE_ENV: 'dev' }]) {
      expect(() => loadConfig(env)).toThrow(/JWT_SECRET: required in production/);
      expect(() => loadConfig(env)).toThrow(/DATA_ENCRYPTION_KEY: required in production/);
      expect(() => loadConfig(env)).toThrow(/WECHAT_SECRET: required in production \(the simulator's credentials\)/);
    }
    expect(() => loadConfig({})).toThrow(/NODE_ENV is not set/);
    expect(() => loadConfig({ ...complete, NODE_ENV: 'staging', JWT_SECRET: DEV_JWT_SECRET })).toThrow(/JWT_SECRET: required in production \(the development key is public\)/);
    expect(() => loadConfig({ ...complete, DATA_ENCRYPTION_KEY: DEV_DATA_KEY.toUpperCase() })).toThrow(/DATA_ENCRYPTION_KEY/);
    expect(() => loadConfig({ ...complete, WECHAT_APPID: 'wx-sim-appid' })).toThrow(/WECHAT_APPID/);
    expect(loadConfig({ ...complete, NODE_ENV: 'staging' }).NODE_ENV).toBe('staging');
  });

  test('when a configuration outside development lacks a secret anyway, then the app refuses to build instead of using the development key', () => {
    const cfg = { ...loadConfig({ NODE_ENV: 'test' }), NODE_ENV: 'staging' };
    const deps = { config: cfg, logger: createLogger('silent'), kv: createMemoryKv(), mongo: {} as never, upstreams: {} as never };
    expect(() => createApp(deps)).toThrow(/JWT_SECRET is required outside development and test/);
  });

  test('when NODE_ENV is development or test, then the embedded defaults apply', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const c = loadConfig({ NODE_ENV });
      expect(c.BFF_PORT).toBe(3100);
      expect(c.MONGO_URI).toBeUndefined();
      expect(c.JWT_SECRET).toBeUndefined();
      expect(c.STAFF_OPENIDS).toEqual([]);
    }
  });
});

describe('client addresses behind proxies', () => {
  async function loginsFrom(stack: TestStack, forwarded: (i: number) => string): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await stack.req('POST', '/api/v1/auth/wechat-login', { body: { code: `sim-proxy-${i}` }, headers: { 'x-forwarded-for': forwarded(i) } });
      statuses.push(r.status);
    }
    return statuses;
  }

  test.each([
    ['not trusted', { TRUST_PROXY: 'false' }],
    ['trusted, one hop', { TRUST_PROXY: 'true', TRUST_PROXY_HOPS: '1' }],
    ['trusted, two hops', { TRUST_PROXY: 'true', TRUST_PROXY_HOPS: '2' }],
  ])('when X-Forwarded-For is %s, then rotating its leftmost entries does not escape the per-IP limit', async (_label, env) => {
    const p = await startTestStack({ env: { RATE_LIMIT_IP_WRITES_PER_MIN: '3', ...env } });
    try {
      // The client forges a new address each time; the proxies' own entries stay the same.
      expect(await loginsFrom(p, (i) => `203.0.113.${i}, 198.51.100.7, 10.0.0.2`)).toEqual([200, 200, 200, 429]);
    } finally {
      await p.stop();
    }
  });

  test('when one hop is trusted, then addresses the proxy appended are told apart', async () => {
    const p = await startTestStack({ env: { RATE_LIMIT_IP_WRITES_PER_MIN: '3', TRUST_PROXY: 'true', TRUST_PROXY_HOPS: '1' } });
    try {
      expect(await loginsFrom(p, (i) => `203.0.113.9, 198.51.100.${i}`)).toEqual([200, 200, 200, 200]);
    } finally {
      await p.stop();
    }
  });
});

describe('the API document', () => {
  test('when API_DOCS is off, then /api/docs is not served; outside development it is off unless asked for', async () => {
    const p = await startTestStack({ env: { API_DOCS: 'false' } });
    try {
      expect((await p.req('GET', '/api/docs')).status).toBe(404);
    } finally {
      await p.stop();
    }
    expect(loadConfig({ ...complete }).API_DOCS).toBeUndefined();
    expect(loadConfig({ ...complete, API_DOCS: 'true' }).API_DOCS).toBe(true);
  });
});

describe('read limits', () => {
  test('when one address reads too much, then 429 with Retry-After; health probes are not counted', async () => {
    const p = await startTestStack({ env: { RATE_LIMIT_IP_READS_PER_MIN: '5' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await p.req('GET', `/api/v1/qa/search?q=${encodeURIComponent(`低保${i}`)}`)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const last = await p.req('GET', '/api/v1/topics');
      expect(last.status).toBe(429);
      expect(last.body.error.code).toBe('rate_limited');
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await p.req('GET', '/healthz')).status).toBe(200);
    } finally {
      await p.stop();
    }
  });
});
