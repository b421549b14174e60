import { z } from 'zod';
import { UpstreamError, loginFailed, validationError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { createUpstreamHttp, type BreakerOptions, type RetryOptions, type UpstreamStats } from '../http';

/** The WeChat open API calls the BFF makes for a mini-program. */
export interface WechatClient {
  /**
   * Exchanges a `wx.login` code for the user's openid (and unionid when the app has one).
   * Not retried once the request may have reached WeChat: a code is single-use.
   * Errors: AppError login_failed (401) for an invalid, used or expired code; UpstreamError otherwise.
   */
  code2Session(code: string): Promise<{ openid: string; unionid?: string }>;
  /**
   * Exchanges a `getPhoneNumber` code for the user's phone number, using the cached
   * access token (refreshed once when WeChat says it is invalid or expired).
   * Errors: AppError validation_failed (400) for an invalid code; UpstreamError otherwise.
   */
  getPhoneNumber(code: string): Promise<{ phoneNumber: string; purePhoneNumber: string; countryCode: string }>;
  ping(): Promise<void>;
  stats(): UpstreamStats;
  close(): Promise<void>;
}

export interface WechatClientOptions {
  baseUrl: string;
  appid: string;
  secret: string;
  timeoutMs: number;
  logger: Logger;
  breaker?: Partial<BreakerOptions>;
  retry?: Partial<RetryOptions>;
}

/** WeChat error codes the adapter acts on. */
export const WechatErrcode = {
  systemBusy: -1,
  invalidCredential: 40001,
  invalidCode: 40029,
  codeUsed: 40163,
  codeBlocked: 40226,
  accessTokenExpired: 42001,
  rateLimited: 45011,
} as const;

const BAD_LOGIN_CODE = new Set<number>([WechatErrcode.invalidCode, WechatErrcode.codeUsed, WechatErrcode.codeBlocked]);
const BAD_TOKEN = new Set<number>([WechatErrcode.invalidCredential, WechatErrcode.accessTokenExpired]);

const Session = z.object({ openid: z.string().min(1), session_key: z.string().optional(), unionid: z.string().min(1).optional() });
const Token = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });
const Phone = z.object({
  phone_info: z.object({
    phoneNumber: z.string(),
    purePhoneNumber: z.string(),
    countryCode: z.union([z.string(), z.number()]).transform(String),
  }),
});

interface CachedToken {
  value: string;
  refreshAtMs: number;
}

/** Creates the WeChat adapter over HTTP (`/sns/jscode2session`, `/cgi-bin/token`, `/wxa/business/getuserphonenumber`). */
export function createWechatClient(options: WechatClientOptions): WechatClient {
  const logger = options.logger.child({ upstream: 'wechat' });
  const http = createUpstreamHttp({
    system: 'wechat',
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    logger,
    breaker: options.breaker,
    retry: options.retry,
  });

  /**
   * WeChat answers errors with HTTP 200 and `{errcode, errmsg}`. "System busy" is WeChat
   * failing (counts against the breaker); everything else is an answer about our request.
   */
  function errcodeOf(json: unknown): { code: number; msg: string } | null {
    const j = json as { errcode?: unknown; errmsg?: unknown } | null;
    if (!j || typeof j !== 'object' || typeof j.errcode !== 'number' || j.errcode === 0) return null;
    return { code: j.errcode, msg: typeof j.errmsg === 'string' ? j.errmsg : '' };
  }
  function wechatError(op: string, e: { code: number; msg: string }): UpstreamError {
    const kind = e.code === WechatErrcode.systemBusy ? 'http' : 'rejected';
    return new UpstreamError('wechat', kind, `${op}: errcode ${e.code} ${e.msg}`, 200, e.code);
  }

  let cached: CachedToken | null = null;
  let refreshing: Promise<CachedToken> | null = null;

  /** The current access token; concurrent callers share one refresh. */
  function accessToken(): Promise<CachedToken> {
    if (cached && Date.now() < cached.refreshAtMs) return Promise.resolve(cached);
    refreshing ??= fetchToken().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  async function fetchToken(): Promise<CachedToken> {
    const { data } = await http.request({
      path: '/cgi-bin/token',
      query: { grant_type: 'client_credential', appid: options.appid, secret: options.secret },
      schema: Token,
      op: 'wechat.token',
      inspect: (json) => {
        const e = errcodeOf(json);
        if (e) {
          // A bad appid/secret is a deployment problem, not the citizen's.
          if (e.code !== WechatErrcode.systemBusy) logger.error({ errcode: e.code, errmsg: e.msg }, 'wechat refused to issue an access token');
          throw wechatError('token', e);
        }
      },
    });
    const lifetimeMs = data.expires_in * 1000;
    // Renew ahead of expiry (5 min for WeChat's 2 h tokens) so no call races the deadline.
    const token = { value: data.access_token, refreshAtMs: Date.now() + lifetimeMs - Math.min(300_000, lifetimeMs / 5) };
    cached = token;
    return token;
  }

  async function phoneWith(token: CachedToken, code: string) {
    const { data } = await http.request({
      method: 'POST',
      path: '/wxa/business/getuserphonenumber',
      query: { access_token: token.value },
      body: { code },
      schema: Phone,
      // The phone code is single-use; only a connection that never opened is retried.
      idempotent: false,
      op: 'wechat.getPhoneNumber',
      inspect: (json) => {
        const e = errcodeOf(json);
        if (!e) return;
        if (e.code === WechatErrcode.invalidCode) {
          throw validationError([{ field: 'code', message: '手机号授权凭证无效或已过期，请重新授权' }]);
        }
        throw wechatError('getuserphonenumber', e);
      },
    });
    return data.phone_info;
  }

  return {
    async code2Session(code) {
      const { data } = await http.request({
        path: '/sns/jscode2session',
        query: { appid: options.appid, secret: options.secret, js_code: code, grant_type: 'authorization_code' },
        schema: Session,
        idempotent: false,
        op: 'wechat.code2Session',
        inspect: (json) => {
          const e = errcodeOf(json);
          if (!e) return;
          if (BAD_LOGIN_CODE.has(e.code)) throw loginFailed('登录凭证无效或已过期，请重新登录');
          if (e.code !== WechatErrcode.systemBusy && e.code !== WechatErrcode.rateLimited) {
            logger.error({ errcode: e.code, errmsg: e.msg }, 'wechat refused jscode2session');
          }
          throw wechatError('jscode2session', e);
        },
      });
      return data.unionid ? { openid: data.openid, unionid: data.unionid } : { openid: data.openid };
    },

    async getPhoneNumber(code) {
      const token = await accessToken();
      try {
        return await phoneWith(token, code);
      } catch (err) {
        if (!(err instanceof UpstreamError && BAD_TOKEN.has(Number(err.upstreamCode)))) throw err;
        // Another instance may have renewed the token (WeChat invalidates the old one then).
        // Drop ours only if nobody replaced it meanwhile, so concurrent failures refresh once.
        if (cached === token) cached = null;
        logger.info({ errcode: err.upstreamCode }, 'wechat access token rejected, refreshing once');
        return phoneWith(await accessToken(), code);
      }
    },

    ping: () => http.ping('/healthz'),
    stats: () => http.stats(),
    close: () => http.close(),
  };
}
