import { randomBytes } from 'node:crypto';
import { Faults } from '../common/faults';
import { Router, type RequestContext } from '../common/http';
import { createSimServer, type SimServer } from '../common/sim-server';
import { nameFromCode, openidFor, phoneFor, sessionKeyFor, unionidFor } from './identity';
import { SubscribeMessages, wxError } from './subscribe';
import { loadTemplates, type Template } from './templates';

export interface WechatSimOptions {
  /** When set, requests must carry this appid (else 40013). */
  appid?: string;
  /** When set, requests must carry this secret (else 40125). */
  secret?: string;
  /** Lifetime of access tokens in seconds (WeChat: 7200). */
  tokenTtlSeconds?: number;
  faults?: Faults;
  /** Subscribe-message templates by id (default: `DEFAULT_TEMPLATES`). */
  templates?: Map<string, Template>;
  /** Every user has unlimited subscribe credit (default true); false = per-user ledger. */
  autoCredit?: boolean;
}

interface IssuedToken {
  access_token: string;
  appid: string;
  issuedAt: string;
  expiresAtMs: number;
}

interface SeenUser {
  name: string;
  openid: string;
  firstSeenAt: string;
  logins: number;
  phoneLookups: number;
}

/** Builds the WeChat open API simulator (jscode2session, token, getuserphonenumber, subscribe/send). */
export function createWechatSim(opts: WechatSimOptions = {}): SimServer & { expireTokens(): void } {
  const ttl = opts.tokenTtlSeconds ?? 7200;
  const tokens = new Map<string, IssuedToken>();
  const users = new Map<string, SeenUser>();
  const subscribe = new SubscribeMessages({ templates: opts.templates ?? loadTemplates(undefined), autoCredit: opts.autoCredit ?? true });

  const seen = (name: string): SeenUser => {
    let user = users.get(name);
    if (!user) {
      user = { name, openid: openidFor(name), firstSeenAt: new Date().toISOString(), logins: 0, phoneLookups: 0 };
      users.set(name, user);
    }
    return user;
  };

  /** Checks appid/secret like WeChat does; returns an error reply or null. */
  const checkApp = (ctx: RequestContext) => {
    const appid = ctx.query.get('appid');
    const secret = ctx.query.get('secret');
    if (!appid) return wxError(41002, 'appid missing');
    if (!secret) return wxError(41004, 'appsecret missing');
    if (opts.appid && appid !== opts.appid) return wxError(40013, 'invalid appid');
    if (opts.secret && secret !== opts.secret) return wxError(40125, 'invalid appsecret');
    return null;
  };

  /** Checks `?access_token=` like WeChat does; returns the errcode to answer or the token. */
  const checkToken = (ctx: RequestContext): { errcode: number; errmsg: string } | { token: IssuedToken } => {
    const accessToken = ctx.query.get('access_token');
    if (!accessToken) return { errcode: 41001, errmsg: 'access_token missing' };
    const token = tokens.get(accessToken);
    if (!token) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' };
    if (token.expiresAtMs <= Date.now()) return { errcode: 42001, errmsg: 'access_token expired' };
    return { token };
  };

  const api = new Router()
    .get('/sns/jscode2session', (ctx) => {
      const appError = checkApp(ctx);
      if (appError) return appError;
      const code = ctx.query.get('js_code');
      if (!code) return wxError(41008, 'missing code');
      const grantType = ctx.query.get('grant_type');
      if (grantType !== null && grantType !== 'authorization_code') return wxError(40002, 'invalid grant_type');
      const name = nameFromCode(code);
      if (!name) return wxError(40029, 'invalid code');
      const user = seen(name);
      user.logins += 1;
      return { json: { openid: user.openid, session_key: sessionKeyFor(name), unionid: unionidFor(name) } };
    })
    .get('/cgi-bin/token', (ctx) => {
      const grantType = ctx.query.get('grant_type');
      if (!grantType) return wxError(40002, 'invalid grant_type');
      if (grantType !== 'client_credential') return wxError(40002, 'invalid grant_type');
      const appError = checkApp(ctx);
      if (appError) return appError;
      const token: IssuedToken = {
        access_token: `sim_at_${randomBytes(24).toString('base64url')}`,
        appid: ctx.query.get('appid')!,
        issuedAt: new Date().toISOString(),
        expiresAtMs: Date.now() + ttl * 1000,
      };
      tokens.set(token.access_token, token);
      return { json: { access_token: token.access_token, expires_in: ttl } };
    })
    .post('/wxa/business/getuserphonenumber', async (ctx) => {
      const checked = checkToken(ctx);
      if (!('token' in checked)) return wxError(checked.errcode, checked.errmsg);
      const { token } = checked;
      let body: unknown;
      try {
        body = JSON.parse((await ctx.text()) || 'null');
      } catch {
        return wxError(47001, 'data format error');
      }
      const code = body && typeof body === 'object' ? (body as { code?: unknown }).code : undefined;
      if (typeof code !== 'string' || !code) return wxError(41008, 'missing code');
      const name = nameFromCode(code);
      if (!name) return wxError(40029, 'invalid code');
      seen(name).phoneLookups += 1;
      const phone = phoneFor(name);
      return {
        json: {
          errcode: 0,
          errmsg: 'ok',
          phone_info: {
            phoneNumber: phone,
            purePhoneNumber: phone,
            countryCode: '86',
            watermark: { timestamp: Math.floor(Date.now() / 1000), appid: token.appid },
          },
        },
      };
    })
    .post('/cgi-bin/message/subscribe/send', async (ctx) => {
      const forced = subscribe.takeForced();
      if (forced) return forced;
      const checked = checkToken(ctx);
      if (!('token' in checked)) return subscribe.refuse(checked.errcode, checked.errmsg, null);
      return subscribe.send(await ctx.text());
    });

  const expireTokens = () => {
    for (const t of tokens.values()) t.expiresAtMs = 0;
  };
  const sim = new Router().post('/__sim/expire-tokens', () => {
    expireTokens();
    return { json: { expired: tokens.size } };
  });
  subscribe.addControls(sim);

  const server = createSimServer({
    name: 'wechat',
    api,
    sim,
    faults: opts.faults,
    state: () => ({
      tokens: [...tokens.values()].map((t) => ({
        access_token: t.access_token,
        appid: t.appid,
        issuedAt: t.issuedAt,
        expiresAt: new Date(t.expiresAtMs).toISOString(),
        expired: t.expiresAtMs <= Date.now(),
      })),
      openids: [...users.values()],
      ...subscribe.state(),
    }),
  });
  return Object.assign(server, { expireTokens });
}
