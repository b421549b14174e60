import { useDidShow } from '@tarojs/taro';
import { MineView, useSession } from '@/features/account';
import { useUnreadBadge, useUnreadCount } from '@/features/notifications';

export default function MinePage() {
  const session = useSession();
  useDidShow(session.reloadUser);
  const unread = useUnreadCount();
  useUnreadBadge();
  return <MineView {...session} unread={unread} />;
}
