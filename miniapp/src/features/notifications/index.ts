// 我的消息's entry for the main package: the unread count and badge, and the way to the inbox.
// The inbox page imports its components directly, so they stay in the subpackage.
export { useUnreadCount, useUnreadBadge } from './hooks/useUnread';
export { INBOX_PAGE, openInbox } from './navigation';
