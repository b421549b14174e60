import { UpstreamError } from '../../core/errors';
import { createOutbox, type DeliveryOutcome, type Outbox } from '../../core/outbox';
import { checkTemplateData, WechatSendError, type WechatFieldType } from '../../upstream/wechat/client';
import { authModels } from '../auth/model';
import type { NotificationDoc } from './model';
import { spendCredit } from './subscriptions';
import type { NotificationsCtx } from './service';

/** A template keyword's type is its name without the number: thing2 → thing. */
function fieldTypes(fields: Record<string, string>): Record<string, WechatFieldType> {
  return Object.fromEntries(Object.keys(fields).map((k) => [k, k.replace(/\d+$/, '') as WechatFieldType]));
}

/**
 * The subscribe-message sender: an outbox over the notifications' `push` state, so every
 * stored notification that asked for one is sent at most once, in the background, with
 * retries while WeChat is down or failing.
 *
 * Per message: the template of its topic (none configured → `skipped`); one credit of the
 * citizen's for it, taken once (none recorded → `skipped`: the inbox copy is the message);
 * the data checked against the template's keyword types (bad → `failed`, never sent); then
 * the send. WeChat's answers: 43101 → `refused` (no credit on WeChat's side; not retried);
 * 47003/40037/40003 → `failed`; token errors are refreshed inside the adapter; outages,
 * 5xx and timeouts → retried with backoff.
 *
 * Exactly once: the notification is keyed by {userId, eventId}, so an event is one outbox
 * item however often it is told. WeChat's send cannot be deduplicated on its side, so an
 * item whose previous lease ran out mid-send (its instance was killed) is marked `unknown`
 * and not sent again: a repeat could reach the citizen twice, and the inbox already holds it.
 */
export function startSender(ctx: NotificationsCtx): Outbox {
  const cfg = ctx.config;
  const users = authModels(ctx.mongo).User;
  const done = (state: string, set: Record<string, unknown> = {}): DeliveryOutcome => ({ kind: 'done', state, set });

  async function deliver(doc: NotificationDoc): Promise<DeliveryOutcome> {
    const push = doc.push;
    const topic = ctx.topics.find((t) => t.name === push.topic);
    if (!topic) return done('skipped', { 'push.lastError': 'no template configured' });
    const data: Record<string, string> = {};
    for (const [keyword, name] of Object.entries(topic.fields)) data[keyword] = push.data[name] ?? '';
    const checked = checkTemplateData(fieldTypes(topic.fields), data);
    if (!checked.ok) return { kind: 'failed', error: `data does not fit the template: ${checked.problems.join('; ')}` };
    const user = await users.findById(doc.userId, { openid: 1 }).lean();
    if (!user) return { kind: 'failed', error: 'recipient no longer exists' };
    // Marked (guarded by our lease) before the credit is taken and before the request leaves:
    // a crash after this point never takes a second credit, and is known to be mid-send.
    const marked = await ctx.models.Notification.updateOne(
      { _id: doc._id, 'push.leaseId': push.leaseId },
      { $set: { 'push.creditSpent': true, 'push.templateId': topic.templateId, 'push.sending': true } },
    );
    if (marked.matchedCount === 0) return { kind: 'retry', error: 'lease lost before sending' };
    if (!push.creditSpent && !(await spendCredit(ctx, doc.userId, topic.templateId))) return done('skipped', { 'push.lastError': 'no credit recorded' });
    try {
      const { msgid } = await ctx.upstreams.wechat.sendSubscribeMessage({
        touser: user.openid,
        templateId: topic.templateId,
        page: push.page?.replace(/^\//, '') ?? undefined,
        data: checked.data,
        miniprogramState: cfg.WECHAT_MINIPROGRAM_STATE,
        lang: 'zh_CN',
      });
      return done('sent', { 'push.msgid': msgid });
    } catch (err) {
      if (err instanceof WechatSendError) {
        if (err.kind === 'no_credit') return done('refused', { 'push.lastError': err.message });
        return { kind: 'failed', error: err.message };
      }
      return { kind: 'retry', error: (err as Error).message, unreachable: err instanceof UpstreamError && err.kind !== 'rejected' };
    }
  }

  return createOutbox<NotificationDoc>(ctx.tasks, {
    name: 'notification-sender',
    model: ctx.models.Notification,
    field: 'push',
    concurrency: cfg.NOTIFY_SEND_CONCURRENCY,
    pollMs: cfg.NOTIFY_SEND_POLL_MS,
    leaseMs: cfg.NOTIFY_SEND_LEASE_MS,
    backoffMs: cfg.NOTIFY_SEND_BACKOFF_MS,
    maxBackoffMs: cfg.NOTIFY_SEND_MAX_BACKOFF_MS,
    maxAttempts: cfg.NOTIFY_SEND_MAX_ATTEMPTS,
    // A citizen's submission reaching the case system matters more than a message about it.
    yieldTo: { tasks: ['hotline-forwarder'] },
    logger: ctx.logger,
    now: ctx.now,
    deliver,
    // An instance that died before its send started left nothing behind: send. One that died
    // with the request possibly out may have delivered it: do not risk a second copy.
    async onAbandoned(doc) {
      if (!doc.push.sending) return 'deliver';
      return done('unknown', { 'push.lastError': 'instance stopped while sending; not repeated' });
    },
  });
}
