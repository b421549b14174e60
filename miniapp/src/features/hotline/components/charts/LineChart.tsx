import { Text, View } from '@tarojs/components';
import { Legend } from './BarChart';
import './charts.scss';

export interface LineSeries {
  name: string;
  color: string;
  /** Rates 0–1; null where there is nothing to compute the rate over. */
  values: Array<number | null>;
  /** What each value was computed over (e.g. ratings); with `minCount`, thinner months are not plotted. */
  counts?: number[];
  /** Fewer than this many in `counts` and the month is marked 样本不足 instead of plotted. */
  minCount?: number;
}

interface LineChartProps {
  testId: string;
  categories: string[];
  series: LineSeries[];
  format?: (value: number) => string;
}

/** One month of one line: plotted at `y` (0 top … 1 bottom of the plot), or marked why not. */
type Slot = { kind: 'point'; value: number; y: number } | { kind: 'thin'; value: number | null; count: number } | { kind: 'none' };

/** The centre of slot `i` of `n`, as a percentage of the plot's width: points and month labels share it. */
export function slotCentre(i: number, n: number): number {
  return ((i + 0.5) / n) * 100;
}

const pct = (v: number) => `${Math.round(v * 10000) / 100}%`;

/**
 * Rate lines drawn with Views, on one x-scale for points and month labels (slot centres, as
 * percentages, so the chart fills any width with no label off its point). Segments are
 * diagonals of boxes between neighbouring points (a corner-to-corner gradient), which stay
 * right at every width. The y axis spans the plotted values (rounded out to 5 %). A month
 * whose rate rests on fewer than `minCount` cases is not plotted: it gets a hollow mark on the
 * axis and a gap in the line, so two ratings cannot drag the line to 0 %.
 */
export function LineChart({ testId, categories, series, format = String }: LineChartProps) {
  const n = categories.length;
  const thin = (s: LineSeries, i: number) => s.minCount !== undefined && (s.counts?.[i] ?? 0) < s.minCount;
  const plotted = series.flatMap((s) => s.values.filter((v, i): v is number => v !== null && !thin(s, i)));
  const lo = plotted.length ? Math.max(0, Math.floor((Math.min(...plotted) - 0.02) * 20) / 20) : 0;
  const hi = plotted.length ? Math.min(1, Math.ceil((Math.max(...plotted) + 0.02) * 20) / 20) : 1;
  const span = Math.max(0.05, hi - lo);
  const slotsOf = (s: LineSeries): Slot[] =>
    s.values.map((value, i) => {
      if (thin(s, i)) return { kind: 'thin', value, count: s.counts?.[i] ?? 0 };
      if (value === null) return { kind: 'none' };
      return { kind: 'point', value, y: 1 - (value - lo) / span };
    });
  const anyThin = series.some((s) => s.values.some((_, i) => thin(s, i)));

  return (
    <View className='chart' data-testid={testId}>
      <Legend series={series} />
      <View className='chart__line-wrap'>
        <View className='chart__y'>
          <Text>{format(hi)}</Text>
          <Text>{format(lo)}</Text>
        </View>
        <View className='chart__plot chart__plot--line'>
          {series.map((s) => {
            const slots = slotsOf(s);
            return (
              <View key={s.name} className='chart__series'>
                {slots.map((p, i) => {
                  const next = slots[i + 1];
                  if (p.kind !== 'point' || next?.kind !== 'point') return null;
                  const top = Math.min(p.y, next.y);
                  const rise = next.y < p.y;
                  return (
                    <View
                      key={`seg-${i}`}
                      className={`chart__segment ${Math.abs(next.y - p.y) < 0.01 ? 'chart__segment--flat' : rise ? 'chart__segment--up' : 'chart__segment--down'}`}
                      style={{ left: pct(slotCentre(i, n) / 100), width: pct(1 / n), top: pct(top), height: pct(Math.abs(next.y - p.y)), color: s.color }}
                    />
                  );
                })}
                {slots.map((p, i) => (
                  <View
                    key={`dot-${i}`}
                    className={`chart__dot ${p.kind === 'point' ? '' : 'chart__dot--gap'}`}
                    style={{ left: pct(slotCentre(i, n) / 100), top: p.kind === 'point' ? pct(p.y) : '100%', borderColor: s.color }}
                    aria-label={
                      p.kind === 'point'
                        ? `${categories[i]} ${s.name} ${format(p.value)}${s.counts ? `（${s.counts[i]}件）` : ''}`
                        : p.kind === 'thin'
                          ? `${categories[i]} ${s.name} 样本不足（${p.count}件）`
                          : `${categories[i]} ${s.name} 暂无数据`
                    }
                    data-testid={p.kind === 'point' ? `${testId}-dot` : `${testId}-gap`}
                    data-kind={p.kind}
                  />
                ))}
              </View>
            );
          })}
        </View>
      </View>
      <View className='chart__axis chart__axis--line'>
        {categories.map((category, i) => (
          <Text key={category} className={`chart__tick ${i % 2 ? 'chart__tick--low' : ''}`} style={{ left: pct(slotCentre(i, n) / 100) }}>
            {category}
          </Text>
        ))}
      </View>
      {anyThin ? (
        <Text className='chart__note' data-testid={`${testId}-thin-note`}>
          空心圆点：当月样本不足（{series.filter((s) => s.minCount !== undefined).map((s) => `${s.name}少于 ${s.minCount} 件`).join('，')}），不作图。
        </Text>
      ) : null}
    </View>
  );
}
