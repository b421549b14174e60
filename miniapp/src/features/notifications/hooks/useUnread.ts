import { useDidShow } from '@tarojs/taro';
import { useSyncExternalStore } from 'react';
import { applyUnreadBadge, getUnreadCount, refreshUnreadCount, subscribeUnread } from '@/services';

/** The citizen's unread message count (0 signed out), kept current by the inbox and the badge. */
export function useUnreadCount(): number {
  return useSyncExternalStore(subscribeUnread, getUnreadCount, getUnreadCount);
}

/**
 * For tab pages and the app: whenever it is shown, draws the known count on the 我的 tab at once
 * and re-reads it from the BFF.
 */
export function useUnreadBadge(): void {
  useDidShow(() => {
    applyUnreadBadge();
    void refreshUnreadCount();
  });
}
