import { usePullDownRefresh } from '@tarojs/taro';
import { showToast, stopPullDownRefresh, usePageParams } from '@/services';
import { MeetingWork } from '../../components/MeetingWork';
import { useMeetingWork } from '../../hooks/useMeetingWork';

/** `?id=mt-001`: that meeting's applications, review or draw, and opinions. */
export default function MeetingWorkPage() {
  const { id = '' } = usePageParams();
  const work = useMeetingWork(id);
  usePullDownRefresh(async () => {
    const [error] = await Promise.all([work.meetings.refresh(), work.applications.refresh(), work.draw.refresh(), work.detail.refresh()]);
    stopPullDownRefresh();
    if (error) showToast(error);
  });
  return <MeetingWork work={work} />;
}
