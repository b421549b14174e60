import { Text, View } from '@tarojs/components';
import { Legend } from './BarChart';
import './charts.scss';

export interface LineSeries {
  name: string;
  color: string;
  /** Rates 0–1; null where there is nothing to compute the rate over. */
  values: Array<number | null>;
}

interface LineChartProps {
  testId: string;
  categories: string[];
  series: LineSeries[];
  format?: (value: number) => string;
}

interface Point {
  x: number;
  y: number;
  value: number;
}

/**
 * Rate lines drawn with Views: a dot per value and a rotated thin View per segment.
 * The y axis spans the data's range (rounded out to 5 %) so small changes stay visible;
 * the axis labels say where it starts.
 */
// The plot's size in design px, as fixed in charts.scss (.chart__plot--line). Positions are
// percentages of it, and since both platforms scale it uniformly the segment angles hold.
const width = 560;
const height = 240;

export function LineChart({ testId, categories, series, format = String }: LineChartProps) {
  const all = series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const lo = all.length ? Math.max(0, Math.floor((Math.min(...all) - 0.02) * 20) / 20) : 0;
  const hi = all.length ? Math.min(1, Math.ceil((Math.max(...all) + 0.02) * 20) / 20) : 1;
  const span = Math.max(0.05, hi - lo);
  const step = categories.length > 1 ? width / (categories.length - 1) : 0;
  const left = (x: number) => `${(x / width) * 100}%`;
  const top = (y: number) => `${(y / height) * 100}%`;

  const pointsOf = (values: Array<number | null>): Array<Point | null> =>
    values.map((value, i) => (value === null ? null : { x: categories.length > 1 ? i * step : width / 2, y: height - ((value - lo) / span) * height, value }));

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
            const points = pointsOf(s.values);
            return (
              <View key={s.name}>
                {points.map((p, i) => {
                  const next = points[i + 1];
                  if (!p || !next) return null;
                  const dx = next.x - p.x;
                  const dy = next.y - p.y;
                  return (
                    <View
                      key={`seg-${i}`}
                      className='chart__segment'
                      style={{
                        left: left(p.x),
                        top: top(p.y),
                        width: left(Math.hypot(dx, dy)),
                        background: s.color,
                        transform: `rotate(${Math.atan2(dy, dx)}rad)`,
                      }}
                    />
                  );
                })}
                {points.map((p, i) =>
                  p ? (
                    <View
                      key={`dot-${i}`}
                      className='chart__dot'
                      style={{ left: left(p.x), top: top(p.y), borderColor: s.color }}
                      aria-label={`${categories[i]} ${s.name} ${format(p.value)}`}
                      data-testid={`${testId}-dot`}
                    />
                  ) : null,
                )}
              </View>
            );
          })}
        </View>
      </View>
      <View className='chart__axis chart__axis--line'>
        {categories.map((category) => (
          <Text key={category} className='chart__tick'>
            {category}
          </Text>
        ))}
      </View>
    </View>
  );
}
