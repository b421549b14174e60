import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { NotificationKind } from '@zwgk/contracts';
import type { OutboxState } from '../../core/outbox';

/**
 * What became of a notification's WeChat subscribe message. `state` is the outbox state:
 * `pending` (queued), then one of `sent`, `skipped` (no template or no credit recorded:
 * inbox only), `refused` (WeChat said 43101: no credit on its side), `failed` (bad data,
 * unknown template or openid, or kept failing), `unknown` (the instance died while sending:
 * not repeated, since a repeat could deliver twice), `none` (no message was asked for).
 */
export interface PushState extends OutboxState {
  topic: string | null;
  data: Record<string, string>;
  page: string | null;
  /** A one-time credit was taken for this message (so a retry does not take a second). */
  creditSpent: boolean;
  /** Set just before a send request leaves: a lease that runs out with it set may have delivered. */
  sending?: boolean;
  /** Template the credit was taken for. */
  templateId: string | null;
  msgid: string | null;
}

/** One message of a citizen's inbox; also the outbox item of its subscribe message. */
export interface NotificationDoc {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  /** The event it tells about, e.g. `hotline:RX-20261201-7KQ2MZ:closed:3`: unique per recipient. */
  eventId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  readAt: Date | null;
  push: PushState;
  createdAt: Date;
  updatedAt: Date;
}

/** One-time subscribe-message credits a citizen granted for one template. */
export interface CreditDoc {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  templateId: string;
  credits: number;
  /** Idempotency-Keys of the grants already counted (a retried grant counts once). */
  grantKeys: string[];
  updatedAt: Date;
}

export interface NotificationModels {
  Notification: Model<NotificationDoc>;
  Credit: Model<CreditDoc>;
}

export function notificationModels(conn: Connection): NotificationModels {
  if (conn.models.Notification) {
    return { Notification: conn.models.Notification as Model<NotificationDoc>, Credit: conn.models.SubscribeCredit as Model<CreditDoc> };
  }
  const notification = new Schema<NotificationDoc>(
    {
      userId: { type: Schema.Types.ObjectId, required: true },
      eventId: { type: String, required: true },
      kind: { type: String, required: true },
      title: { type: String, required: true },
      body: { type: String, required: true },
      link: { type: String, default: null },
      readAt: { type: Date, default: null },
      push: { type: Schema.Types.Mixed, required: true },
    },
    { timestamps: true, collection: 'notifications', minimize: false },
  );
  // Uniqueness comes from the upsert on {userId, eventId}; the index guards it on a real MongoDB.
  notification.index({ userId: 1, eventId: 1 }, { unique: true });
  notification.index({ userId: 1, createdAt: -1 });
  notification.index({ userId: 1, readAt: 1 });
  notification.index({ 'push.state': 1, 'push.nextAttemptAt': 1 });

  const credit = new Schema<CreditDoc>(
    {
      userId: { type: Schema.Types.ObjectId, required: true },
      templateId: { type: String, required: true },
      credits: { type: Number, default: 0 },
      grantKeys: { type: [String], default: [] },
    },
    { timestamps: { createdAt: false, updatedAt: true }, collection: 'subscribe_credits' },
  );
  credit.index({ userId: 1, templateId: 1 }, { unique: true });

  return {
    Notification: conn.model<NotificationDoc>('Notification', notification),
    Credit: conn.model<CreditDoc>('SubscribeCredit', credit),
  };
}
