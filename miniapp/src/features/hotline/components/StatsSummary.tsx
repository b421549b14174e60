import { Text, View } from '@tarojs/components';
import type { HotlineMetrics, HotlineRate } from '@zwgk/contracts';
import { Panel } from '@/components/Panel';
import { formatCount, formatMonth, formatRate } from '@/utils/format';
import { useStats } from '../hooks/useStats';
import { hotlinePages, openPage } from '../navigation';

/** "96.1%（1,443/1,503）" — a rate always with what it was computed over. */
export function rateText(rate: HotlineRate): string {
  if (rate.value === null || rate.denominator === 0) return '—（暂无数据）';
  return `${formatRate(rate.value)}（${formatCount(rate.numerator)}/${formatCount(rate.denominator)}）`;
}

/** The 热线 tab's figures of the latest month, with a link to the full statistics. */
export function StatsSummary() {
  const { state, reload } = useStats();
  const data = state.status === 'ok' ? state.data : null;
  const latest = data?.months.length ? data.months[data.months.length - 1] : null;
  const panelState = state.status === 'loading' ? 'loading' : state.status === 'error' ? 'unavailable' : data?.status === 'stale' ? 'stale' : latest ? 'ok' : 'empty';
  return (
    <Panel name='hotline-stats' title='热线数据公开' state={panelState} hasContent={latest !== null} emptyText='统计尚未发布' moreText='查看全部' onMore={() => openPage(hotlinePages.stats())} skeletonRows={2}>
      {latest ? <MonthFigures month={latest.month} metrics={latest.total} /> : null}
      {state.status === 'error' ? (
        <Text className='hl-link hl-center' onClick={reload}>
          重试
        </Text>
      ) : null}
    </Panel>
  );
}

function MonthFigures({ month, metrics }: { month: string; metrics: HotlineMetrics }) {
  return (
    <View className='hl-figures' data-testid='stats-summary'>
      <Text className='hl-figures__month'>{formatMonth(month)}</Text>
      <View className='hl-figures__grid'>
        <Figure label='受理' value={`${formatCount(metrics.accepted)}件`} />
        <Figure label='办结' value={`${formatCount(metrics.handled)}件`} />
        <Figure label='按时办结率' value={formatRate(metrics.onTimeRate.value)} note={`${formatCount(metrics.onTimeRate.numerator)}/${formatCount(metrics.onTimeRate.denominator)}件`} />
        <Figure label='满意率' value={formatRate(metrics.satisfactionRate.value)} note={`${formatCount(metrics.satisfactionRate.numerator)}/${formatCount(metrics.satisfactionRate.denominator)}件评价`} />
      </View>
    </View>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <View className='hl-figure'>
      <Text className='hl-figure__value'>{value}</Text>
      <Text className='hl-figure__label'>{label}</Text>
      {note ? <Text className='hl-figure__note'>{note}</Text> : null}
    </View>
  );
}
