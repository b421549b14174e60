import type { Router } from '@koa/router';
import { api } from '@zwgk/contracts';
import { mount, RawJson, type State } from '../../core/http';
import type { AppContext } from '../../deps';
import { envelope } from '../policies';
import { getInterpretation } from './service';

/** Interpretation detail. */
export function interpretationRoutes(router: Router<State>, app: AppContext): void {
  mount(router, api.interpretation, [], async (_c, { params }) => {
    const hit = await getInterpretation(app, params.id);
    return new RawJson(JSON.stringify(envelope(hit, { item: hit.value })));
  }, { microcache: { cache: app.microcache, ttlMs: app.config.MICROCACHE_MS } });
}
