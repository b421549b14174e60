import { Text } from '@tarojs/components';
import type { HotlineMetrics, HotlineRate, HotlineStatsSummary } from '@zwgk/contracts';
import { HotlineFigures } from '@/components/HotlineFigures';
import { Panel } from '@/components/Panel';
import { formatCount, formatRate } from '@/utils/format';
import { useStats } from '../hooks/useStats';
import { hotlinePages, openPage } from '../navigation';

/** "96.1%（1,443/1,503）" — a rate always with what it was computed over. */
export function rateText(rate: HotlineRate): string {
  if (rate.value === null || rate.denominator === 0) return '—（暂无数据）';
  return `${formatRate(rate.value)}（${formatCount(rate.numerator)}/${formatCount(rate.denominator)}）`;
}

/** One month's metrics as the home feed summarises them (the shape HotlineFigures draws). */
export function summaryOf(month: string, m: HotlineMetrics): HotlineStatsSummary {
  const { accepted, handled, handledOnTime, rated, satisfied } = m;
  return { month, accepted, handled, handledOnTime, rated, satisfied, onTimeRate: m.onTimeRate.value, satisfactionRate: m.satisfactionRate.value };
}

/**
 * The 热线 tab's figures of the last month of the published statistics (the BFF ends them at
 * the last complete month, the month 首页 shows), with a link to the full statistics.
 */
export function StatsSummary() {
  const { state, reload } = useStats();
  const data = state.status === 'ok' ? state.data : null;
  const latest = data?.months.length ? data.months[data.months.length - 1] : null;
  const panelState = state.status === 'loading' ? 'loading' : state.status === 'error' ? 'unavailable' : data?.status === 'stale' ? 'stale' : latest ? 'ok' : 'empty';
  return (
    <Panel name='hotline-stats' title='热线数据公开' state={panelState} hasContent={latest !== null} emptyText='统计尚未发布' moreText='查看全部' onMore={() => openPage(hotlinePages.stats())} skeletonRows={2}>
      {latest ? <HotlineFigures summary={summaryOf(latest.month, latest.total)} testId='stats-summary' /> : null}
      {state.status === 'error' ? (
        <Text className='hl-link hl-center' onClick={reload}>
          重试
        </Text>
      ) : null}
    </Panel>
  );
}
