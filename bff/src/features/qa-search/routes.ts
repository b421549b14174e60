import { api } from '@zwgk/contracts';
import type { RouteKit } from '../../core/http';
import type { AppContext } from '../../deps';
import { QaIndex } from './index-sync';
import { senseGroups } from './engine';
import { LearningStore, type SignalKind } from './learning';
import { segmenter } from './normalize';
import { recordSearchSignal, searchQas } from './service';

/** What the Q&A search hands the rest of the app: its index, and the hook that turns votes into learning. */
export interface QaSearchFeature {
  index: QaIndex;
  /** Counts a "这个回答有帮助吗" vote given after searching `query` (errors are logged, never thrown). */
  onVote(userId: string, query: string, qaId: string, vote: Extract<SignalKind, 'helpful' | 'unhelpful'>): Promise<void>;
}

/**
 * Mounts GET /api/v1/qa/search and POST /api/v1/qa/search/opened, and starts the index that
 * follows the portal's Q&As and the learning signals' reload (tasks of the app's runner).
 * Returns the index (so tests can wait for it) and the vote hook.
 */
export function qaSearchRoutes(kit: RouteKit, app: AppContext): QaSearchFeature {
  // Loading the segmenter's dictionary blocks for about a second: do it while the app is
  // built, before the server listens, not inside the first requests.
  segmenter();
  senseGroups();
  const index = new QaIndex({
    portal: app.upstreams.portal,
    kv: app.kv,
    logger: app.logger,
    refreshMs: app.config.QA_INDEX_REFRESH_S * 1000,
    snapshotTtlMs: app.config.CACHE_STALE_S * 1000,
  });
  index.start(app.tasks);
  app.onClose(() => index.stop());
  const learning = new LearningStore(app.mongo, app.logger.child({ feature: 'qa-search' }), app.now);
  app.tasks.add({ name: 'qa-search-learning', everyMs: app.config.QA_INDEX_REFRESH_S * 1000, run: () => learning.refresh() });
  kit.mount(api.qaSearch, async (_ctx, { query }) => searchQas(index, query.q, query.limit, learning));
  kit.mount(api.qaSearchOpened, async (ctx, { body }) => {
    const userKey = ctx.state.user ? `u:${ctx.state.user.id}` : `ip:${ctx.ip}`;
    return { recorded: await recordSearchSignal(index, learning, userKey, body.q, body.qaId, 'opened') };
  });
  return {
    index,
    async onVote(userId, query, qaId, vote) {
      try {
        await recordSearchSignal(index, learning, `u:${userId}`, query, qaId, vote);
      } catch (err) {
        app.logger.warn({ err: (err as Error).message }, 'a vote could not be recorded as a search signal');
      }
    },
  };
}
