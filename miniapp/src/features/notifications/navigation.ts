import { openAppLink } from '@/services';

/** The page of the notifications subpackage. */
export const INBOX_PAGE = '/features/notifications/pages/inbox/index';

/** Opens 我的消息. */
export function openInbox(): void {
  void openAppLink(INBOX_PAGE);
}
