import { useDidShow } from '@tarojs/taro';
import { MineView, useSession } from '@/features/account';

export default function MinePage() {
  const session = useSession();
  useDidShow(session.reloadUser);
  return <MineView {...session} />;
}
