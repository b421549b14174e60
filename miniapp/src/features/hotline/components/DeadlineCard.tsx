import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { HotlineDeadline } from '@zwgk/contracts';
import { formatDateTime } from '@/utils/format';
import { useInterval } from '@/hooks';
import { formatRemaining, remainingNow } from '../lib/countdown';

/**
 * 办理时限: the deadline, a countdown that ticks every second while the ticket is open,
 * an overdue mark and the server's plain explanation of how the deadline was computed.
 */
export function DeadlineCard({ deadline, receivedAt }: { deadline: HotlineDeadline; receivedAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useInterval(() => setNow(Date.now()), 1000, !deadline.finished);
  // Once 办结 the server freezes the figure at the close time: no ticking then.
  const remaining = deadline.finished ? deadline.remainingMs : remainingNow(deadline.remainingMs, receivedAt, now);
  const overdue = deadline.finished ? deadline.overdue : deadline.overdue || remaining < 0;

  return (
    <View className={`hl-card hl-deadline ${overdue ? 'hl-deadline--overdue' : ''}`} data-testid='deadline' data-overdue={overdue}>
      <View className='hl-deadline__head'>
        <Text className='hl-card__title'>办理时限</Text>
        {overdue ? (
          <Text className='hl-overdue' data-testid='overdue'>
            {deadline.finished ? '超期办结' : '已超期'}
          </Text>
        ) : deadline.finished ? (
          <Text className='hl-ontime'>按时办结</Text>
        ) : null}
      </View>
      <Text className='hl-deadline__due'>
        {formatDateTime(deadline.dueAt)} 前办结（{deadline.workingDays} 个工作日）
      </Text>
      {deadline.finished ? (
        <Text className='hl-deadline__count' data-testid='countdown'>
          {remaining >= 0 ? `提前 ${formatRemaining(remaining).slice(2)} 办结` : `超出时限 ${formatRemaining(remaining).slice(3)}`}
        </Text>
      ) : (
        <Text className='hl-deadline__count' data-testid='countdown'>
          {formatRemaining(remaining)}
          {remaining >= 0 ? `（还剩 ${deadline.remainingWorkingDays} 个工作日）` : ''}
        </Text>
      )}
      <Text className='hl-deadline__explain' data-testid='deadline-explanation'>
        {deadline.explanation}
      </Text>
    </View>
  );
}
