import type { Router } from '@koa/router';
import { api } from '@zwgk/contracts';
import { mount, RawJson, type State } from '../../core/http';
import type { AppContext } from '../../deps';
import { envelope } from './catalog';
import { getPolicy, listPolicies, listTopics } from './service';

/** Policy list, policy detail (with its interpretations and Q&As) and topics. */
export function policyRoutes(router: Router<State>, app: AppContext): void {
  // Anonymous reads of public content may be answered from the microcache for a moment.
  const micro = { microcache: { cache: app.microcache, ttlMs: app.config.MICROCACHE_MS } };
  mount(router, api.policyList, [], async (_c, { query }) => new RawJson(JSON.stringify(await listPolicies(app, query))), micro);
  mount(router, api.policy, [], async (_c, { params }) => {
    const hit = await getPolicy(app, params.id);
    return new RawJson(JSON.stringify(envelope(hit, { item: hit.value })));
  }, micro);
  mount(router, api.topics, [], async () => {
    const hit = await listTopics(app);
    return new RawJson(JSON.stringify(envelope(hit, { items: hit.value })));
  }, micro);
}
