import { useCallback, useEffect, useState } from 'react';
import type { NotificationItem, NotificationPage } from '@zwgk/contracts';
import { usePagedList, type UsePagedList } from '@/hooks';
import { messageOf, openAppLink, refreshUnreadCount, setUnreadCount, showToast } from '@/services';
import { listNotifications, markAllNotificationsRead, markNotificationsRead } from '../api';
import { useUnreadCount } from './useUnread';

export const INBOX_PAGE_SIZE = 20;

export interface UseInbox {
  list: UsePagedList<NotificationItem, NotificationPage>;
  unread: number;
  /** Opens the message's page (if it has one) and marks it read. */
  open: (item: NotificationItem) => void;
  /** 全部已读. */
  markAllRead: () => Promise<void>;
  markingAll: boolean;
  /** Why 全部已读 failed, until the next try. */
  actionError: string | null;
}

/**
 * 我的消息: the citizen's messages page by page, newest first. Opening one marks it read at
 * once on screen (and on the 我的 badge) and then on the server; the server's count wins.
 */
export function useInbox(pageSize = INBOX_PAGE_SIZE): UseInbox {
  const list = usePagedList((page) => listNotifications(page, pageSize), (n: NotificationItem) => n.id, [pageSize]);
  const unread = useUnreadCount();
  const [markingAll, setMarkingAll] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const { updateItems } = list;

  const last = list.state.status === 'ok' ? list.state.last : null;
  useEffect(() => {
    if (last) setUnreadCount(last.unread);
  }, [last]);

  const open = useCallback(
    (item: NotificationItem) => {
      if (item.link) {
        void openAppLink(item.link).then((opened) => {
          if (!opened) showToast('无法打开这条消息对应的页面');
        });
      }
      if (item.readAt) return;
      const readAt = new Date().toISOString();
      updateItems((items) => items.map((n) => (n.id === item.id ? { ...n, readAt } : n)));
      setUnreadCount(Math.max(0, unread - 1));
      markNotificationsRead([item.id])
        .then((res) => setUnreadCount(res.unread))
        // The message is already shown read; the next load tells the truth.
        .catch(() => void refreshUnreadCount());
    },
    [unread, updateItems],
  );

  const markAllRead = useCallback(async () => {
    setMarkingAll(true);
    setActionError(null);
    try {
      const res = await markAllNotificationsRead();
      const readAt = new Date().toISOString();
      updateItems((items) => items.map((n) => (n.readAt ? n : { ...n, readAt })));
      setUnreadCount(res.unread);
    } catch (error) {
      setActionError(messageOf(error));
    } finally {
      setMarkingAll(false);
    }
  }, [updateItems]);

  return { list, unread, open, markAllRead, markingAll, actionError };
}
