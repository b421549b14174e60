import { api } from '@zwgk/contracts';
import { RawJson, type RouteKit } from '../../core/http';
import type { AppContext } from '../../deps';
import { getHomeFeed } from './service';

/**
 * The home feed is the busiest route: the assembled JSON is kept for a moment (HOME_MEMO_MS)
 * and built by one request at a time, so a burst of citizens costs one assembly, not one each.
 */
export function homeRoutes(kit: RouteKit, app: AppContext): void {
  let memo: { at: number; json: string } | null = null;
  let building: Promise<string> | null = null;
  const build = () =>
    (building ??= getHomeFeed(app)
      .then((feed) => {
        const json = JSON.stringify(feed);
        memo = { at: Date.now(), json };
        return json;
      })
      .finally(() => {
        building = null;
      }));
  kit.mount(api.home, async () => {
    if (memo && Date.now() - memo.at < app.config.HOME_MEMO_MS) return new RawJson(memo.json);
    return new RawJson(await build());
  }, { microcache: { cache: app.microcache, ttlMs: app.config.MICROCACHE_MS } });
}
