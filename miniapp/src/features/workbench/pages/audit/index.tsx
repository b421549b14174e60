import { usePullDownRefresh } from '@tarojs/taro';
import { showToast, stopPullDownRefresh } from '@/services';
import { AuditLog } from '../../components/AuditLog';
import { useAuditLog } from '../../hooks/useAuditLog';

export default function AuditPage() {
  const audit = useAuditLog();
  usePullDownRefresh(async () => {
    const error = await audit.list.refresh();
    stopPullDownRefresh();
    if (error) showToast(error);
  });
  return <AuditLog audit={audit} />;
}
