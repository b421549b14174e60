import { api } from '@zwgk/contracts';
import { RawJson, type RouteKit } from '../../core/http';
import type { AppContext } from '../../deps';
import { envelope } from '../policies';
import { getInterpretation } from './service';

/** Interpretation detail. */
export function interpretationRoutes(kit: RouteKit, app: AppContext): void {
  kit.mount(api.interpretation, async (_c, { params }) => {
    const hit = await getInterpretation(app, params.id);
    return new RawJson(JSON.stringify(envelope(hit, { item: hit.value })));
  }, { microcache: { cache: app.microcache, ttlMs: app.config.MICROCACHE_MS } });
}
