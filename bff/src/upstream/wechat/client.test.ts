import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { openidFor, spawnSim, type RunningSim } from '@zwgk/upstream-sim';
import { AppError, UpstreamError } from '../../core/errors';
import {
  WechatSendError,
  checkTemplateData,
  createWechatClient,
  type SubscribeMessage,
  type WechatClient,
  type WechatClientOptions,
  type WechatFieldType,
} from './client';

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

describe('wechat client sending subscribe messages', () => {
  const CASE = 'sim-tmpl-case-progress';
  const alice = openidFor('alice');
  const message = (over: Partial<SubscribeMessage> = {}): SubscribeMessage => ({
    touser: alice,
    templateId: CASE,
    page: 'pages/hotline/detail?no=12345-20261125-000001',
    data: {
      character_string1: '12345-20261125-000001',
      thing2: '小区夜间施工噪音扰民',
      phrase3: '办理中',
      time4: '2026-12-01 15:01',
      thing5: '已派单至市生态环境局',
    },
    ...over,
  });
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sim.url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    expect(res.status).toBe(200);
    return res.json() as Promise<any>;
  };
  const forceErrcode = (errcode: number | null, times?: number) =>
    control('PUT', '/__sim/send-errcode', errcode === null ? { errcode } : { errcode, times });
  const sendState = () => sim.state<{ messages: any[]; refused: Record<string, number> }>();

  afterEach(async () => {
    await forceErrcode(null);
    await control('PUT', '/__sim/subscriptions/mode', { autoCredit: true });
    await control('DELETE', '/__sim/subscriptions');
    await control('DELETE', '/__sim/messages');
  });

  it('when a message is sent, then the msgid comes back as a string and WeChat holds the message as sent', async () => {
    const c = client();
    const { msgid } = await c.sendSubscribeMessage(message({ miniprogramState: 'trial', lang: 'zh_CN' }));
    expect(msgid).toMatch(/^\d+$/);
    const { messages } = await sendState();
    expect(messages).toEqual([
      {
        msgid: Number(msgid),
        touser: alice,
        template_id: CASE,
        page: 'pages/hotline/detail?no=12345-20261125-000001',
        data: {
          character_string1: { value: '12345-20261125-000001' },
          thing2: { value: '小区夜间施工噪音扰民' },
          phrase3: { value: '办理中' },
          time4: { value: '2026-12-01 15:01' },
          thing5: { value: '已派单至市生态环境局' },
        },
        miniprogram_state: 'trial',
        lang: 'zh_CN',
        at: expect.any(String),
      },
    ]);
    // Optional fields left out are not sent (WeChat fills in its defaults); the token is reused.
    const before = await tokenCount();
    await c.sendSubscribeMessage(message({ page: undefined }));
    expect((await sendState()).messages[1]).toMatchObject({ page: null, miniprogram_state: 'formal' });
    expect(await tokenCount()).toBe(before);
  });

  it('when WeChat refuses the message, then WechatSendError of the matching kind, sent once, and the breaker stays closed', async () => {
    const c = client();
    await control('PUT', '/__sim/subscriptions/mode', { autoCredit: false });
    const cases: Array<[SubscribeMessage, string, number]> = [
      [message(), 'no_credit', 43101],
      [message({ data: { ...message().data, phrase3: 'processing' } }), 'bad_data', 47003],
      [message({ templateId: 'sim-tmpl-unknown' }), 'bad_template', 40037],
      [message({ touser: 'not-an-openid' }), 'bad_openid', 40003],
    ];
    for (const [msg, kind, errcode] of cases) {
      const err = await failure(c.sendSubscribeMessage(msg));
      expect(err).toBeInstanceOf(WechatSendError);
      expect(err).toMatchObject({ kind, errcode, errmsg: expect.any(String) });
    }
    await forceErrcode(45009, 1);
    expect(await failure(c.sendSubscribeMessage(message()))).toMatchObject({ name: 'WechatSendError', kind: 'other', errcode: 45009 });

    const state = await sendState();
    expect(state.refused).toEqual({ 43101: 1, 47003: 1, 40037: 1, 40003: 1, 45009: 1 });
    expect(state.messages).toEqual([]);
    expect(c.stats().state).toBe('closed');
  });

  it('when the citizen granted credit, then each send spends one and the next is no_credit', async () => {
    const c = client();
    await control('PUT', '/__sim/subscriptions/mode', { autoCredit: false });
    await control('POST', '/__sim/subscriptions', { openid: alice, templateId: CASE, count: 1 });
    await expect(c.sendSubscribeMessage(message())).resolves.toEqual({ msgid: expect.any(String) });
    expect(await failure(c.sendSubscribeMessage(message()))).toMatchObject({ kind: 'no_credit' });
  });

  it('when the access token has expired (42001), then it is refreshed once and the message is delivered once', async () => {
    const c = client();
    await c.sendSubscribeMessage(message());
    const before = await tokenCount();
    await expireTokens();
    // Concurrent sends hitting the expired token share one refresh.
    const results = await Promise.all([1, 2, 3].map(() => c.sendSubscribeMessage(message())));
    expect(new Set(results.map((r) => r.msgid)).size).toBe(3);
    expect(await tokenCount()).toBe(before + 1);
    const state = await sendState();
    expect(state.messages).toHaveLength(4);
    expect(state.refused).toEqual({ 42001: 3 });
  });

  it('when WeChat says the token is invalid (40001), then it is refreshed once; a second 40001 is not retried again', async () => {
    const c = client();
    await c.sendSubscribeMessage(message());
    const before = await tokenCount();
    await forceErrcode(40001, 1);
    await expect(c.sendSubscribeMessage(message())).resolves.toEqual({ msgid: expect.any(String) });
    expect(await tokenCount()).toBe(before + 1);

    await forceErrcode(40001, 5);
    expect(await failure(c.sendSubscribeMessage(message()))).toMatchObject({ name: 'WechatSendError', kind: 'other', errcode: 40001 });
    expect(await tokenCount()).toBe(before + 2);
    expect((await sendState()).refused).toEqual({ 40001: 3 });
  });

  it('when WeChat is failing (503, dropped connection, -1 busy, slow), then UpstreamError and the send is not repeated', async () => {
    const c = client({ breaker: { volumeThreshold: 100 } });
    await c.sendSubscribeMessage(message()); // the token is cached: the faults below hit the send itself

    await sim.setFaults({ mode: 'error', times: 5 });
    const http = await failure(c.sendSubscribeMessage(message()));
    expect(http).toBeInstanceOf(UpstreamError);
    expect(http).toMatchObject({ kind: 'http', status: 503 });
    expect((await sim.state()).faults.remaining).toBe(4);

    await sim.setFaults({ mode: 'down', times: 5 });
    expect(await failure(c.sendSubscribeMessage(message()))).toMatchObject({ name: 'UpstreamError', kind: 'unreachable' });
    expect((await sim.state()).faults.remaining).toBe(4);
    await sim.setFaults({ mode: 'ok' });

    await forceErrcode(-1, 5);
    expect(await failure(c.sendSubscribeMessage(message()))).toMatchObject({ name: 'UpstreamError', kind: 'http', upstreamCode: -1 });
    expect((await sendState()).refused).toEqual({ '-1': 1 });
    await forceErrcode(null);

    await sim.setFaults({ mode: 'slow', latencyMs: 1000, times: 5 });
    expect(await failure(c.sendSubscribeMessage(message()))).toMatchObject({ name: 'UpstreamError', kind: 'timeout' });
    expect((await sim.state()).faults.remaining).toBe(4);
  });

  it('when WeChat keeps answering -1, then the breaker opens and sends fail fast with circuit_open', async () => {
    const c = client({ retry: { retries: 0 } });
    await c.sendSubscribeMessage(message());
    await forceErrcode(-1);
    for (let i = 0; i < 3; i++) {
      expect(await failure(c.sendSubscribeMessage(message()))).toMatchObject({ kind: 'http', upstreamCode: -1 });
    }
    expect(c.stats().state).toBe('open');
    expect(await failure(c.sendSubscribeMessage(message()))).toMatchObject({ name: 'UpstreamError', kind: 'circuit_open' });
    expect((await sendState()).refused).toEqual({ '-1': 3 });
  });
});

describe('wechat client when WeChat no longer knows its token', () => {
  it('when the simulator restarts on the same port, then the 40001 is answered by one refresh and the message is sent', async () => {
    const own = await spawnSim('wechat');
    const port = new URL(own.url).port;
    const c = createWechatClient({ baseUrl: own.url, appid: APPID, secret: SECRET, timeoutMs: 1000, logger });
    const msg: SubscribeMessage = {
      touser: openidFor('restart'),
      templateId: 'sim-tmpl-comment-outcome',
      data: { thing1: '老旧小区改造方案', phrase2: '已采纳', thing3: '感谢您的宝贵意见', time4: '2026年12月01日 10:00' },
    };
    let again: RunningSim | undefined;
    try {
      await c.sendSubscribeMessage(msg);
      await own.stop();
      again = await spawnSim('wechat', { WECHAT_SIM_PORT: port });
      await expect(c.sendSubscribeMessage(msg)).resolves.toEqual({ msgid: expect.any(String) });
      const state = await again.state();
      expect(state.refused).toEqual({ 40001: 1 });
      expect(state.tokens).toHaveLength(1);
      expect(state.messages).toHaveLength(1);
    } finally {
      await c.close();
      await own.stop();
      await again?.stop();
    }
  });
});

describe('checkTemplateData', () => {
  const fields: Record<string, WechatFieldType> = {
    character_string1: 'character_string',
    thing2: 'thing',
    phrase3: 'phrase',
    time4: 'time',
    thing5: 'thing',
  };
  const data = {
    character_string1: '12345-20261125-000001',
    thing2: '小区夜间施工噪音扰民',
    phrase3: '办理中',
    time4: '2026-12-01 15:01',
    thing5: '已派单',
  };
  const single = (type: WechatFieldType, value: string) => checkTemplateData({ [`${type}1`]: type }, { [`${type}1`]: value });

  it('when the data fits the template, then ok with the data unchanged', () => {
    expect(checkTemplateData(fields, data)).toEqual({ ok: true, data, truncated: [] });
  });

  it('when a thing is longer than 20 characters, then it is cut to 19 + … and listed as truncated', () => {
    const long = '关于小区夜间施工噪音严重扰民问题的投诉反映';
    expect([...long].length).toBeGreaterThan(20);
    const result = checkTemplateData(fields, { ...data, thing2: long, thing5: '一'.repeat(20) });
    expect(result).toEqual({
      ok: true,
      data: { ...data, thing2: `${[...long].slice(0, 19).join('')}…`, thing5: '一'.repeat(20) },
      truncated: ['thing2'],
    });
    if (result.ok) expect([...result.data.thing2]).toHaveLength(20);
    // Characters outside the BMP count as one.
    const rare = checkTemplateData({ thing1: 'thing' }, { thing1: '𠀀'.repeat(25) });
    expect(rare).toMatchObject({ ok: true, data: { thing1: `${'𠀀'.repeat(19)}…` } });
  });

  it('when keys are missing, unknown or empty, then every problem is listed', () => {
    const { thing5: _omit, ...rest } = data;
    const result = checkTemplateData(fields, { ...rest, thing9: 'x', thing2: '  ' });
    expect(result).toEqual({ ok: false, problems: ['thing9: not a field of the template', 'thing2: empty', 'thing5: missing'] });
  });

  it('when a field has a type the checker does not know, then it fails instead of passing unchecked', () => {
    const fields = { amount1: 'amount' } as unknown as Record<string, WechatFieldType>;
    expect(checkTemplateData(fields, { amount1: '¥12' })).toEqual({ ok: false, problems: ['amount1: unsupported field type "amount"'] });
  });

  it.each<[WechatFieldType, string]>([
    ['phrase', '已办结'],
    ['phrase', '五个汉字啊'],
    ['time', '2026-12-01 15:01'],
    ['time', '2026年12月01日 15:01'],
    ['time', '2026年2月1日 9:05:30'],
    ['time', '15:01'],
    ['time', '2026-12-01 15:01~2026-12-01 17:00'],
    ['date', '2026-12-01'],
    ['date', '2026年12月01日'],
    ['date', '2026-12-01 15:01'],
    ['date', '2028-02-29'],
    ['character_string', 'A'.repeat(32)],
    ['character_string', 'No.12-3#(a)'],
    ['number', '1'.repeat(32)],
    ['number', '3.14'],
    ['name', '张三'],
    ['name', '买买提·艾力'],
    ['name', 'Li Lei'],
    ['name', 'A'.repeat(20)],
  ])('when a %s is %p, then it is accepted', (type, value) => {
    expect(single(type, value)).toEqual({ ok: true, data: { [`${type}1`]: value }, truncated: [] });
  });

  it.each<[WechatFieldType, string]>([
    ['phrase', '六个汉字啊啊'],
    ['phrase', 'done'],
    ['phrase', '已办结!'],
    ['time', '2026-12-01'],
    ['time', '2026-13-01 15:01'],
    ['time', '2026-02-30 15:01'],
    ['time', '2026-12-01 24:00'],
    ['time', '15:60'],
    ['time', '2026/12/01 15:01'],
    ['time', '明天下午'],
    ['date', '15:01'],
    ['date', '2026-02-29'],
    ['character_string', 'A'.repeat(33)],
    ['character_string', '含中文'],
    ['character_string', 'with space'],
    ['number', '1'.repeat(33)],
    ['number', '-1'],
    ['number', '1e5'],
    ['number', '1.2.3'],
    ['name', '欧阳'.repeat(6)],
    ['name', 'A'.repeat(21)],
    ['name', '张3'],
  ])('when a %s is %p, then it fails naming the key and the type', (type, value) => {
    const result = single(type, value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([expect.stringMatching(new RegExp(`^${type}1: ${type} must`))]);
  });

  it('when the checked data is sent to the simulator, then WeChat accepts it (the two rule sets agree)', async () => {
    const c = client();
    const long = checkTemplateData(fields, { ...data, thing2: '关于小区夜间施工噪音严重扰民问题的投诉反映' });
    expect(long.ok).toBe(true);
    if (!long.ok) return;
    const sent = c.sendSubscribeMessage({ touser: openidFor('agree'), templateId: 'sim-tmpl-case-progress', data: long.data });
    await expect(sent).resolves.toEqual({ msgid: expect.any(String) });
  });
});
