import { Text, View } from '@tarojs/components';
import type { HotlineStatsSummary } from '@zwgk/contracts';
import { formatCount, formatMonth, formatRate } from '@/utils/format';
import './index.scss';

/**
 * One month of 12345 figures with the month they belong to, drawn alike on 首页 and the 热线 tab:
 * the same four labels as the statistics page (受理, 办结, 按时办结率, 满意率), each rate with
 * what it was computed over.
 */
export function HotlineFigures({ summary, testId }: { summary: HotlineStatsSummary; testId: string }) {
  const s = summary;
  return (
    <View className='hotline-figures' data-testid={testId}>
      <Text className='hotline-figures__month'>{formatMonth(s.month)}数据</Text>
      <View className='hotline-figures__grid'>
        <Figure label='受理' value={formatCount(s.accepted)} unit='件' />
        <Figure label='办结' value={formatCount(s.handled)} unit='件' />
        <Figure label='按时办结率' value={formatRate(s.onTimeRate)} note={s.handled > 0 ? `${formatCount(s.handledOnTime)}/${formatCount(s.handled)}件按时` : '暂无办结'} />
        <Figure label='满意率' value={formatRate(s.satisfactionRate)} note={s.rated > 0 ? `${formatCount(s.satisfied)}/${formatCount(s.rated)}件评价满意` : '暂无评价'} />
      </View>
    </View>
  );
}

function Figure({ label, value, unit, note }: { label: string; value: string; unit?: string; note?: string }) {
  return (
    <View className='hotline-figures__figure'>
      <View>
        <Text className='hotline-figures__value'>{value}</Text>
        {unit ? <Text className='hotline-figures__unit'>{unit}</Text> : null}
      </View>
      <Text className='hotline-figures__label'>{label}</Text>
      {note ? <Text className='hotline-figures__note'>{note}</Text> : null}
    </View>
  );
}
