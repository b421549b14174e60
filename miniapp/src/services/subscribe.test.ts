import Taro from '@tarojs/taro';
import { ErrorCode, type SubscriptionsResponse } from '@zwgk/contracts';
import { errorBody, stubNetwork, type Reply, type SentRequest } from '../../test/network';
import { session } from '../../test/fixtures';
import { applySession, clearSession } from './sessionStore';
import { askSubscribe, preloadSubscriptions, resetSubscribeCache, templatesFor } from './subscribe';

const subscriptions = (credits = 0): SubscriptionsResponse => ({
  flows: { hotline: ['tmpl-progress', 'tmpl-closed', 'tmpl-failed', 'tmpl-extra'], consultation: ['tmpl-outcome'] },
  templates: [{ templateId: 'tmpl-progress', title: '诉求办理进度', credits }],
});

/** The BFF's subscription routes; `record` decides what the POST answers. */
function subscriptionServer(record: (req: SentRequest) => Reply = () => ({ status: 200, body: subscriptions(1) })) {
  return stubNetwork((req) => (req.method === 'GET' ? { status: 200, body: subscriptions() } : record(req)));
}

const posts = (sent: SentRequest[]) => sent.filter((r) => r.method === 'POST');
const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  resetSubscribeCache();
  Taro.removeStorageSync('zwgk.subscribe.pending');
  applySession(session());
});
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
  clearSession();
});

describe('subscribe-message consent', () => {
  it('when preloaded, then the flow’s template ids are at hand, at most 3, and read once', async () => {
    const { sent } = subscriptionServer();
    expect(templatesFor('hotline')).toEqual([]);
    await preloadSubscriptions();
    await preloadSubscriptions();
    expect(templatesFor('hotline')).toEqual(['tmpl-progress', 'tmpl-closed', 'tmpl-failed']);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ url: '/api/v1/me/subscriptions', method: 'GET' });
  });

  it('when asked in H5, then every template counts as accepted without any UI and the answer is recorded with an Idempotency-Key', async () => {
    const { sent } = subscriptionServer();
    const modal = jest.spyOn(Taro, 'showModal');
    await preloadSubscriptions();
    const results = await askSubscribe('hotline');
    expect(results).toEqual({ 'tmpl-progress': 'accept', 'tmpl-closed': 'accept', 'tmpl-failed': 'accept' });
    await flush();
    const [post] = posts(sent);
    expect(post).toMatchObject({ url: '/api/v1/me/subscriptions', data: { results } });
    expect(post.header['Idempotency-Key']).toMatch(/^[A-Za-z0-9_-]{16,128}$/);
    expect(modal).not.toHaveBeenCalled();
  });

  it('when the WeChat build asks, then requestSubscribeMessage is called at once (inside the tap) and its answers are recorded', async () => {
    const { sent } = subscriptionServer();
    await preloadSubscriptions();
    jest.spyOn(Taro, 'getEnv').mockReturnValue(Taro.ENV_TYPE.WEAPP);
    const request = jest
      .spyOn(Taro, 'requestSubscribeMessage')
      .mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-progress': 'accept', 'tmpl-closed': 'reject', 'tmpl-failed': 'ban' } as never);
    const asking = askSubscribe('hotline');
    expect(request).toHaveBeenCalledWith({ tmplIds: ['tmpl-progress', 'tmpl-closed', 'tmpl-failed'] });
    await expect(asking).resolves.toEqual({ 'tmpl-progress': 'accept', 'tmpl-closed': 'reject', 'tmpl-failed': 'ban' });
    await flush();
    expect(posts(sent)[0].data).toEqual({ results: { 'tmpl-progress': 'accept', 'tmpl-closed': 'reject', 'tmpl-failed': 'ban' } });
  });

  it('when WeChat’s dialog fails (messages switched off), then nothing is recorded and nothing throws', async () => {
    const { sent } = subscriptionServer();
    await preloadSubscriptions();
    jest.spyOn(Taro, 'getEnv').mockReturnValue(Taro.ENV_TYPE.WEAPP);
    jest.spyOn(Taro, 'requestSubscribeMessage').mockRejectedValue({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail' });
    await expect(askSubscribe('hotline')).resolves.toBeNull();
    await flush();
    expect(posts(sent)).toHaveLength(0);
  });

  it('when the templates have not been loaded yet, then nothing is asked now and they are loaded for the next tap', async () => {
    const { sent } = subscriptionServer();
    await expect(askSubscribe('hotline')).resolves.toBeNull();
    await flush();
    expect(sent.map((r) => r.method)).toEqual(['GET']);
    expect(templatesFor('hotline')).toHaveLength(3);
  });

  it('when recording gets no answer, then it is retried with the same key until it lands', async () => {
    let calls = 0;
    const { sent } = subscriptionServer(() => (++calls < 3 ? 'network-down' : { status: 200, body: subscriptions(1) }));
    await preloadSubscriptions();
    jest.useFakeTimers();
    await askSubscribe('hotline');
    await jest.advanceTimersByTimeAsync(1_000);
    await jest.advanceTimersByTimeAsync(4_000);
    const tries = posts(sent);
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((r) => r.header['Idempotency-Key'])).size).toBe(1);
    expect(Taro.getStorageSync('zwgk.subscribe.pending')).toBe('[]');
  });

  it('when the retries run out, then the answer is kept and sent again (same key) at the next preload', async () => {
    let online = false;
    const { sent } = subscriptionServer(() => (online ? { status: 200, body: subscriptions(1) } : 'network-down'));
    await preloadSubscriptions();
    jest.useFakeTimers();
    await askSubscribe('hotline');
    await jest.advanceTimersByTimeAsync(30_000);
    expect(posts(sent)).toHaveLength(4);
    jest.useRealTimers();

    online = true;
    resetSubscribeCache();
    await preloadSubscriptions();
    await flush();
    const tries = posts(sent);
    expect(tries).toHaveLength(5);
    expect(tries[4].header['Idempotency-Key']).toBe(tries[0].header['Idempotency-Key']);
    expect(JSON.parse(Taro.getStorageSync('zwgk.subscribe.pending'))).toEqual([]);
  });

  it('when the BFF refuses the answer (4xx), then it is not retried', async () => {
    const { sent } = subscriptionServer(() => ({ status: 400, body: errorBody(ErrorCode.validation, '订阅结果须包含 1–5 个模板') }));
    await preloadSubscriptions();
    jest.useFakeTimers();
    await askSubscribe('hotline');
    await jest.advanceTimersByTimeAsync(30_000);
    expect(posts(sent)).toHaveLength(1);
  });

  it('when signed out, then nothing is asked or sent', async () => {
    const { sent } = subscriptionServer();
    clearSession();
    await expect(preloadSubscriptions()).resolves.toBeNull();
    await expect(askSubscribe('hotline')).resolves.toBeNull();
    expect(sent).toHaveLength(0);
  });
});
