import { usePullDownRefresh } from '@tarojs/taro';
import { showToast, stopPullDownRefresh, usePageParams } from '@/services';
import { ReportPreview } from '../../components/ReportPreview';
import { useReportPreview } from '../../hooks/useReportPreview';

/** `?id=con-001`: the adoption report of that consultation (preview, then published). */
export default function ReportPage() {
  const { id = '' } = usePageParams();
  const preview = useReportPreview(id);
  usePullDownRefresh(async () => {
    const [error] = await Promise.all([preview.report.refresh(), preview.overview.refresh()]);
    stopPullDownRefresh();
    if (error) showToast(error);
  });
  return <ReportPreview preview={preview} />;
}
