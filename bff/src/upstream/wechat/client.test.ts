import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { spawnSim, type RunningSim } from '@zwgk/upstream-sim';
import { AppError, UpstreamError } from '../../core/errors';
import { createWechatClient, type WechatClient, type WechatClientOptions } from './client';

const logger = pino({ level: 'silent' });
const APPID = 'wx-test-appid';
const SECRET = 'wx-test-secret';

let sim: RunningSim;
const clients: WechatClient[] = [];

function client(over: Partial<WechatClientOptions> = {}): WechatClient {
  const c = createWechatClient({
    baseUrl: sim.url,
    appid: APPID,
    secret: SECRET,
    timeoutMs: 300,
    logger,
    breaker: { volumeThreshold: 3, resetTimeoutMs: 300 },
    retry: { baseDelayMs: 10, maxDelayMs: 40 },
    ...over,
  });
  clients.push(c);
  return c;
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail');
}

const tokenCount = async () => (await sim.state<{ tokens: unknown[] }>()).tokens.length;
const expireTokens = async () => {
  const res = await fetch(`${sim.url}/__sim/expire-tokens`, { method: 'POST' });
  expect(res.status).toBe(200);
};

beforeAll(async () => {
  sim = await spawnSim('wechat', { WECHAT_SIM_APPID: APPID, WECHAT_SIM_SECRET: SECRET });
});

afterEach(async () => {
  await sim.setFaults({ mode: 'ok' });
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await sim?.stop();
});

describe('wechat client against the simulator', () => {
  it('when a login code is exchanged, then the openid and unionid come back and nothing else', async () => {
    const session = await client().code2Session('sim-alice');
    expect(session).toEqual({ openid: expect.stringMatching(/^o.{27}$/), unionid: expect.any(String) });
    expect(await client().code2Session('sim-alice')).toEqual(session);
  });

  it('when the login code is invalid, then login fails with 401 login_failed', async () => {
    const err = await failure(client().code2Session('not-a-sim-code'));
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 401, code: 'login_failed', message: '登录凭证无效或已过期，请重新登录' });
  });

  it('when the app credentials are wrong, then the call fails with rejected carrying the errcode', async () => {
    const err = await failure(client({ secret: 'wrong' }).code2Session('sim-alice'));
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({ kind: 'rejected', upstreamCode: 40125 });
    expect(err.message).not.toContain('wrong');
  });

  it('when code2session meets a 503 or a dropped connection, then it is not retried (the code may be spent)', async () => {
    const c = client({ breaker: { volumeThreshold: 100 } });
    await sim.setFaults({ mode: 'error', times: 5 });
    expect(await failure(c.code2Session('sim-alice'))).toMatchObject({ kind: 'http', status: 503 });
    expect((await sim.state()).faults.remaining).toBe(4);

    await sim.setFaults({ mode: 'down', times: 5 });
    expect(await failure(c.code2Session('sim-alice'))).toMatchObject({ kind: 'unreachable' });
    expect((await sim.state()).faults.remaining).toBe(4);
  });

  it('when a phone code is exchanged, then the number comes back and the access token is reused', async () => {
    const c = client();
    const before = await tokenCount();
    const phone = await c.getPhoneNumber('sim-bob');
    expect(phone).toEqual({ phoneNumber: expect.stringMatching(/^13\d{9}$/), purePhoneNumber: phone.phoneNumber, countryCode: '86' });
    await c.getPhoneNumber('sim-carol');
    expect(await tokenCount()).toBe(before + 1);
  });

  it('when the access token has expired at WeChat, then it is refreshed once and the call succeeds', async () => {
    const c = client();
    await c.getPhoneNumber('sim-bob');
    const before = await tokenCount();
    await expireTokens();
    // Concurrent callers hitting the expired token share a single refresh.
    const phones = await Promise.all(['sim-d1', 'sim-d2', 'sim-d3', 'sim-d4'].map((code) => c.getPhoneNumber(code)));
    expect(phones).toHaveLength(4);
    expect(await tokenCount()).toBe(before + 1);
  });

  it('when the phone code is invalid, then the call fails with 400 validation_failed', async () => {
    const err = await failure(client().getPhoneNumber('bogus'));
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('when WeChat is slower than the timeout, then the call fails with timeout within bounds', async () => {
    await sim.setFaults({ mode: 'slow', latencyMs: 2000 });
    const started = Date.now();
    expect(await failure(client({ timeoutMs: 250 }).code2Session('sim-alice'))).toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(Date.now() - started).toBeLessThan(600);
  });

  it('when WeChat drops connections, then the token fetch fails with unreachable', async () => {
    await sim.setFaults({ mode: 'down' });
    expect(await failure(client().getPhoneNumber('sim-bob'))).toMatchObject({ kind: 'unreachable' });
  });

  it('when the token endpoint answers 503 once, then the token fetch is retried and the call succeeds', async () => {
    await sim.setFaults({ mode: 'error', times: 1 });
    await expect(client().getPhoneNumber('sim-bob')).resolves.toMatchObject({ countryCode: '86' });
  });

  it('when failures repeat, then the breaker opens, short-circuits, and closes after recovery', async () => {
    const c = client({ retry: { retries: 0 } });
    await sim.setFaults({ mode: 'error', times: 1000 });
    for (let i = 0; i < 3; i++) expect(await failure(c.code2Session('sim-alice'))).toMatchObject({ kind: 'http' });
    expect(c.stats().state).toBe('open');
    const before = (await sim.state()).faults.remaining;
    expect(await failure(c.code2Session('sim-alice'))).toMatchObject({ kind: 'circuit_open' });
    expect((await sim.state()).faults.remaining).toBe(before);

    await sim.setFaults({ mode: 'ok' });
    await new Promise((r) => setTimeout(r, 350));
    expect((await c.code2Session('sim-alice')).openid).toMatch(/^o/);
    expect(c.stats().state).toBe('closed');
  });

  it('when invalid login codes repeat, then the breaker stays closed (WeChat answered)', async () => {
    const c = client();
    for (let i = 0; i < 6; i++) await failure(c.code2Session('bogus'));
    expect(c.stats().state).toBe('closed');
  });
});

describe('wechat client when the connection cannot be opened', () => {
  it('when nothing listens yet, then code2session is retried and reaches WeChat once it is up', async () => {
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));

    let hits = 0;
    const late = http.createServer((_req, res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ openid: 'o-late', session_key: 'k' }));
    });
    // Connection refused on the first attempt; the retry after 100-200 ms finds the server.
    const timer = setTimeout(() => late.listen(port, '127.0.0.1'), 30);
    const c = createWechatClient({
      baseUrl: `http://127.0.0.1:${port}`,
      appid: APPID,
      secret: SECRET,
      timeoutMs: 1000,
      logger,
      retry: { baseDelayMs: 200, maxDelayMs: 200 },
    });
    try {
      expect(await c.code2Session('sim-x')).toEqual({ openid: 'o-late' });
      expect(hits).toBe(1);
    } finally {
      clearTimeout(timer);
      await c.close();
      if (late.listening) {
        late.closeAllConnections();
        await new Promise((r) => late.close(r));
      }
    }
  });
});
