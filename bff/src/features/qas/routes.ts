import { api } from '@zwgk/contracts';
import { RawJson, type RouteKit } from '../../core/http';
import type { AppContext } from '../../deps';
import { envelope } from '../policies';
import { qaModels } from './model';
import { getQa, getQaFeedback, listQas, recordQaView, voteOnQa, type QaCtx } from './service';

/** Q&A list (popular/recent), Q&A detail and the "这个回答有帮助吗" feedback. */
export function qaRoutes(kit: RouteKit, app: AppContext, hooks: Pick<QaCtx, 'onVote'> = {}): void {
  const ctx: QaCtx = { ...app, models: qaModels(app.mongo), popularity: { at: 0, value: null, loading: null }, ...hooks };
  kit.mount(api.qaList, async (_c, { query }) => listQas(ctx, query));
  // Not microcached: every view is counted.
  kit.mount(api.qa, async (c, { params }) => {
    const hit = await getQa(ctx, params.id);
    void recordQaView(ctx, params.id, c.state.user ? `u:${c.state.user.id}` : `ip:${c.ip}`);
    return new RawJson(JSON.stringify(envelope(hit, { item: hit.value })));
  });
  kit.mount(api.qaFeedback, async (c, { params }) => getQaFeedback(ctx, params.id, c.state.user?.id ?? null));
  kit.mount(api.voteQa, async (c, { params, body }) =>
    voteOnQa(ctx, params.id, c.state.user!.id, body.vote, body.query),
  );
}
