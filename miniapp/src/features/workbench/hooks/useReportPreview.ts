import { useCallback, useState } from 'react';
import type { ConsultationReportResponse, StaffConsultation } from '@zwgk/contracts';
import { useRemote, type UseRemote } from '@/hooks';
import { confirmAction, messageOf } from '@/services';
import { getStaffConsultation, previewReport, publishReport } from '../api';
import { busy, done, failed, idle, type ActionState } from '../lib/actions';

export interface UseReportPreview {
  id: string;
  overview: UseRemote<StaffConsultation>;
  /** The report as the dispositions make it now (the published one once it is). */
  report: UseRemote<ConsultationReportResponse>;
  /** 发布采纳情况, after the person confirms; the server refuses (409) naming how many comments remain. */
  publish: () => Promise<void>;
  publishState: ActionState;
}

/** The adoption report's preview with the working days since the close, and its publication. */
export function useReportPreview(id: string): UseReportPreview {
  const overview = useRemote(() => getStaffConsultation(id), [id]);
  const report = useRemote(() => previewReport(id), [id]);
  const [publishState, setPublishState] = useState<ActionState>(idle);

  const { replace } = report;
  const refreshOverview = overview.refresh;
  const publish = useCallback(async () => {
    const ok = await confirmAction({
      title: '发布采纳情况',
      content: '公布后处理意见不能再修改，系统将逐一告知提交意见的市民。确定发布吗？',
      confirmText: '发布',
    });
    if (!ok) return;
    setPublishState(busy);
    try {
      replace(await publishReport(id));
      setPublishState(done('意见采纳情况已公布，系统正在逐一告知提交意见的市民'));
    } catch (error) {
      setPublishState(failed(messageOf(error)));
    }
    void refreshOverview();
  }, [id, replace, refreshOverview]);

  return { id, overview, report, publish, publishState };
}
