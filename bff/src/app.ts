import type { IncomingMessage, ServerResponse } from 'node:http';
import Koa from 'koa';
import { Router } from '@koa/router';
import { DEV_DATA_KEY, DEV_JWT_SECRET, isDevelopment, type Config } from './config';
import { createTokenService } from './core/auth';
import { SwrCache } from './core/cache';
import { createFieldCipher } from './core/crypto';
import { requestContext, routeKit, type State } from './core/http';
import { Microcache } from './core/microcache';
import { limitReads, limitWrites } from './core/rateLimit';
import { TaskRunner } from './core/tasks';
import type { AppContext, Deps } from './deps';
import { createAuth } from './features/auth';
import { homeRoutes } from './features/home';
import { policyRoutes } from './features/policies';
import { qaSearchRoutes } from './features/qa-search';
import { interpretationRoutes } from './features/interpretations';
import { qaRoutes } from './features/qas';
import { systemRoutes } from './features/system';
import { createHotline } from './features/hotline';
import { createNotifications } from './features/notifications';
import { createConsultations } from './features/consultations';
import { createMeetings } from './features/meetings';
import { staffRoutes } from './features/staff';

export const VERSION = '0.1.0';

/**
 * A secret from the configuration, or its public development value only when the
 * environment is explicitly development or test. loadConfig already refuses the rest; this
 * guards configurations built some other way (a test, a script).
 */
function secretOf(config: Config, name: 'JWT_SECRET' | 'DATA_ENCRYPTION_KEY', dev: string): string {
  const value = config[name];
  if (value) return value;
  if (!isDevelopment(config)) throw new Error(`${name} is required outside development and test`);
  return dev;
}

/**
 * Builds the Koa application from its dependencies without listening, so tests can mount
 * it on any server. Middleware order: request context (ids, error rendering, access log),
 * then one router; each route's guards and body parsing come from its contract (core/http
 * routeKit). Features are built first (adding their background tasks to the one runner),
 * then their routes are mounted, then the tasks start.
 */
export function createApp(deps: Deps): {
  app: Koa<State>;
  context: AppContext;
  /** The node:http request listener: the microcache first, then Koa. */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** Stops the background tasks; call before closing MongoDB and Redis. */
  close: () => Promise<void>;
  /** Resolves when start-up work is done (the search index's first build, which allocates heavily). */
  ready: () => Promise<void>;
} {
  const closers: Array<() => Promise<void> | void> = [];
  const { config, logger, kv } = deps;
  const { startTasks = true, ...rest } = deps;
  const context: AppContext = {
    ...rest,
    now: deps.now ?? (() => new Date()),
    cache: new SwrCache(kv.mode === 'redis' ? kv : null, logger),
    tokens: createTokenService({
      secret: secretOf(config, 'JWT_SECRET', DEV_JWT_SECRET),
      accessTtlS: config.ACCESS_TOKEN_TTL_S,
      refreshTtlS: config.REFRESH_TOKEN_TTL_S,
      kv,
    }),
    cipher: createFieldCipher(secretOf(config, 'DATA_ENCRYPTION_KEY', DEV_DATA_KEY), config.DATA_ENCRYPTION_OLD_KEYS),
    microcache: new Microcache(logger, config.ACCESS_LOG),
    tasks: new TaskRunner(kv, logger),
    writeLimit: limitWrites(kv, logger, {
      perUserPerMin: config.RATE_LIMIT_WRITES_PER_MIN,
      perIpPerMin: config.RATE_LIMIT_IP_WRITES_PER_MIN,
    }),
    readLimit: limitReads({ perIpPerMin: config.RATE_LIMIT_IP_READS_PER_MIN }),
    onClose: (stop) => void closers.push(stop),
  };
  const app = new Koa<State>();
  app.proxy = config.TRUST_PROXY;
  // Koa takes the leftmost of the last maxIpsCount entries: with N trusted hops, the address the
  // outermost of our proxies saw. Without a limit a client could name any address it likes.
  app.maxIpsCount = config.TRUST_PROXY_HOPS;
  app.silent = true; // errors are rendered and logged by requestContext

  const auth = createAuth(context);
  const notifications = createNotifications(context);
  const hotline = createHotline(context, { notify: notifications.notify });
  const consultations = createConsultations(context, { notify: notifications.notify });
  const meetings = createMeetings(context, { notify: notifications.notify });

  app.use(requestContext(logger, config.ACCESS_LOG));
  // One router for every feature: a request is matched once, not once per feature.
  const router = new Router<State>();
  const kit = routeKit(router, context);
  systemRoutes(kit, router, context, VERSION);
  auth.routes(kit);
  homeRoutes(kit, context);
  policyRoutes(kit, context);
  const qaIndex = qaSearchRoutes(kit, context);
  interpretationRoutes(kit, context);
  qaRoutes(kit, context);
  hotline.routes(kit);
  notifications.routes(kit);
  consultations.routes(kit);
  meetings.routes(kit);
  staffRoutes(kit, context, { tools: [hotline.workbenchTool, consultations.workbenchTool, meetings.workbenchTool] });
  app.use(router.routes());
  app.use(router.allowedMethods());
  if (startTasks) context.tasks.start();

  const koa = app.callback();
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (!context.microcache.serve(req, res)) void koa(req, res);
  };
  const close = async () => {
    await context.tasks.stop();
    for (const stop of closers.splice(0).reverse()) {
      await Promise.resolve()
        .then(stop)
        .catch((err) => logger.warn({ err }, 'a background part did not stop cleanly'));
    }
  };
  return { app, context, handler, close, ready: () => qaIndex.ready() };
}
