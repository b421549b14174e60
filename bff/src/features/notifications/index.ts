import type { Outbox } from '../../core/outbox';
import type { RouteKit } from '../../core/http';
import type { AppContext } from '../../deps';
import { notificationModels } from './model';
import { notificationRoutes } from './routes';
import { startSender } from './sender';
import { notify, type NotificationsCtx, type Notify } from './service';
import { topicsOf } from './topics';

export type { Notify, NotificationInput } from './service';
export { notificationModels } from './model';

export interface NotificationsFeature {
  /** Tells a citizen something: inbox first, then a subscribe message when they have credit. */
  notify: Notify;
  sender: Outbox;
  routes(kit: RouteKit): void;
}

/** Builds the notifications feature: the inbox, subscribe credits and the sender task. */
export function createNotifications(app: AppContext): NotificationsFeature {
  let sender: Outbox | null = null;
  const ctx: NotificationsCtx = { ...app, models: notificationModels(app.mongo), topics: topicsOf(app.config), kickSender: () => sender?.kick() };
  sender = startSender(ctx);
  // Messages are kept NOTIFICATION_RETENTION_DAYS, then deleted (the inbox is not an archive).
  app.tasks.add({
    name: 'notification-retention',
    everyMs: 86_400_000,
    singleton: { lockMs: 600_000 },
    run: async () => {
      const cutoff = new Date(ctx.now().getTime() - app.config.NOTIFICATION_RETENTION_DAYS * 86_400_000);
      return (await ctx.models.Notification.deleteMany({ createdAt: { $lt: cutoff } })).deletedCount ?? 0;
    },
  });
  return { notify: (n) => notify(ctx, n), sender, routes: (kit) => notificationRoutes(kit, ctx) };
}
