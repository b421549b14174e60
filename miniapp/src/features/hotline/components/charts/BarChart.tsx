import { Text, View } from '@tarojs/components';
import './charts.scss';

export interface BarSeries {
  name: string;
  /** CSS colour of the bars and the legend swatch. */
  color: string;
  values: number[];
}

interface BarChartProps {
  testId: string;
  /** One label per group (e.g. months), under the bars. */
  categories: string[];
  series: BarSeries[];
  format?: (value: number) => string;
}

/**
 * Grouped bars drawn with Views (no chart library: it would weigh more than the whole
 * hotline feature). Heights are relative to the largest value, so the tallest bar fills the plot.
 */
export function BarChart({ testId, categories, series, format = String }: BarChartProps) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  return (
    <View className='chart' data-testid={testId}>
      <Legend series={series} />
      <View className='chart__plot chart__plot--bars'>
        {categories.map((category, i) => (
          <View key={category} className='chart__group' data-testid={`${testId}-group`}>
            <View className='chart__bars'>
              {series.map((s) => {
                const value = s.values[i] ?? 0;
                return (
                  <View
                    key={s.name}
                    className='chart__bar'
                    style={{ height: `${Math.max(value > 0 ? 1 : 0, (value / max) * 100)}%`, background: s.color }}
                    aria-label={`${category} ${s.name} ${format(value)}`}
                    data-value={value}
                  />
                );
              })}
            </View>
          </View>
        ))}
      </View>
      <View className='chart__axis'>
        {categories.map((category) => (
          <Text key={category} className='chart__tick'>
            {category}
          </Text>
        ))}
      </View>
    </View>
  );
}

/** The coloured swatches naming each series. */
export function Legend({ series }: { series: Array<Pick<BarSeries, 'name' | 'color'>> }) {
  return (
    <View className='chart__legend'>
      {series.map((s) => (
        <View key={s.name} className='chart__legend-item'>
          <View className='chart__swatch' style={{ background: s.color }} />
          <Text>{s.name}</Text>
        </View>
      ))}
    </View>
  );
}
