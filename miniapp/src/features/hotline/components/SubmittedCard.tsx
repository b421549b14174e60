import { Text, View } from '@tarojs/components';
import type { HotlineSubmitResponse } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { formatDateTime } from '@/utils/format';
import { useInterval, useRemote } from '@/hooks';
import { getTicket } from '../api';
import { hotlinePages, openPage } from '../navigation';

/** How often the confirmation asks whether the case system has accepted the ticket. */
export const FORWARD_POLL_MS = 3000;

/**
 * The confirmation after a submission: the tracking number at once, and "已提交，正在转交"
 * until the case system has accepted it (polled), then the case number.
 */
export function SubmittedCard({ result, onNew, pollMs = FORWARD_POLL_MS }: { result: HotlineSubmitResponse; onNew: () => void; pollMs?: number }) {
  const ticket = useRemote(() => getTicket(result.trackingNo), [result.trackingNo]);
  const detail = ticket.state.status === 'ok' ? ticket.state.data : null;
  const status = detail?.status ?? result.status;
  const failed = detail?.forwardFailed ?? false;
  const forwarding = status === 'submitted' && !failed;
  useInterval(() => void ticket.refresh(), pollMs, forwarding);

  return (
    <View className='hl-card hl-done' data-testid='submitted' data-status={status}>
      <View className='hl-done__badge'>
        <Text>✓</Text>
      </View>
      <Text className='hl-done__title'>{result.replayed ? '该诉求此前已提交成功' : '诉求已提交'}</Text>
      <View className='hl-done__row'>
        <Text className='hl-done__label'>诉求编号</Text>
        <Text className='hl-done__value' data-testid='tracking-no' selectable>
          {result.trackingNo}
        </Text>
      </View>
      <View className='hl-done__row'>
        <Text className='hl-done__label'>当前状态</Text>
        <Text className={`hl-done__value ${forwarding ? 'hl-done__value--pending' : ''}`} data-testid='submitted-status'>
          {failed ? detail!.statusLabel : forwarding ? '已提交，正在转交' : `已转交 12345，${detail?.statusLabel ?? ''}`}
        </Text>
      </View>
      {detail?.caseTicketNo ? (
        <View className='hl-done__row'>
          <Text className='hl-done__label'>工单号</Text>
          <Text className='hl-done__value'>{detail.caseTicketNo}</Text>
        </View>
      ) : null}
      <View className='hl-done__row'>
        <Text className='hl-done__label'>提交时间</Text>
        <Text className='hl-done__value'>{formatDateTime(result.submittedAt)}</Text>
      </View>
      <Text className='hl-done__note'>
        {failed
          ? '诉求已安全保存，但转交 12345 热线未成功，工作人员将尽快处理。'
          : forwarding
            ? '诉求已安全保存，正在转交 12345 热线，通常几秒内完成；网络或热线系统繁忙时会自动重试。'
            : '可随时在“我的诉求”查看办理进度。'}
      </Text>
      <AppButton className='hl-done__action' onClick={() => openPage(hotlinePages.ticket(result.trackingNo))} testId='view-progress'>
        查看办理进度
      </AppButton>
      <AppButton className='hl-done__action' variant='text' onClick={onNew} testId='submit-another'>
        再提一件
      </AppButton>
    </View>
  );
}
