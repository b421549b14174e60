import http from 'node:http';
import Koa from 'koa';
import { authenticate, createTokenService } from './auth';
import { requestContext, type State } from './http';
import { createMemoryKv } from './kv';
import { createLogger } from './logger';
import { limitWrites } from './rateLimit';

const kv = createMemoryKv();
const tokens = createTokenService({ secret: 'a-test-secret-that-is-long-enough-for-hs256', accessTtlS: 60, refreshTtlS: 600, kv });

/** A Koa app with one route behind the given guards, answering who the caller is. */
async function appWith(...guards: Koa.Middleware<State>[]) {
  const app = new Koa<State>();
  app.use(requestContext(createLogger('silent')));
  for (const g of guards) app.use(g);
  app.use((ctx) => {
    ctx.body = { user: ctx.state.user?.id ?? null };
  });
  const server = http.createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const call = async (token?: string, method = 'GET') => {
    const res = await fetch(url, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.status, body: (await res.json()) as any, headers: res.headers };
  };
  return { call, close: () => server.close() };
}

describe('authenticate', () => {
  test('when a staff-only route is called by a citizen, then 403 role_required; by any staff role, then it passes', async () => {
    const a = await appWith(authenticate(tokens, 'staff'));
    try {
      const citizen = tokens.signAccess({ userId: 'u1', roles: ['citizen'], family: 'f1' });
      const staff = tokens.signAccess({ userId: 'u2', roles: ['citizen', 'events'], family: 'f2' });
      const denied = await a.call(citizen);
      expect(denied.status).toBe(403);
      expect(denied.body.error).toMatchObject({ code: 'role_required', message: '此功能仅限工作人员使用' });
      expect(await a.call(staff)).toMatchObject({ status: 200, body: { user: 'u2' } });
      expect((await a.call()).status).toBe(401);
    } finally {
      a.close();
    }
  });

  test('when a route needs one role, then only that role and admin pass; another staff role gets 403 naming it', async () => {
    const a = await appWith(authenticate(tokens, 'staff', 'hotline'));
    try {
      const as = (roles: string[], n: string) => tokens.signAccess({ userId: n, roles, family: `f-${n}` });
      const moderator = await a.call(as(['citizen', 'moderator'], 'm'));
      expect(moderator.status).toBe(403);
      expect(moderator.body.error).toMatchObject({ code: 'role_required', message: '此功能需要“热线工单”权限，请联系管理员开通', details: { role: 'hotline' } });
      expect((await a.call(as(['citizen', 'hotline'], 'h'))).status).toBe(200);
      expect((await a.call(as(['citizen', 'admin'], 'a'))).status).toBe(200);
      expect((await a.call(as(['citizen'], 'c'))).status).toBe(403);
    } finally {
      a.close();
    }
  });

  test('when auth is optional, then anonymous calls pass and a bad token is still refused', async () => {
    const a = await appWith(authenticate(tokens, 'optional'));
    try {
      expect(await a.call()).toMatchObject({ status: 200, body: { user: null } });
      expect((await a.call('not-a-jwt')).status).toBe(401);
    } finally {
      a.close();
    }
  });

  test('when a family is revoked, then its access tokens fail with token_revoked', async () => {
    const a = await appWith(authenticate(tokens, 'citizen'));
    try {
      const t = tokens.signAccess({ userId: 'u3', roles: ['citizen'], family: 'f3' });
      expect((await a.call(t)).status).toBe(200);
      await tokens.revokeFamily('f3');
      const r = await a.call(t);
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('token_revoked');
    } finally {
      a.close();
    }
  });
});

describe('authenticate when the revocation store is down', () => {
  test('when the store cannot be read, then 503 in Chinese, not 500', async () => {
    const down = { ...createMemoryKv(), get: async () => Promise.reject(new Error('redis down')) };
    const t2 = createTokenService({ secret: 'a-test-secret-that-is-long-enough-for-hs256', accessTtlS: 60, refreshTtlS: 600, kv: down });
    const a = await appWith(authenticate(t2, 'citizen'));
    try {
      const r = await a.call(t2.signAccess({ userId: 'u9', roles: ['citizen'], family: 'f9' }));
      expect(r.status).toBe(503);
      expect(r.body.error).toMatchObject({ code: 'upstream_unavailable', message: '登录状态暂时无法验证，请稍后再试' });
    } finally {
      a.close();
    }
  });
});

test('when the store cannot be read on a route with optional auth, then it answers as for anyone (public content stays up)', async () => {
  const down = { ...createMemoryKv(), get: async () => Promise.reject(new Error('redis down')) };
  const t2 = createTokenService({ secret: 'a-test-secret-that-is-long-enough-for-hs256', accessTtlS: 60, refreshTtlS: 600, kv: down });
  const a = await appWith(authenticate(t2, 'optional'));
  try {
    const r = await a.call(t2.signAccess({ userId: 'u10', roles: ['citizen'], family: 'f10' }));
    expect(r).toMatchObject({ status: 200, body: { user: null } });
    // A bad token is still refused: only the store being down is forgiven.
    expect((await a.call('not-a-jwt')).status).toBe(401);
  } finally {
    a.close();
  }
});

describe('limitWrites', () => {
  test('when one user exceeds the per-user limit, then 429 for them while another user still writes', async () => {
    const a = await appWith(authenticate(tokens, 'citizen'), limitWrites(createMemoryKv(), createLogger('silent'), { perUserPerMin: 2, perIpPerMin: 100 }));
    try {
      const u = tokens.signAccess({ userId: 'heavy', roles: ['citizen'], family: 'f4' });
      const v = tokens.signAccess({ userId: 'light', roles: ['citizen'], family: 'f5' });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await a.call(u, 'POST')).status);
      expect(statuses).toEqual([200, 200, 429]);
      expect((await a.call(v, 'POST')).status).toBe(200);
    } finally {
      a.close();
    }
  });

  test('when the counter store fails, then writes are let through', async () => {
    const broken = { ...createMemoryKv(), hit: async () => Promise.reject(new Error('redis down')) };
    const a = await appWith(limitWrites(broken, createLogger('silent'), { perUserPerMin: 1, perIpPerMin: 1 }));
    try {
      expect((await a.call(undefined, 'POST')).status).toBe(200);
      expect((await a.call(undefined, 'POST')).status).toBe(200);
    } finally {
      a.close();
    }
  });
});
