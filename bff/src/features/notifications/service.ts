import { Types } from 'mongoose';
import type { NotificationItem, NotificationKind, NotificationPage } from '@zwgk/contracts';
import type { AuthUser } from '../../core/http';
import { createOnce } from '../../core/idempotency';
import type { AppContext } from '../../deps';
import type { NotificationDoc, NotificationModels, PushState } from './model';
import type { Topic } from './topics';

export type NotificationsCtx = AppContext & { models: NotificationModels; topics: Topic[]; kickSender(): void };

/** What a feature asks to tell a citizen. */
export interface NotificationInput {
  userId: string | Types.ObjectId;
  /** Names the event, e.g. `hotline:RX-…:accepted`: the same event is told once, however often it is asked. */
  eventId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  /** A subscribe message on top of the inbox copy: the topic and the values its template's keywords take. */
  push?: { topic: string; data: Record<string, string> };
}

/** The function features call to tell a citizen something. */
export type Notify = (n: NotificationInput) => Promise<{ created: boolean }>;

/**
 * The subscribe-message state a new notification starts in: `pending` when its topic has a
 * template and the citizen has a credit recorded for it (the sender takes the credit);
 * `skipped` without one (the inbox copy is the message; no outbox item is made); `none` when
 * no message was asked for.
 */
async function pushStateOf(ctx: NotificationsCtx, n: NotificationInput, userId: Types.ObjectId, now: Date): Promise<PushState> {
  const topic = n.push ? ctx.topics.find((t) => t.name === n.push!.topic) : undefined;
  const credited = !!topic && !!(await ctx.models.Credit.exists({ userId, templateId: topic.templateId, credits: { $gt: 0 } }));
  return {
    state: !topic ? 'none' : credited ? 'pending' : 'skipped',
    attempts: 0,
    nextAttemptAt: now,
    leaseId: null,
    lastError: topic && !credited ? 'no credit recorded' : null,
    topic: topic?.name ?? null,
    data: n.push?.data ?? {},
    page: n.link,
    creditSpent: false,
    templateId: null,
    msgid: null,
  };
}

/**
 * Stores a notification in its recipient's inbox (the source of truth) and queues its
 * subscribe message, in one keyed upsert on {userId, eventId}: asked twice, by two
 * instances or after a crash, the event is stored and sent once. Resolves with whether
 * this call stored it.
 */
export async function notify(ctx: NotificationsCtx, n: NotificationInput): Promise<{ created: boolean }> {
  const now = ctx.now();
  const userId = new Types.ObjectId(String(n.userId));
  const push = await pushStateOf(ctx, n, userId, now);
  const { doc, created } = await createOnce<NotificationDoc>(
    ctx.models.Notification,
    { userId, eventId: n.eventId },
    () => ({ kind: n.kind, title: n.title, body: n.body, link: n.link, readAt: null, push }),
    now,
  );
  if (created && doc.push.state === 'pending') ctx.kickSender();
  return { created };
}

function toItem(d: NotificationDoc): NotificationItem {
  return {
    id: String(d._id),
    kind: d.kind,
    title: d.title,
    body: d.body,
    link: d.link,
    createdAt: new Date(d.createdAt).toISOString(),
    readAt: d.readAt ? new Date(d.readAt).toISOString() : null,
  };
}

/** How many of the citizen's messages are unread. */
export function countUnread(ctx: NotificationsCtx, user: AuthUser): Promise<number> {
  return ctx.models.Notification.countDocuments({ userId: new Types.ObjectId(user.id), readAt: null });
}

/** 我的消息: the citizen's own messages, newest first, with the unread count. */
export async function listMyNotifications(ctx: NotificationsCtx, user: AuthUser, page: number, pageSize: number): Promise<NotificationPage> {
  const userId = new Types.ObjectId(user.id);
  const [docs, total, unread] = await Promise.all([
    ctx.models.Notification.find({ userId }, { push: 0 })
      .sort({ createdAt: -1, _id: -1 })
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .lean<NotificationDoc[]>(),
    ctx.models.Notification.countDocuments({ userId }),
    countUnread(ctx, user),
  ]);
  return { items: docs.map(toItem), page, pageSize, total, unread };
}

/**
 * Marks messages read: the given ids (only the caller's own; others' and unknown ids are
 * ignored, so nobody learns which ids exist) or all of them. Resolves with the unread count.
 */
export async function markNotificationsRead(ctx: NotificationsCtx, user: AuthUser, body: { ids?: string[]; all?: true }): Promise<{ unread: number }> {
  const userId = new Types.ObjectId(user.id);
  const filter: Record<string, unknown> = { userId, readAt: null };
  if (body.ids) filter._id = { $in: body.ids.map((id) => new Types.ObjectId(id)) };
  await ctx.models.Notification.updateMany(filter, { $set: { readAt: ctx.now() } });
  return { unread: await countUnread(ctx, user) };
}
