import { Text, View } from '@tarojs/components';
import type { HotlineRate, HotlineStatsResponse } from '@zwgk/contracts';
import { panelTexts } from '@/components/Panel';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { formatCount, formatDateTime, formatMonth, formatRate } from '@/utils/format';
import type { UseRemote } from '@/hooks';
import { BarChart } from './charts/BarChart';
import { LineChart } from './charts/LineChart';
import { rateText } from './StatsSummary';
import './hotline.scss';

const colors = { accepted: '#c8ccd4', handled: '#c41d24', onTime: '#1f6fd1', satisfaction: '#c41d24' };

const shortMonth = (m: string) => `${Number(m.slice(5, 7))}月`;

/**
 * A month's 满意率 resting on fewer ratings than this is marked 样本不足 on the chart instead of
 * plotted: with two ratings one 不满意 swings it by 50 points (the table still shows it, with its
 * denominator).
 */
export const MIN_RATINGS_TO_PLOT = 5;

/** 热线数据公开: totals, monthly and per-type charts, each figure with its denominator and definition. */
export function StatsView({ stats }: { stats: UseRemote<HotlineStatsResponse> }) {
  const { state } = stats;
  if (state.status === 'loading') {
    return (
      <View className='page hl-stats' data-testid='stats' data-state='loading'>
        <Skeleton rows={4} />
      </View>
    );
  }
  if (state.status === 'error') {
    return (
      <View className='page hl-stats' data-testid='stats' data-state='error'>
        <StatusView testId='stats-error' glyph='!' tone='warn' title='统计数据加载失败' description={state.message} actionText='重试' onAction={stats.reload} />
      </View>
    );
  }
  const data = state.data;
  const months = data.months;
  const categories = months.map((m) => shortMonth(m.month));
  const definitionOf = (metric: string) => data.definitions.find((d) => d.metric === metric);

  return (
    <View className='page hl-stats' data-testid='stats' data-state={data.status}>
      {data.status === 'stale' ? (
        <View className='hl-notice hl-notice--warn' data-testid='stats-stale'>
          <Text>{panelTexts.stale}（更新于 {formatDateTime(data.updatedAt)}）</Text>
        </View>
      ) : null}
      <View className='hl-card'>
        <Text className='hl-card__title'>
          {formatMonth(data.from)} — {formatMonth(data.to)}合计
        </Text>
        <View className='hl-totals' data-testid='stats-totals'>
          <Total label='受理' value={`${formatCount(data.total.accepted)}件`} />
          <Total label='办结' value={`${formatCount(data.total.handled)}件`} note={`办结率 ${rateText(data.total.handledRate)}`} />
          <Total label='按时办结率' value={formatRate(data.total.onTimeRate.value)} note={rateText(data.total.onTimeRate)} />
          <Total label='满意率' value={formatRate(data.total.satisfactionRate.value)} note={rateText(data.total.satisfactionRate)} />
        </View>
        <Text className='hl-card__foot'>数据更新于 {formatDateTime(data.updatedAt)}</Text>
      </View>

      <View className='hl-card'>
        <Text className='hl-card__title'>每月受理与办结（件）</Text>
        {months.length ? (
          <BarChart
            testId='chart-monthly'
            categories={categories}
            series={[
              { name: '受理', color: colors.accepted, values: months.map((m) => m.total.accepted) },
              { name: '办结', color: colors.handled, values: months.map((m) => m.total.handled) },
            ]}
            format={(v) => `${formatCount(v)}件`}
          />
        ) : (
          <Text className='hl-empty'>暂无数据</Text>
        )}
      </View>

      <View className='hl-card'>
        <Text className='hl-card__title'>每月按时办结率与满意率</Text>
        {months.length ? (
          <LineChart
            testId='chart-rates'
            categories={categories}
            series={[
              { name: '按时办结率', color: colors.onTime, values: months.map((m) => m.total.onTimeRate.value) },
              {
                name: '满意率',
                color: colors.satisfaction,
                values: months.map((m) => m.total.satisfactionRate.value),
                counts: months.map((m) => m.total.satisfactionRate.denominator),
                minCount: MIN_RATINGS_TO_PLOT,
              },
            ]}
            format={formatRate}
          />
        ) : null}
        <View className='hl-table' data-testid='stats-months'>
          <View className='hl-table__row hl-table__row--head'>
            <Text className='hl-table__cell'>月份</Text>
            <Text className='hl-table__cell'>受理</Text>
            <Text className='hl-table__cell'>按时办结率</Text>
            <Text className='hl-table__cell'>满意率（评价数）</Text>
          </View>
          {months
            .slice()
            .reverse()
            .map((m, i, list) => (
              <View key={m.month}>
                {i === 0 || list[i - 1].month.slice(0, 4) !== m.month.slice(0, 4) ? (
                  <Text className='hl-table__year' data-testid='stats-year'>
                    {m.month.slice(0, 4)}年
                  </Text>
                ) : null}
                <View className='hl-table__row' data-testid='stats-month-row'>
                  <Text className='hl-table__cell'>{shortMonth(m.month)}</Text>
                  <Text className='hl-table__cell'>{formatCount(m.total.accepted)}</Text>
                  <RateCell rate={m.total.onTimeRate} />
                  <RateCell rate={m.total.satisfactionRate} minimum={MIN_RATINGS_TO_PLOT} />
                </View>
              </View>
            ))}
        </View>
      </View>

      <View className='hl-card'>
        <Text className='hl-card__title'>按诉求类型</Text>
        <BarChart
          testId='chart-types'
          categories={data.byType.map((t) => t.typeLabel)}
          series={[
            { name: '受理', color: colors.accepted, values: data.byType.map((t) => t.accepted) },
            { name: '办结', color: colors.handled, values: data.byType.map((t) => t.handled) },
          ]}
          format={(v) => `${formatCount(v)}件`}
        />
        <View className='hl-table' data-testid='stats-types'>
          <View className='hl-table__row hl-table__row--head'>
            <Text className='hl-table__cell'>类型</Text>
            <Text className='hl-table__cell'>受理/办结</Text>
            <Text className='hl-table__cell'>按时办结</Text>
            <Text className='hl-table__cell'>满意</Text>
          </View>
          {data.byType.map((t) => (
            <View key={t.type} className='hl-table__row' data-testid='stats-type-row'>
              <Text className='hl-table__cell'>{t.typeLabel}</Text>
              <Text className='hl-table__cell'>
                {formatCount(t.accepted)}/{formatCount(t.handled)}
              </Text>
              <RateCell rate={t.onTimeRate} />
              <RateCell rate={t.satisfactionRate} />
            </View>
          ))}
        </View>
      </View>

      <View className='hl-card' data-testid='stats-definitions'>
        <Text className='hl-card__title'>统计口径</Text>
        {data.definitions.map((d) => (
          <View key={d.metric} className='hl-definition'>
            <Text className='hl-definition__label'>{d.label}</Text>
            <Text className='hl-definition__text'>{d.definition}</Text>
          </View>
        ))}
        {!definitionOf('onTimeRate') ? <Text className='hl-definition__text'>按时办结率 = 按时办结件数 ÷ 办结件数；满意率 = 满意件数 ÷ 已评价件数。</Text> : null}
      </View>
    </View>
  );
}

function Total({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <View className='hl-total'>
      <Text className='hl-total__value'>{value}</Text>
      <Text className='hl-total__label'>{label}</Text>
      {note ? <Text className='hl-total__note'>{note}</Text> : null}
    </View>
  );
}

/** A rate in a table: the percentage, and under it what it was computed over (样本不足 below `minimum`). */
function RateCell({ rate, minimum = 1 }: { rate: HotlineRate; minimum?: number }) {
  const thin = rate.denominator > 0 && rate.denominator < minimum;
  return (
    <View className='hl-table__cell'>
      <Text className='hl-table__rate'>{rate.denominator ? formatRate(rate.value) : '—'}</Text>
      <Text className='hl-table__fraction'>
        {rate.denominator ? `${formatCount(rate.numerator)}/${formatCount(rate.denominator)}${thin ? ' 样本不足' : ''}` : '暂无数据'}
      </Text>
    </View>
  );
}
