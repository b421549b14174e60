import { usePullDownRefresh } from '@tarojs/taro';
import { showToast, stopPullDownRefresh } from '@/services';
import { OpenDayDesk } from '../../components/OpenDayDesk';
import { useOpenDayDesk } from '../../hooks/useOpenDayDesk';

export default function OpenDayDeskPage() {
  const desk = useOpenDayDesk();
  usePullDownRefresh(async () => {
    const [error] = await Promise.all([desk.days.refresh(), desk.registrations.refresh()]);
    stopPullDownRefresh();
    if (error) showToast(error);
  });
  return <OpenDayDesk desk={desk} />;
}
