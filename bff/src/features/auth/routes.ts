import { api } from '@zwgk/contracts';
import type { RouteKit } from '../../core/http';
import type { AppContext } from '../../deps';
import { authModels } from './model';
import { bindPhone, getMe, loginWithWechat, logout, refreshSession, type AuthCtx } from './service';

/** Login, refresh, logout, phone binding and the caller's profile. */
export function authRoutes(kit: RouteKit, app: AppContext): void {
  const ctx: AuthCtx = { ...app, models: authModels(app.mongo) };
  kit.mount(api.wechatLogin, async (_c, { body }) => loginWithWechat(ctx, body.code));
  kit.mount(api.refresh, async (_c, { body }) => refreshSession(ctx, body.refreshToken));
  kit.mount(api.logout, async (c, { body }) => {
    await logout(ctx, c.state.user!, body.refreshToken);
  });
  kit.mount(api.bindPhone, async (c, { body }) => ({
    user: await bindPhone(ctx, c.state.user!.id, body.code),
  }));
  kit.mount(api.me, async (c) => ({ user: await getMe(ctx, c.state.user!.id) }));
}
