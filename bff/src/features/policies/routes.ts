import type { Router } from '@koa/router';
import { api } from '@zwgk/contracts';
import { notFound } from '../../core/errors';
import { mount, RawJson, type State } from '../../core/http';
import type { AppContext } from '../../deps';
import { getPolicy } from './service';

export function policyRoutes(router: Router<State>, app: AppContext): void {
  mount(router, api.policy, [], async (_c, { params }) => {
    const hit = await getPolicy(app, params.id);
    if (hit.value === null) throw notFound('没有找到这份政策文件，可能已被撤下');
    // Spliced from the cached string: no re-serialisation of the policy text per request.
    return new RawJson(`{"status":"${hit.status}","updatedAt":"${new Date(hit.storedAt).toISOString()}","item":${hit.json}}`);
  }, { microcache: { cache: app.microcache, ttlMs: app.config.MICROCACHE_MS } });
}
