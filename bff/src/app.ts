import type { IncomingMessage, ServerResponse } from 'node:http';
import Koa from 'koa';
import { Router } from '@koa/router';
import { DEV_DATA_KEY, DEV_JWT_SECRET } from './config';
import { createTokenService } from './core/auth';
import { SwrCache } from './core/cache';
import { createFieldCipher } from './core/crypto';
import { requestContext, type State } from './core/http';
import { Microcache } from './core/microcache';
import { limitWrites } from './core/rateLimit';
import type { AppContext, Deps } from './deps';
import { authRoutes } from './features/auth';
import { homeRoutes } from './features/home';
import { policyRoutes } from './features/policies';
import { qaSearchRoutes } from './features/qa-search';
import { interpretationRoutes } from './features/interpretations';
import { qaRoutes } from './features/qas';
import { systemRoutes } from './features/system';
import { hotlineRoutes } from './features/hotline';

export const VERSION = '0.1.0';

/**
 * Builds the Koa application from its dependencies without listening, so tests can mount
 * it on any server. Middleware order: request context (ids, error rendering, access log),
 * then one router; bodies are parsed per route (core/http mount).
 */
export function createApp(deps: Deps): {
  app: Koa<State>;
  context: AppContext;
  /** The node:http request listener: the microcache first, then Koa. */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** Stops the features' background work; call before closing MongoDB and Redis. */
  close: () => Promise<void>;
} {
  const stops: Array<{ name: string; stop: () => Promise<void> | void }> = [];
  const { config, logger, kv } = deps;
  const context: AppContext = {
    ...deps,
    now: deps.now ?? (() => new Date()),
    cache: new SwrCache(kv.mode === 'redis' ? kv : null, logger),
    tokens: createTokenService({
      secret: config.JWT_SECRET ?? DEV_JWT_SECRET,
      accessTtlS: config.ACCESS_TOKEN_TTL_S,
      refreshTtlS: config.REFRESH_TOKEN_TTL_S,
      kv,
    }),
    cipher: createFieldCipher(config.DATA_ENCRYPTION_KEY ?? DEV_DATA_KEY),
    microcache: new Microcache(logger, config.ACCESS_LOG),
    background: { onClose: (name, stop) => void stops.push({ name, stop }) },
  };
  const app = new Koa<State>();
  app.proxy = config.TRUST_PROXY;
  app.silent = true; // errors are rendered and logged by requestContext

  const writeLimit = limitWrites(kv, logger, {
    perUserPerMin: config.RATE_LIMIT_WRITES_PER_MIN,
    perIpPerMin: config.RATE_LIMIT_IP_WRITES_PER_MIN,
  });

  app.use(requestContext(logger, config.ACCESS_LOG));
  // One router for every feature: a request is matched once, not once per feature.
  const router = new Router<State>();
  systemRoutes(router, context, VERSION);
  authRoutes(router, context, writeLimit);
  homeRoutes(router, context);
  policyRoutes(router, context);
  qaSearchRoutes(router, context);
  interpretationRoutes(router, context);
  qaRoutes(router, context, writeLimit);
  hotlineRoutes(router, context, writeLimit);
  app.use(router.routes());
  app.use(router.allowedMethods());
  const koa = app.callback();
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (!context.microcache.serve(req, res)) void koa(req, res);
  };
  const close = async () => {
    for (const { name, stop } of stops.splice(0).reverse()) {
      await Promise.resolve()
        .then(stop)
        .catch((err) => logger.warn({ err, task: name }, 'background task did not stop cleanly'));
    }
  };
  return { app, context, handler, close };
}
