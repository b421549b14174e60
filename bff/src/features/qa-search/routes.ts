import type { Router } from '@koa/router';
import { api } from '@zwgk/contracts';
import { authenticate } from '../../core/auth';
import { mount, type State } from '../../core/http';
import type { AppContext } from '../../deps';
import { QaIndex } from './index-sync';
import { searchQas } from './service';

/**
 * Mounts GET /api/v1/qa/search and starts the index that follows the portal's Q&As
 * (stopped through context.background). Returns the index so tests can wait for it.
 */
export function qaSearchRoutes(router: Router<State>, app: AppContext): QaIndex {
  const index = new QaIndex({
    portal: app.upstreams.portal,
    kv: app.kv,
    logger: app.logger,
    refreshMs: app.config.QA_INDEX_REFRESH_S * 1000,
    snapshotTtlMs: app.config.CACHE_STALE_S * 1000,
  });
  index.start();
  app.background.onClose('qa-search index', () => index.stop());
  mount(router, api.qaSearch, [authenticate(app.tokens, 'optional')], async (_ctx, { query }) => searchQas(index, query.q, query.limit));
  return index;
}
