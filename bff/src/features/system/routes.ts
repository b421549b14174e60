import type { Router } from '@koa/router';
import { api, type ReadinessResponse } from '@zwgk/contracts';
import { RawJson, type RouteKit, type State } from '../../core/http';
import { isDevelopment } from '../../config';
import type { AppContext } from '../../deps';
import { buildOpenApi } from './openapi';

const CHECK_TIMEOUT_MS = 1000;

/** One dependency check: its state and latency. Why it failed goes to the log, not the answer (it can name internal hosts). */
async function timed(name: string, app: AppContext, fn: () => Promise<unknown>): Promise<{ ok: boolean; latencyMs: number | null }> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, latencyMs: Math.round((performance.now() - t0) * 10) / 10 };
  } catch (err) {
    app.logger.warn({ check: name, err: (err as Error).message }, 'readiness check failed');
    return { ok: false, latencyMs: null };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Readiness: MongoDB and the shared store must answer, or this instance should get no
 * traffic (503). An upstream being down only degrades it (200): cached content still serves.
 */
export async function checkReadiness(app: AppContext): Promise<ReadinessResponse> {
  const { portal, caseSystem, wechat } = app.upstreams;
  const [mongo, kv, p, c, w] = await Promise.all([
    timed('mongo', app, async () => {
      if (app.mongo.readyState !== 1 || !app.mongo.db) throw new Error('not connected');
      await app.mongo.db.command({ ping: 1 });
    }),
    timed('store', app, () => app.kv.ping()),
    timed('portal', app, () => portal.ping()),
    timed('caseSystem', app, () => caseSystem.ping()),
    timed('wechat', app, () => wechat.ping()),
  ]);
  const checks = { mongo, [app.kv.mode === 'redis' ? 'redis' : 'memoryStore']: kv, portal: p, caseSystem: c, wechat: w };
  const status = !mongo.ok || !kv.ok ? 'not_ready' : [p, c, w].every((x) => x.ok) ? 'ready' : 'degraded';
  return { status, checks };
}

export function systemRoutes(kit: RouteKit, router: Router<State>, app: AppContext, version: string): void {
  const healthy = new RawJson('{"status":"ok"}');
  kit.mount(api.healthz, async () => healthy);
  kit.mount(api.readyz, async () => {
    const r = await checkReadiness(app);
    return new RawJson(JSON.stringify(r), r.status === 'not_ready' ? 503 : 200);
  });
  if (!(app.config.API_DOCS ?? isDevelopment(app.config))) return;
  let doc: string | null = null;
  router.get(['/api/docs', '/api/docs/openapi.json'], (ctx) => {
    doc ??= JSON.stringify(buildOpenApi(version), null, 2);
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = doc;
  });
}
