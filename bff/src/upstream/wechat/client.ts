import { z } from 'zod';
import { UpstreamError, loginFailed, validationError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { createUpstreamHttp, type BreakerOptions, type RetryOptions, type UpstreamStats } from '../http';

export { checkTemplateData, type TemplateDataCheck, type WechatFieldType } from './template-data';

/** One subscribe message; `data` maps each template keyword (e.g. `thing2`) to its value. */
export interface SubscribeMessage {
  touser: string;
  templateId: string;
  /** Mini-program page the notice opens, e.g. `pages/hotline/detail?no=...`. */
  page?: string;
  data: Record<string, string>;
  /** Which build the notice opens (WeChat's default: formal). */
  miniprogramState?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN' | 'zh_TW' | 'en_US';
}

export type WechatSendErrorKind = 'no_credit' | 'bad_data' | 'bad_template' | 'bad_openid' | 'other';

/**
 * WeChat answered a subscribe send with an errcode about the message itself. Sending the
 * same message again would get the same answer: do not retry it.
 */
export class WechatSendError extends Error {
  constructor(
    readonly kind: WechatSendErrorKind,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`wechat subscribe/send refused (${kind}): errcode ${errcode} ${errmsg}`);
    this.name = 'WechatSendError';
  }
}

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
  /**
   * Sends one subscribe message. Resolves with WeChat's msgid.
   * Errors: WechatSendError (kind 'no_credit' for 43101, 'bad_data' 47003, 'bad_template' 40037, 'bad_openid' 40003, 'other' for any other errcode)
   *  for answers about this message, which must not be retried; UpstreamError for outages (timeouts, 5xx, -1 system busy, circuit open), which may be retried.
   * The access token comes from /cgi-bin/token, cached (the same cache getPhoneNumber uses) and refreshed once when WeChat answers 40001 or 42001.
   *
   * The HTTP layer never repeats the send once the request may have reached WeChat (only a
   * connection that was never opened is retried), so a `timeout` or `unreachable` error
   * leaves it unknown whether the citizen got the notice: a caller that retries accepts a
   * rare duplicate. Call `checkTemplateData` first to avoid 47003.
   */
  sendSubscribeMessage(msg: SubscribeMessage): Promise<{ msgid: string }>;
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
  invalidOpenid: 40003,
  invalidTemplateId: 40037,
  subscribeRefused: 43101,
  invalidArgument: 47003,
} as const;

const SEND_ERROR_KINDS = new Map<number, WechatSendErrorKind>([
  [WechatErrcode.subscribeRefused, 'no_credit'],
  [WechatErrcode.invalidArgument, 'bad_data'],
  [WechatErrcode.invalidTemplateId, 'bad_template'],
  [WechatErrcode.invalidOpenid, 'bad_openid'],
]);

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
/** Success (`errcode` 0 + `msgid`) or an errcode; the adapter tells them apart. */
const SendReply = z.object({
  errcode: z.number().optional(),
  errmsg: z.string().optional(),
  msgid: z.union([z.number(), z.string()]).optional(),
});

interface CachedToken {
  value: string;
  refreshAtMs: number;
}

/**
 * Creates the WeChat adapter over HTTP (`/sns/jscode2session`, `/cgi-bin/token`,
 * `/wxa/business/getuserphonenumber`, `/cgi-bin/message/subscribe/send`).
 */
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

  /**
   * Forgets a token WeChat refused. Another instance may have renewed it (WeChat invalidates
   * the old one then); drop ours only if nobody replaced it meanwhile, so that concurrent
   * failures refresh once.
   */
  function dropToken(token: CachedToken, errcode: unknown) {
    if (cached === token) cached = null;
    logger.info({ errcode }, 'wechat access token rejected, refreshing once');
  }

  async function sendWith(token: CachedToken, body: unknown) {
    const { data } = await http.request({
      method: 'POST',
      path: '/cgi-bin/message/subscribe/send',
      query: { access_token: token.value },
      body,
      schema: SendReply,
      // A repeated send could deliver the notice twice: only a connection that never opened is retried.
      idempotent: false,
      op: 'wechat.subscribeSend',
      inspect: (json) => {
        const e = errcodeOf(json);
        // System busy is WeChat failing; every other errcode is an answer the caller looks at.
        if (e?.code === WechatErrcode.systemBusy) throw wechatError('subscribe/send', e);
      },
    });
    return data;
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
        dropToken(token, err.upstreamCode);
        return phoneWith(await accessToken(), code);
      }
    },

    async sendSubscribeMessage(msg) {
      const body = {
        touser: msg.touser,
        template_id: msg.templateId,
        page: msg.page,
        data: Object.fromEntries(Object.entries(msg.data).map(([key, value]) => [key, { value }])),
        miniprogram_state: msg.miniprogramState,
        lang: msg.lang,
      };
      const token = await accessToken();
      let reply = await sendWith(token, body);
      if (reply.errcode !== undefined && BAD_TOKEN.has(reply.errcode)) {
        // A refused token means nothing was delivered, so sending again is safe.
        dropToken(token, reply.errcode);
        reply = await sendWith(await accessToken(), body);
      }
      if (!reply.errcode) {
        if (reply.msgid === undefined) throw new UpstreamError('wechat', 'bad_response', 'subscribe/send: errcode 0 without msgid', 200);
        return { msgid: String(reply.msgid) };
      }
      const kind = SEND_ERROR_KINDS.get(reply.errcode) ?? 'other';
      const log = { errcode: reply.errcode, errmsg: reply.errmsg, templateId: msg.templateId, kind };
      // No credit is the citizen's choice; anything else means our template or data is wrong.
      if (kind === 'no_credit') logger.debug(log, 'wechat refused a subscribe message: no credit');
      else logger.warn(log, 'wechat refused a subscribe message');
      throw new WechatSendError(kind, reply.errcode, reply.errmsg ?? '');
    },

    ping: () => http.ping('/healthz'),
    stats: () => http.stats(),
    close: () => http.close(),
  };
}
