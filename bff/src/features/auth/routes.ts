import type { Router } from '@koa/router';
import { api } from '@zwgk/contracts';
import { authenticate } from '../../core/auth';
import { mount, type State } from '../../core/http';
import type { AppContext } from '../../deps';
import type { Middleware } from 'koa';
import { authModels } from './model';
import { bindPhone, getMe, loginWithWechat, logout, refreshSession, type AuthCtx } from './service';

/** Login, refresh, logout, phone binding and the caller's profile. */
export function authRoutes(router: Router<State>, app: AppContext, writeLimit: Middleware<State>): void {
  const ctx: AuthCtx = { ...app, models: authModels(app.mongo) };
  mount(router, api.wechatLogin, [writeLimit], async (_c, { body }) => loginWithWechat(ctx, body.code));
  mount(router, api.refresh, [writeLimit], async (_c, { body }) => refreshSession(ctx, body.refreshToken));
  mount(router, api.logout, [authenticate(app.tokens, 'citizen'), writeLimit], async (c, { body }) => {
    await logout(ctx, c.state.user!, body.refreshToken);
  });
  mount(router, api.bindPhone, [authenticate(app.tokens, 'citizen'), writeLimit], async (c, { body }) => ({
    user: await bindPhone(ctx, c.state.user!.id, body.code),
  }));
  mount(router, api.me, [authenticate(app.tokens, 'citizen')], async (c) => ({ user: await getMe(ctx, c.state.user!.id) }));
}
