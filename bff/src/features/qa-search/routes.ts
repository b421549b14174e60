import { api } from '@zwgk/contracts';
import type { RouteKit } from '../../core/http';
import type { AppContext } from '../../deps';
import { QaIndex } from './index-sync';
import { segmenter } from './normalize';
import { searchQas } from './service';

/**
 * Mounts GET /api/v1/qa/search and starts the index that follows the portal's Q&As (its
 * refresh is a task of the app's runner). Returns the index so tests can wait for it.
 */
export function qaSearchRoutes(kit: RouteKit, app: AppContext): QaIndex {
  // Loading the segmenter's dictionary blocks for about a second: do it while the app is
  // built, before the server listens, not inside the first requests.
  segmenter();
  const index = new QaIndex({
    portal: app.upstreams.portal,
    kv: app.kv,
    logger: app.logger,
    refreshMs: app.config.QA_INDEX_REFRESH_S * 1000,
    snapshotTtlMs: app.config.CACHE_STALE_S * 1000,
  });
  index.start(app.tasks);
  app.onClose(() => index.stop());
  kit.mount(api.qaSearch, async (_ctx, { query }) => searchQas(index, query.q, query.limit));
  return index;
}
