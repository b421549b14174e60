import type { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { api } from '@zwgk/contracts';
import { authenticate } from '../../core/auth';
import { mount, RawJson, type State } from '../../core/http';
import type { AppContext } from '../../deps';
import { envelope } from '../policies';
import { qaModels } from './model';
import { getQa, getQaFeedback, listQas, recordQaView, voteOnQa, type QaCtx } from './service';

/** Q&A list (popular/recent), Q&A detail and the "这个回答有帮助吗" feedback. */
export function qaRoutes(router: Router<State>, app: AppContext, writeLimit: Middleware<State>): void {
  const ctx: QaCtx = { ...app, models: qaModels(app.mongo) };
  const optional = authenticate(app.tokens, 'optional');
  mount(router, api.qaList, [], async (_c, { query }) => listQas(ctx, query));
  // Not microcached: every view is counted.
  mount(router, api.qa, [optional], async (c, { params }) => {
    const hit = await getQa(ctx, params.id);
    void recordQaView(ctx, params.id, c.state.user ? `u:${c.state.user.id}` : `ip:${c.ip}`);
    return new RawJson(JSON.stringify(envelope(hit, { item: hit.value })));
  });
  mount(router, api.qaFeedback, [optional], async (c, { params }) => getQaFeedback(ctx, params.id, c.state.user?.id ?? null));
  mount(router, api.voteQa, [authenticate(app.tokens, 'citizen'), writeLimit], async (c, { params, body }) =>
    voteOnQa(ctx, params.id, c.state.user!.id, body.vote),
  );
}
