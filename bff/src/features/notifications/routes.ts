import { api } from '@zwgk/contracts';
import { Keyed, type RouteKit } from '../../core/http';
import { countUnread, listMyNotifications, markNotificationsRead, type NotificationsCtx } from './service';
import { getMySubscriptions, recordSubscriptions } from './subscriptions';

/** 我的消息 and subscribe-message credits. */
export function notificationRoutes(kit: RouteKit, ctx: NotificationsCtx): void {
  kit.mount(api.myNotifications, async (c, { query }) => listMyNotifications(ctx, c.state.user!, query.page, query.pageSize));
  kit.mount(api.myUnread, async (c) => ({ unread: await countUnread(ctx, c.state.user!) }));
  kit.mount(api.readNotifications, async (c, { body }) => markNotificationsRead(ctx, c.state.user!, body));
  kit.mount(api.mySubscriptions, async (c) => getMySubscriptions(ctx, c.state.user!));
  kit.mount(api.recordSubscriptions, async (c, { headers, body }) => {
    const { response, replayed } = await recordSubscriptions(ctx, c.state.user!, headers['idempotency-key'], body);
    return new Keyed(response, replayed);
  });
}
