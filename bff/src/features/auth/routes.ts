import { api } from '@zwgk/contracts';
import type { RouteKit } from '../../core/http';
import type { AppContext } from '../../deps';
import { authModels } from './model';
import { deleteAccount, type AccountEraser } from './erasure';
import { bindPhone, getMe, loginWithWechat, logout, refreshSession, sweepEndedSessions, updateProfile, type AuthCtx } from './service';

const DAY_MS = 86_400_000;

/**
 * Builds the auth feature: its routes and the daily sweep of ended sessions' records. Features
 * holding a citizen's personal data add their part of an account deletion with `addEraser`.
 */
export function createAuth(app: AppContext): { routes(kit: RouteKit): void; addEraser(e: AccountEraser): void } {
  const ctx: AuthCtx = { ...app, models: authModels(app.mongo) };
  const erasers: AccountEraser[] = [];
  app.tasks.add({ name: 'auth-session-sweep', everyMs: DAY_MS, run: () => sweepEndedSessions(ctx), singleton: { lockMs: 600_000 } });
  return { routes: (kit) => authRoutes(kit, ctx, erasers), addEraser: (e) => erasers.push(e) };
}

/** Login, refresh, logout, phone binding, the caller's profile and the deletion of their account. */
function authRoutes(kit: RouteKit, ctx: AuthCtx, erasers: readonly AccountEraser[]): void {
  kit.mount(api.wechatLogin, async (_c, { body }) => loginWithWechat(ctx, body.code));
  kit.mount(api.refresh, async (_c, { body }) => refreshSession(ctx, body.refreshToken));
  kit.mount(api.logout, async (c, { body }) => {
    await logout(ctx, c.state.user!, body.refreshToken);
  });
  kit.mount(api.bindPhone, async (c, { body }) => ({
    user: await bindPhone(ctx, c.state.user!.id, body.code),
  }));
  kit.mount(api.me, async (c) => ({ user: await getMe(ctx, c.state.user!.id) }));
  kit.mount(api.updateProfile, async (c, { body }) => ({ user: await updateProfile(ctx, c.state.user!.id, body.nickname) }));
  kit.mount(api.deleteAccount, async (c) => {
    await deleteAccount(ctx, c.state.user!, c.state.requestId, erasers);
  });
}
