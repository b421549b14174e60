import { api } from '@zwgk/contracts';
import { RawJson, type RouteKit } from '../../core/http';
import type { AppContext } from '../../deps';
import { envelope } from './catalog';
import { getPolicy, listPolicies, listTopics } from './service';

/** Policy list, policy detail (with its interpretations and Q&As) and topics. */
export function policyRoutes(kit: RouteKit, app: AppContext): void {
  // Anonymous reads of public content may be answered from the microcache for a moment.
  const micro = { microcache: { cache: app.microcache, ttlMs: app.config.MICROCACHE_MS } };
  kit.mount(api.policyList, async (_c, { query }) => new RawJson(JSON.stringify(await listPolicies(app, query))), micro);
  kit.mount(api.policy, async (_c, { params }) => {
    const hit = await getPolicy(app, params.id);
    return new RawJson(JSON.stringify(envelope(hit, { item: hit.value })));
  }, micro);
  kit.mount(api.topics, async () => {
    const hit = await listTopics(app);
    return new RawJson(JSON.stringify(envelope(hit, { items: hit.value })));
  }, micro);
}
