import { usePullDownRefresh } from '@tarojs/taro';
import { showToast, stopPullDownRefresh } from '@/services';
import { ModerationDesk } from '../../components/ModerationDesk';
import { useModerationDesk } from '../../hooks/useModerationDesk';

export default function ModerationPage() {
  const desk = useModerationDesk();
  usePullDownRefresh(async () => {
    const [error] = await Promise.all([desk.queue.refresh(), desk.consultations.refresh()]);
    stopPullDownRefresh();
    if (error) showToast(error);
  });
  return <ModerationDesk desk={desk} />;
}
