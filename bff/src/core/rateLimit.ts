import type Koa from 'koa';
import { LRUCache } from 'lru-cache';
import type { Kv } from './kv';
import { rateLimited } from './errors';
import type { State } from './http';
import type { Logger } from './logger';

/**
 * Fixed-window limits on writes, per user (when logged in) and per client IP. Counters live
 * in the Kv so every instance shares them. When the counter store fails, the request is let
 * through and the failure logged: a rate limiter must not take the product down with it.
 */
export function limitWrites(kv: Kv, logger: Logger, opts: { perUserPerMin: number; perIpPerMin: number }): Koa.Middleware<State> {
  const windowMs = 60_000;
  return async (ctx, next) => {
    const checks: Array<[string, number]> = [[`rl:ip:${ctx.ip}`, opts.perIpPerMin]];
    if (ctx.state.user) checks.push([`rl:user:${ctx.state.user.id}`, opts.perUserPerMin]);
    let results: Array<{ count: number; resetMs: number }>;
    try {
      results = await Promise.all(checks.map(([key]) => kv.hit(key, windowMs)));
    } catch (err) {
      logger.warn({ err }, 'rate limit store unavailable; request allowed');
      return next();
    }
    for (let i = 0; i < checks.length; i++) {
      if (results[i].count > checks[i][1]) throw rateLimited(Math.max(1, Math.ceil(results[i].resetMs / 1000)));
    }
    return next();
  };
}

/**
 * A per-IP limit on reads (search, photos, lists): fixed one-minute windows counted in this
 * process, so the check costs no round trip on the hottest routes. Each instance counts its
 * own share; the counters are bounded (least recently seen addresses are forgotten first).
 */
export function limitReads(opts: { perIpPerMin: number; maxAddresses?: number }): Koa.Middleware<State> {
  const windowMs = 60_000;
  const windows = new LRUCache<string, { count: number; resetAt: number }>({ max: opts.maxAddresses ?? 50_000 });
  return async (ctx, next) => {
    const now = Date.now();
    let w = windows.get(ctx.ip);
    if (!w || w.resetAt <= now) windows.set(ctx.ip, (w = { count: 0, resetAt: now + windowMs }));
    if (++w.count > opts.perIpPerMin) throw rateLimited(Math.max(1, Math.ceil((w.resetAt - now) / 1000)));
    return next();
  };
}
