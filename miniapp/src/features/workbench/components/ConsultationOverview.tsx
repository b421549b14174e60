import { Text, View } from '@tarojs/components';
import type { StaffConsultation, StaffConsultationList } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import type { UseRemote } from '@/hooks';
import { formatDateTime } from '@/utils/format';
import { openPage, workbenchPages } from '../navigation';

/** How far the disposition of a consultation's published comments has got. */
export function disposedText(c: StaffConsultation): string {
  return `已处置 ${c.counts.disposed} / ${c.counts.approved} 条`;
}

/** Staff overview of every consultation that has opened: its counts, and the way to 意见处理 and the report. */
export function ConsultationOverview({ consultations }: { consultations: UseRemote<StaffConsultationList> }) {
  const { state } = consultations;
  if (state.status === 'loading') return <Skeleton rows={3} />;
  if (state.status === 'error') {
    return <StatusView testId='overview-error' glyph='!' tone='warn' title='征集列表加载失败' description={state.message} actionText='重试' onAction={consultations.reload} />;
  }
  if (!state.data.items.length) {
    return <StatusView testId='overview-empty' glyph='征' title='暂无已开始的意见征集' description='征集开始后会出现在这里。' />;
  }
  return (
    <View className='con-overview' role='list' data-testid='overview'>
      {state.data.status === 'stale' ? <Text className='wb-tool__note dispo-note'>门户网站暂时无法访问，征集信息可能不是最新的。</Text> : null}
      {state.data.items.map((c) => (
        <View key={c.id} className='desk-row con-card' role='listitem' data-testid='overview-item' data-id={c.id}>
          <View className='desk-row__tags'>
            <Tag tone={c.phase === 'open' ? 'info' : 'plain'}>{c.phaseLabel}</Tag>
            {c.counts.pending ? <Tag tone='accent'>{`待审核 ${c.counts.pending} 条`}</Tag> : null}
            {c.phase === 'closed' && c.counts.undisposed ? <Tag tone='accent'>{`待处置 ${c.counts.undisposed} 条`}</Tag> : null}
          </View>
          <View className='con-card__title' role='heading' aria-level={2}>
            {c.title}
          </View>
          <View className='desk-row__meta'>
            <Text>
              收到 {c.counts.received} 条，已公开 {c.counts.approved} 条，{disposedText(c)}
            </Text>
            <Text>{formatDateTime(c.closesAt)} 截止</Text>
          </View>
          {c.workingDaysSinceClose !== null ? <Text className='con-card__days'>截止后已过 {c.workingDaysSinceClose} 个工作日</Text> : null}
          <View className='con-card__actions'>
            <AppButton variant='secondary' className='con-card__btn' onClick={() => openPage(workbenchPages.dispositions(c.id))} testId='overview-dispositions'>
              意见处理
            </AppButton>
            <AppButton variant='secondary' className='con-card__btn' onClick={() => openPage(workbenchPages.report(c.id))} testId='overview-report'>
              {c.reportPublishedAt ? '采纳情况（已公布）' : '采纳情况'}
            </AppButton>
          </View>
        </View>
      ))}
    </View>
  );
}
