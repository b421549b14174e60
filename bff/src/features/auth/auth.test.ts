import { authModels } from './model';
import { Types } from 'mongoose';
import { loadConfig } from '../../config';
import { openidFor } from '@zwgk/upstream-sim';
import jwt from 'jsonwebtoken';
import { startTestStack, type TestStack } from '../../../test/stack';
import { DEV_JWT_SECRET } from '../../config';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack({ env: { RATE_LIMIT_IP_WRITES_PER_MIN: '1000' } });
});
afterAll(() => s?.stop());
afterEach(() => s.heal());

describe('POST /api/v1/auth/wechat-login', () => {
  test('when a citizen logs in with a WeChat code, then they get tokens and a citizen profile, the same one each time', async () => {
    const a = await s.req('POST', '/api/v1/auth/wechat-login', { body: { code: 'sim-zhangsan' } });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ expiresIn: s.config.ACCESS_TOKEN_TTL_S, user: { roles: ['citizen'], phoneMasked: null } });
    expect(typeof a.body.accessToken).toBe('string');
    expect(typeof a.body.refreshToken).toBe('string');
    const b = await s.login('zhangsan');
    expect(b.user.id).toBe(a.body.user.id);
    const other = await s.login('lisi');
    expect(other.user.id).not.toBe(a.body.user.id);
    expect(await s.context.mongo.collection('users').countDocuments({})).toBe(2);
  });

  test('when the code is not one WeChat issued, then 401 login_failed in Chinese', async () => {
    const r = await s.req('POST', '/api/v1/auth/wechat-login', { body: { code: 'forged-code' } });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('login_failed');
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  test('when the code is missing, then 400 naming the field', async () => {
    const r = await s.req('POST', '/api/v1/auth/wechat-login', { body: {} });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect(r.body.error.details).toEqual([{ field: 'code', message: '缺少登录凭证 code' }]);
  });

  test('when the body is not JSON, then 400 and not 500', async () => {
    const r = await s.req('POST', '/api/v1/auth/wechat-login', { raw: '{"code":' });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe('请求内容不是有效的 JSON');
  });

  test('when WeChat is down, then 503 with a Chinese message and no user is created', async () => {
    const before = await s.context.mongo.collection('users').countDocuments({});
    await s.sims.wechat.setFaults({ mode: 'down' });
    const r = await s.req('POST', '/api/v1/auth/wechat-login', { body: { code: 'sim-wangwu' } });
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('upstream_unavailable');
    expect(r.body.error.message).not.toMatch(/ECONN|socket|fetch/i);
    expect(await s.context.mongo.collection('users').countDocuments({})).toBe(before);
  });
});

describe('GET /api/v1/me and token checks', () => {
  test('when the access token is valid, then the profile is returned', async () => {
    const l = await s.login('me-ok');
    const r = await s.req('GET', '/api/v1/me', { token: l.accessToken });
    expect(r.status).toBe(200);
    expect(r.body.user.id).toBe(l.user.id);
  });

  test('when no token is sent, then 401 unauthenticated', async () => {
    const r = await s.req('GET', '/api/v1/me');
    expect(r.status).toBe(401);
    expect(r.body.error).toMatchObject({ code: 'unauthenticated', message: '请先登录' });
  });

  test('when the token is tampered with, then 401 token_invalid', async () => {
    const l = await s.login('tamper');
    const [h, p, sig] = l.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    claims.roles = ['citizen', 'admin'];
    const forged = [h, Buffer.from(JSON.stringify(claims)).toString('base64url'), sig].join('.');
    const r = await s.req('GET', '/api/v1/me', { token: forged });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('token_invalid');
  });

  test('when the token has expired, then 401 token_expired', async () => {
    const l = await s.login('expired');
    const claims = jwt.decode(l.accessToken) as jwt.JwtPayload;
    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 5 }, DEV_JWT_SECRET, { algorithm: 'HS256' });
    const r = await s.req('GET', '/api/v1/me', { token: expired });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('token_expired');
  });

  test('when a refresh token is used as an access token, then 401 token_invalid', async () => {
    const l = await s.login('wrong-kind');
    const r = await s.req('GET', '/api/v1/me', { token: l.refreshToken });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('token_invalid');
  });
});

describe('POST /api/v1/auth/refresh', () => {
  test('when the current refresh token is presented, then a new pair is issued and the old one is spent', async () => {
    const l = await s.login('rotate');
    const r1 = await s.req('POST', '/api/v1/auth/refresh', { body: { refreshToken: l.refreshToken } });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(l.refreshToken);
    const me = await s.req('GET', '/api/v1/me', { token: r1.body.accessToken });
    expect(me.status).toBe(200);
    const r2 = await s.req('POST', '/api/v1/auth/refresh', { body: { refreshToken: r1.body.refreshToken } });
    expect(r2.status).toBe(200);
  });

  test('when an already used refresh token is replayed, then the whole family is revoked', async () => {
    const l = await s.login('replay');
    const r1 = await s.req('POST', '/api/v1/auth/refresh', { body: { refreshToken: l.refreshToken } });
    expect(r1.status).toBe(200);
    const replay = await s.req('POST', '/api/v1/auth/refresh', { body: { refreshToken: l.refreshToken } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('token_revoked');
    // The thief's replay also kills the legitimate holder's newer tokens.
    const next = await s.req('POST', '/api/v1/auth/refresh', { body: { refreshToken: r1.body.refreshToken } });
    expect(next.status).toBe(401);
    const me = await s.req('GET', '/api/v1/me', { token: r1.body.accessToken });
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('token_revoked');
  });

  test('when the refresh token is garbage or missing, then 401 or 400', async () => {
    expect((await s.req('POST', '/api/v1/auth/refresh', { body: { refreshToken: 'abc' } })).status).toBe(401);
    const missing = await s.req('POST', '/api/v1/auth/refresh', { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].field).toBe('refreshToken');
  });
});

describe('POST /api/v1/auth/logout', () => {
  test('when a citizen logs out, then their access and refresh tokens stop working', async () => {
    const l = await s.login('leaver');
    const out = await s.req('POST', '/api/v1/auth/logout', { token: l.accessToken, body: { refreshToken: l.refreshToken } });
    expect(out.status).toBe(204);
    const me = await s.req('GET', '/api/v1/me', { token: l.accessToken });
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('token_revoked');
    const r = await s.req('POST', '/api/v1/auth/refresh', { body: { refreshToken: l.refreshToken } });
    expect(r.status).toBe(401);
  });

  test('when logout is called without a token, then 401', async () => {
    const r = await s.req('POST', '/api/v1/auth/logout', { body: {} });
    expect(r.status).toBe(401);
  });

  test('when logout carries a malformed refresh token field, then 400 and the session stays', async () => {
    const l = await s.login('stayer');
    const r = await s.req('POST', '/api/v1/auth/logout', { token: l.accessToken, body: { refreshToken: 42 } });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].field).toBe('refreshToken');
    expect((await s.req('GET', '/api/v1/me', { token: l.accessToken })).status).toBe(200);
  });
});

describe('POST /api/v1/auth/phone', () => {
  test('when a citizen binds their phone, then it is stored encrypted and shown masked', async () => {
    const l = await s.login('phoneowner');
    const r = await s.req('POST', '/api/v1/auth/phone', { token: l.accessToken, body: { code: 'sim-phoneowner' } });
    expect(r.status).toBe(200);
    expect(r.body.user.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const raw = await s.context.mongo.collection('users').findOne({ phoneEnc: { $ne: null }, phoneIndex: { $ne: null } });
    expect(raw).toBeTruthy();
    expect(JSON.stringify(raw)).not.toMatch(/1\d{10}/);
    const me = await s.req('GET', '/api/v1/me', { token: l.accessToken });
    expect(me.body.user.phoneMasked).toBe(r.body.user.phoneMasked);
  });

  test('when the phone code is invalid, then 400 on the code field and nothing is stored', async () => {
    const l = await s.login('badphone');
    const r = await s.req('POST', '/api/v1/auth/phone', { token: l.accessToken, body: { code: 'nope' } });
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual([{ field: 'code', message: '手机号授权凭证无效或已过期，请重新授权' }]);
    const me = await s.req('GET', '/api/v1/me', { token: l.accessToken });
    expect(me.body.user.phoneMasked).toBeNull();
  });

  test('when the code is empty, then 400; when not logged in, then 401; when WeChat is down, then 503', async () => {
    const l = await s.login('phone-edge');
    expect((await s.req('POST', '/api/v1/auth/phone', { token: l.accessToken, body: { code: '' } })).status).toBe(400);
    expect((await s.req('POST', '/api/v1/auth/phone', { body: { code: 'sim-x' } })).status).toBe(401);
    await s.sims.wechat.setFaults({ mode: 'down' });
    expect((await s.req('POST', '/api/v1/auth/phone', { token: l.accessToken, body: { code: 'sim-x' } })).status).toBe(503);
  });
});

describe('staff role', () => {
  test('when openids are configured in STAFF_OPENIDS or STAFF_ROLES, then they get every role or the listed ones', async () => {
    const res = await fetch(`${s.sims.wechat.url}/sns/jscode2session?appid=a&secret=b&js_code=sim-officer&grant_type=authorization_code`);
    const { openid } = (await res.json()) as { openid: string };
    const desk = openidFor('desk-officer');
    const staff = await startTestStack({ env: { STAFF_OPENIDS: `someone-else,${openid}`, STAFF_ROLES: `${desk}:hotline+events,${desk}:moderator` } });
    try {
      expect((await staff.login('officer')).user.roles).toEqual(['citizen', 'moderator', 'hotline', 'events', 'admin']);
      expect((await staff.login('desk-officer')).user.roles).toEqual(['citizen', 'moderator', 'hotline', 'events']);
      expect((await staff.login('citizen-only')).user.roles).toEqual(['citizen']);
      const token = (await staff.login('desk-officer')).accessToken;
      expect((await staff.req('GET', '/api/v1/staff/audit', { token })).body.error.code).toBe('role_required');
    } finally {
      await staff.stop();
    }
  });
});

describe('logout while the revocation store fails', () => {
  test('when the access token cannot be revoked, then a retryable 503 (not a 500), and a repeat once the store is back revokes it', async () => {
    const l = await s.login('logout-store-down');
    const revoke = s.context.tokens.revokeFamily;
    s.context.tokens.revokeFamily = async () => Promise.reject(new Error('redis down'));
    try {
      const r = await s.req('POST', '/api/v1/auth/logout', { token: l.accessToken, body: {} });
      expect(r.status).toBe(503);
      expect(r.body.error).toMatchObject({ code: 'upstream_unavailable', message: '退出登录暂时未能完成，请稍后再试' });
    } finally {
      s.context.tokens.revokeFamily = revoke;
    }
    expect((await s.req('POST', '/api/v1/auth/logout', { token: l.accessToken, body: {} })).status).toBe(204);
    expect((await s.req('GET', '/api/v1/me', { token: l.accessToken })).status).toBe(401);
  });
});

describe('open sessions', () => {
  test('when a person logs in more often than SESSIONS_PER_USER_MAX, then the oldest sessions end; ended sessions\' records are swept after a week', async () => {
    const few = await startTestStack({ env: { SESSIONS_PER_USER_MAX: '2' } });
    try {
      const sessions = [];
      for (let i = 0; i < 3; i++) sessions.push(await few.login('many-devices'));
      expect((await few.req('GET', '/api/v1/me', { token: sessions[0].accessToken })).status).toBe(401);
      expect((await few.req('POST', '/api/v1/auth/refresh', { body: { refreshToken: sessions[0].refreshToken } })).status).toBe(401);
      for (const x of sessions.slice(1)) expect((await few.req('GET', '/api/v1/me', { token: x.accessToken })).status).toBe(200);

      const { SessionFamily } = authModels(few.context.mongo);
      const userId = new Types.ObjectId(sessions[0].user.id);
      await SessionFamily.updateOne({ userId, revokedAt: { $ne: null } }, { $set: { revokedAt: new Date(Date.now() - 8 * 86_400_000) } });
      expect(await few.context.tasks.get('auth-session-sweep')!.runOnce()).toBe(1);
      expect(await SessionFamily.countDocuments({ userId })).toBe(2);
    } finally {
      await few.stop();
    }
  });
});

describe('STAFF_ROLES', () => {
  test('when an entry is malformed or names an unknown role, then the start is refused naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', STAFF_ROLES: 'o-abc:root' })).toThrow(/STAFF_ROLES: "o-abc:root" must be openid:role\+role/);
    expect(() => loadConfig({ NODE_ENV: 'test', STAFF_ROLES: 'just-an-openid' })).toThrow(/STAFF_ROLES/);
    expect(loadConfig({ NODE_ENV: 'test', STAFF_ROLES: 'o-a:hotline, o-b:moderator+events' }).STAFF_ROLES.get('o-b')).toEqual(['moderator', 'events']);
  });
});
