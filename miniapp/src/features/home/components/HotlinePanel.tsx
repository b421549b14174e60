import { Text, View } from '@tarojs/components';
import type { HomeResponse } from '@zwgk/contracts';
import { Panel, panelStateOf } from '@/components/Panel';
import { switchToTab } from '@/services';
import { formatCount, formatMonth, formatRate } from '@/utils/format';
import './HotlinePanel.scss';

/** 12345热线: last month's published figures, each rate with what it was computed over. */
export function HotlinePanel({ panel }: { panel?: HomeResponse['hotlineStats'] }) {
  const stats = panel?.data ?? null;
  return (
    <Panel
      name='hotline'
      title='12345热线'
      state={panel ? panelStateOf(panel.status, stats !== null) : 'loading'}
      hasContent={stats !== null}
      emptyText='本月统计尚未发布'
      moreText='我要反映'
      onMore={() => switchToTab('/pages/hotline/index')}
      skeletonRows={2}
    >
      {stats ? (
        <View className='hotline' data-testid='hotline-stats'>
          <Text className='hotline__month'>{formatMonth(stats.month)}数据</Text>
          <View className='hotline__grid'>
            <Figure label='受理诉求' value={formatCount(stats.accepted)} unit='件' />
            <Figure label='已办结' value={formatCount(stats.handled)} unit='件' />
            <Figure
              label='按时办结率'
              value={formatRate(stats.onTimeRate)}
              note={stats.handled > 0 ? `${formatCount(stats.handledOnTime)}/${formatCount(stats.handled)}件按时` : '暂无办结'}
            />
            <Figure
              label='满意度'
              value={formatRate(stats.satisfactionRate)}
              note={stats.rated > 0 ? `共${formatCount(stats.rated)}件评价` : '暂无评价'}
            />
          </View>
        </View>
      ) : null}
    </Panel>
  );
}

function Figure({ label, value, unit, note }: { label: string; value: string; unit?: string; note?: string }) {
  return (
    <View className='hotline__figure'>
      <View>
        <Text className='hotline__value'>{value}</Text>
        {unit ? <Text className='hotline__unit'>{unit}</Text> : null}
      </View>
      <Text className='hotline__label'>{label}</Text>
      {note ? <Text className='hotline__note'>{note}</Text> : null}
    </View>
  );
}
