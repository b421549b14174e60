import Taro from '@tarojs/taro';
import { api, ErrorCode } from '@zwgk/contracts';
import { z } from 'zod';
import { call } from './client';
import { ApiError } from './errors';
import { applySession, clearSession, currentAccessToken, getSessionState } from './sessionStore';
import { errorBody, stubNetwork, type SentRequest } from '../../test/network';
import { homeFeed } from '@/features/home/testing/fixtures';
import { session } from '../../test/fixtures';

afterEach(() => {
  jest.restoreAllMocks();
  clearSession();
});

function bearer(req: SentRequest) {
  return req.header.Authorization ?? null;
}

describe('error mapping', () => {
  it('when the server answers an error body, then ApiError carries its code, Chinese message and details', async () => {
    stubNetwork(() => ({ status: 429, body: errorBody(ErrorCode.rateLimited, '操作太频繁，请稍后再试', { retryAfter: 30 }) }));
    const error = await call(api.home).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, message: '操作太频繁，请稍后再试', details: { retryAfter: 30 } });
  });

  it('when a 5xx has no error body, then the message is a generic Chinese one with the status', async () => {
    stubNetwork(() => ({ status: 502, body: '<html>Bad Gateway</html>' }));
    await expect(call(api.home)).rejects.toMatchObject({ code: 'http_error', status: 502, message: '服务暂时不可用（502），请稍后再试' });
  });

  it('when the network is down, then the error is network_error with status 0', async () => {
    stubNetwork(() => 'network-down');
    await expect(call(api.home)).rejects.toMatchObject({ code: 'network_error', status: 0, message: '网络连接失败，请检查网络后重试' });
  });

  it('when a 200 body breaks the contract, then the error is bad_response', async () => {
    stubNetwork(() => ({ status: 200, body: { generatedAt: 'x' } }));
    await expect(call(api.home)).rejects.toMatchObject({ code: 'bad_response', status: 200 });
  });

  it('when the request body breaks the contract, then nothing is sent and the contract message is used', async () => {
    const { sent } = stubNetwork(() => ({ status: 200, body: {} }));
    await expect(call(api.wechatLogin, { body: { code: '   ' } })).rejects.toMatchObject({
      code: 'validation_failed',
      message: '登录凭证 code 不能为空',
    });
    expect(sent).toHaveLength(0);
  });

  it('when the answer is valid, then it is parsed and sent to the route path with the right method', async () => {
    const { sent } = stubNetwork(() => ({ status: 200, body: homeFeed() }));
    const home = await call(api.home);
    expect(home.interpretations.items[0].title).toContain('营商环境');
    expect(sent[0]).toMatchObject({ url: '/api/v1/home', method: 'GET' });
    expect(bearer(sent[0])).toBeNull();
  });

  it('when a route answers 204, then call resolves to undefined', async () => {
    applySession(session());
    const { sent } = stubNetwork(() => ({ status: 204 }));
    await expect(call(api.logout, { body: { refreshToken: 'refresh-1' } })).resolves.toBeUndefined();
    expect(sent[0]).toMatchObject({ method: 'POST', data: { refreshToken: 'refresh-1' } });
    expect(bearer(sent[0])).toBe('Bearer access-1');
  });
});

describe('path parameters', () => {
  beforeEach(() => applySession(session()));

  it('when a route has {name} parameters, then their values are put in the path, URL-encoded', async () => {
    const { sent } = stubNetwork(() => ({ status: 200, body: { item: null } }));
    await call(api.qa, { params: { id: 'qa_1-x' } }).catch(() => undefined);
    await call(api.hotlineTicket, { params: { trackingNo: 'RX-20261125-7KQ2MZ' } }).catch(() => undefined);
    expect(sent.map((r) => r.url)).toEqual(['/api/v1/qas/qa_1-x', '/api/v1/hotline/tickets/RX-20261125-7KQ2MZ']);
  });

  it('when a value has characters that mean something in a URL, then they are encoded, not interpreted', async () => {
    // A route whose schema lets anything through, so that only the encoding is tested.
    const route = { ...api.qa, params: z.object({ id: z.string() }) };
    const { sent } = stubNetwork(() => ({ status: 200, body: {} }));
    await call(route, { params: { id: '../me?x=1#frag 问' } }).catch(() => undefined);
    expect(sent[0].url).toBe('/api/v1/qas/..%2Fme%3Fx%3D1%23frag%20%E9%97%AE');
  });

  it('when a parameter is missing or empty, then nothing is sent and the error names it', async () => {
    const { sent } = stubNetwork(() => ({ status: 200, body: {} }));
    const missing = { params: {} } as unknown as Parameters<typeof call<typeof api.hotlineTicket>>[1];
    await expect(call(api.hotlineTicket, missing)).rejects.toMatchObject({
      code: 'validation_failed',
      status: 400,
      message: '链接缺少必要的编号，请返回后重新打开',
      details: [{ field: 'trackingNo', message: '链接缺少必要的编号，请返回后重新打开' }],
    });
    await expect(call(api.hotlineRate, { params: { trackingNo: '' }, body: { rating: 'satisfied' } })).rejects.toMatchObject({ code: 'validation_failed' });
    expect(sent).toHaveLength(0);
  });

  it('when a value breaks the route’s params schema, then nothing is sent and the contract message is used', async () => {
    const { sent } = stubNetwork(() => ({ status: 200, body: {} }));
    await expect(call(api.hotlineTicket, { params: { trackingNo: 'RX-1/../../me' } })).rejects.toMatchObject({
      code: 'validation_failed',
      message: '诉求编号格式不正确',
      details: [{ field: 'trackingNo', message: '诉求编号格式不正确' }],
    });
    expect(sent).toHaveLength(0);
  });

  it('when a route has no path parameters, then its path is used as it is and options stay optional', async () => {
    const { sent } = stubNetwork(() => ({ status: 200, body: homeFeed() }));
    await call(api.home);
    expect(sent[0].url).toBe('/api/v1/home');
  });

  it('when the params are typed, then a route with parameters cannot be called without them', () => {
    // Compile-time checks (tsc runs over the tests): each line must be a type error.
    const typeChecks = () => {
      // @ts-expect-error params are required for a route with {trackingNo}
      void call(api.hotlineTicket);
      // @ts-expect-error the parameter is trackingNo, not id
      void call(api.hotlineTicket, { params: { id: 'x' } });
    };
    expect(typeof typeChecks).toBe('function');
  });
});

describe('query', () => {
  it('when a query field is undefined, then it is left out rather than sent as "undefined"', async () => {
    const { sent } = stubNetwork(() => ({ status: 200, body: {} }));
    await call(api.qaList, { query: { topic: undefined, sort: 'popular', page: 1 } }).catch(() => undefined);
    expect(sent[0].data).toEqual({ sort: 'popular', page: 1 });
  });
});

describe('token refresh', () => {
  const expired = { status: 401, body: errorBody(ErrorCode.tokenExpired, '登录已过期') };

  it('when concurrent requests meet an expired token, then one refresh serves them all and each retries with the new token', async () => {
    applySession(session({ accessToken: 'old', refreshToken: 'r-old' }));
    let releaseRefresh: () => void = () => undefined;
    const refreshGate = new Promise<void>((resolve) => {
      releaseRefresh = resolve;
    });
    const { sent } = stubNetwork(async (req) => {
      if (req.url.endsWith('/auth/refresh')) {
        await refreshGate;
        return { status: 200, body: session({ accessToken: 'new', refreshToken: 'r-new' }) };
      }
      if (bearer(req) === 'Bearer old') return expired;
      return { status: 200, body: { user: session().user } };
    });

    const calls = [call(api.me), call(api.me), call(api.me)];
    // Let all three fail with 401 and queue behind the single refresh.
    await new Promise((r) => setTimeout(r, 10));
    releaseRefresh();
    const results = await Promise.all(calls);

    expect(results).toHaveLength(3);
    const refreshes = sent.filter((r) => r.url.endsWith('/auth/refresh'));
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0].data).toEqual({ refreshToken: 'r-old' });
    expect(bearer(refreshes[0])).toBeNull();
    const retries = sent.filter((r) => r.url.endsWith('/me') && bearer(r) === 'Bearer new');
    expect(retries).toHaveLength(3);
    expect(currentAccessToken()).toBe('new');
    expect(JSON.parse(Taro.getStorageSync('zwgk.session')).refreshToken).toBe('r-new');
  });

  it('when the refresh is refused, then the session is cleared and the caller gets a Chinese 登录已过期 error', async () => {
    applySession(session({ accessToken: 'old' }));
    const { sent } = stubNetwork((req) =>
      req.url.endsWith('/auth/refresh') ? { status: 401, body: errorBody(ErrorCode.tokenRevoked, '会话已失效') } : expired,
    );
    await expect(call(api.me)).rejects.toMatchObject({ code: 'unauthenticated', status: 401, message: '登录已过期，请重新登录' });
    expect(getSessionState().status).toBe('anonymous');
    expect(Taro.getStorageSync('zwgk.session')).toBeFalsy();
    expect(sent.filter((r) => r.url.endsWith('/me'))).toHaveLength(1);
  });

  it('when the retried request is still expired, then it is not refreshed again', async () => {
    applySession(session({ accessToken: 'old' }));
    const { sent } = stubNetwork((req) =>
      req.url.endsWith('/auth/refresh') ? { status: 200, body: session({ accessToken: 'new' }) } : expired,
    );
    await expect(call(api.me)).rejects.toMatchObject({ code: 'token_expired' });
    expect(sent.filter((r) => r.url.endsWith('/auth/refresh'))).toHaveLength(1);
    expect(sent.filter((r) => r.url.endsWith('/me'))).toHaveLength(2);
  });

  it('when the refresh fails for the network, then the session is kept', async () => {
    applySession(session({ accessToken: 'old' }));
    stubNetwork((req) => (req.url.endsWith('/auth/refresh') ? 'network-down' : expired));
    await expect(call(api.me)).rejects.toMatchObject({ code: 'network_error' });
    expect(getSessionState().status).toBe('authenticated');
  });

  it('when the refresh is rate limited, then the session is kept and the caller sees the limit', async () => {
    applySession(session({ accessToken: 'old' }));
    stubNetwork((req) =>
      req.url.endsWith('/auth/refresh') ? { status: 429, body: errorBody(ErrorCode.rateLimited, '操作太频繁，请 30 秒后再试') } : expired,
    );
    await expect(call(api.me)).rejects.toMatchObject({ code: 'rate_limited', status: 429 });
    expect(getSessionState().status).toBe('authenticated');
    expect(JSON.parse(Taro.getStorageSync('zwgk.session')).refreshToken).toBeTruthy();
  });

  it('when an optional-auth route cannot refresh, then it is retried without a token', async () => {
    applySession(session({ accessToken: 'old' }));
    const { sent } = stubNetwork((req) => {
      if (req.url.endsWith('/auth/refresh')) return { status: 401, body: errorBody(ErrorCode.tokenRevoked, '会话已失效') };
      return bearer(req) ? expired : { status: 200, body: homeFeed() };
    });
    const home = await call(api.home);
    expect(home.consultations.items).toHaveLength(1);
    expect(bearer(sent[sent.length - 1])).toBeNull();
  });

  it('when the token is revoked, then the session is cleared without trying to refresh', async () => {
    applySession(session());
    const { sent } = stubNetwork(() => ({ status: 401, body: errorBody(ErrorCode.tokenRevoked, '登录状态已失效，请重新登录') }));
    await expect(call(api.me)).rejects.toMatchObject({ code: 'token_revoked', message: '登录状态已失效，请重新登录' });
    expect(sent).toHaveLength(1);
    expect(getSessionState().status).toBe('anonymous');
  });
});
