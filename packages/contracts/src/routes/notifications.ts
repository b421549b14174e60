import { IdempotencyHeaders } from '../common';
import {
  NotificationListQuery,
  NotificationPage,
  NotificationReadRequest,
  NotificationUnread,
  SubscribeResultRequest,
  SubscriptionsResponse,
} from '../notifications';
import { route, type RouteContract } from '../route';

/** 我的消息 (the inbox) and WeChat subscribe-message credits. */
export const notificationsApi = {
  myNotifications: route({
    method: 'get',
    path: '/api/v1/me/notifications',
    summary: '我的消息（分页，最新在前，含未读数）',
    auth: 'citizen',
    query: NotificationListQuery,
    response: NotificationPage,
  }),
  myUnread: route({
    method: 'get',
    path: '/api/v1/me/notifications/unread',
    summary: '未读消息数（“我的”角标）',
    auth: 'citizen',
    response: NotificationUnread,
  }),
  readNotifications: route({
    method: 'post',
    path: '/api/v1/me/notifications/read',
    summary: '将消息标为已读（指定 ids，或 all: true 全部）',
    auth: 'citizen',
    limit: 'write',
    body: NotificationReadRequest,
    response: NotificationUnread,
  }),
  mySubscriptions: route({
    method: 'get',
    path: '/api/v1/me/subscriptions',
    summary: '订阅消息：各流程要申请的模板及本人已有的一次性额度',
    auth: 'citizen',
    response: SubscriptionsResponse,
  }),
  recordSubscriptions: route({
    method: 'post',
    path: '/api/v1/me/subscriptions',
    summary: '记录 wx.requestSubscribeMessage 的结果：每个 accept 记一次额度（须带 Idempotency-Key）',
    auth: 'citizen',
    limit: 'write',
    headers: IdempotencyHeaders,
    body: SubscribeResultRequest,
    response: SubscriptionsResponse,
    status: 201,
  }),
} satisfies Record<string, RouteContract>;
