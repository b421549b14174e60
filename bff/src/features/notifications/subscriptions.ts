import { Types } from 'mongoose';
import { SubscribeFlow, type SubscribeResultRequest, type SubscriptionsResponse } from '@zwgk/contracts';
import { validationError } from '../../core/errors';
import type { AuthUser } from '../../core/http';
import type { CreditDoc } from './model';
import type { NotificationsCtx } from './service';

/** The template ids each flow asks consent for (at most 3, WeChat's older limit), and the caller's credits. */
export async function getMySubscriptions(ctx: NotificationsCtx, user: AuthUser): Promise<SubscriptionsResponse> {
  const credits = await ctx.models.Credit.find({ userId: new Types.ObjectId(user.id) }, { templateId: 1, credits: 1 }).lean<CreditDoc[]>();
  const byTemplate = new Map(credits.map((c) => [c.templateId, c.credits]));
  // Every flow the contract names, so a new flow needs no change here.
  const flows = Object.fromEntries(SubscribeFlow.options.map((f) => [f, [] as string[]])) as Record<SubscribeFlow, string[]>;
  for (const t of ctx.topics) for (const f of t.flows) if (flows[f].length < 3 && !flows[f].includes(t.templateId)) flows[f].push(t.templateId);
  return {
    flows,
    templates: ctx.topics.map((t) => ({ templateId: t.templateId, title: t.title, credits: byTemplate.get(t.templateId) ?? 0 })),
  };
}

/**
 * Records what wx.requestSubscribeMessage answered: each `accept` is one more one-time
 * credit for that template (WeChat allows one message per accept). Keyed by the request's
 * Idempotency-Key per template, so a retried request counts once. `reject`, `ban` and
 * `filter` record nothing. Resolves with the caller's subscriptions and whether the key
 * had been seen for every accepted template (a replay).
 * Errors: 400 `results.<id>` for a template this product does not use.
 */
export async function recordSubscriptions(
  ctx: NotificationsCtx,
  user: AuthUser,
  idempotencyKey: string,
  body: SubscribeResultRequest,
): Promise<{ response: SubscriptionsResponse; replayed: boolean }> {
  const known = new Set(ctx.topics.map((t) => t.templateId));
  const unknown = Object.keys(body.results).filter((id) => !known.has(id));
  if (unknown.length) throw validationError(unknown.map((id) => ({ field: `results.${id}`, message: '不是本服务使用的订阅消息模板' })));
  const userId = new Types.ObjectId(user.id);
  let applied = 0;
  let accepted = 0;
  for (const [templateId, result] of Object.entries(body.results)) {
    if (result !== 'accept') continue;
    accepted++;
    // Two steps, each atomic on one document: make sure the counter exists, then count the
    // grant unless this key was counted already (the key check and the $inc are one write).
    await ctx.models.Credit.updateOne({ userId, templateId }, { $setOnInsert: { credits: 0, grantKeys: [] } }, { upsert: true });
    const r = await ctx.models.Credit.updateOne(
      { userId, templateId, grantKeys: { $ne: idempotencyKey } },
      { $inc: { credits: 1 }, $push: { grantKeys: idempotencyKey } },
    );
    applied += r.modifiedCount;
  }
  return { response: await getMySubscriptions(ctx, user), replayed: accepted > 0 && applied === 0 };
}

/**
 * Takes one credit for a message, atomically (never below zero). Resolves false when the
 * citizen has none recorded for the template.
 */
export async function spendCredit(ctx: NotificationsCtx, userId: Types.ObjectId, templateId: string): Promise<boolean> {
  const r = await ctx.models.Credit.updateOne({ userId, templateId, credits: { $gt: 0 } }, { $inc: { credits: -1 } });
  return r.modifiedCount === 1;
}
