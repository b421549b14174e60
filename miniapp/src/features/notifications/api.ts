import { api } from '@zwgk/contracts';
import { call } from '@/services';

/**
 * 我的消息's calls to the BFF, in one place so screens and hooks never spell paths.
 * Every function throws ApiError with a Chinese message (see services/client.ts).
 */

/** One page of the citizen's messages, newest first, with the unread count. */
export function listNotifications(page: number, pageSize: number) {
  return call(api.myNotifications, { query: { page, pageSize } });
}

/** Marks some messages read; resolves to the unread count left. */
export function markNotificationsRead(ids: string[]) {
  return call(api.readNotifications, { body: { ids } });
}

/** Marks every message read; resolves to the unread count left (0). */
export function markAllNotificationsRead() {
  return call(api.readNotifications, { body: { all: true } });
}
