import { api } from '@zwgk/contracts';
import type { RouteKit } from '../../core/http';
import type { AppContext } from '../../deps';
import { getParticipationStats } from './stats';

export function participationRoutes(kit: RouteKit, ctx: AppContext): void {
  const micro = { microcache: { cache: ctx.microcache, ttlMs: ctx.config.MICROCACHE_MS } };
  kit.mount(api.participationStats, async (_c, { query }) => getParticipationStats(ctx, query.year), micro);
}
