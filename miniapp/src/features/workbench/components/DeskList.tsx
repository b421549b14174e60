import { Text, View } from '@tarojs/components';
import type { HotlineStaffTicketSummary } from '@zwgk/contracts';
import { ListFooter } from '@/components/ListFooter';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { formatDateTime } from '@/utils/format';
import type { UseHotlineDesk } from '../hooks/useHotlineDesk';
import { forwardLabels } from './DeskFilters';

/** The desk's tickets under the filters, newest first, with 加载更多. */
export function DeskList({ desk }: { desk: UseHotlineDesk }) {
  const { list } = desk;
  const { state } = list;
  if (state.status === 'loading') return <Skeleton rows={4} />;
  if (state.status === 'error') {
    return <StatusView testId='desk-error' glyph='!' tone='warn' title='诉求列表加载失败' description={state.message} actionText='重试' onAction={list.reload} />;
  }
  if (!state.items.length) {
    return (
      <StatusView
        testId='desk-empty'
        glyph='☎'
        title='没有符合条件的诉求'
        description='换个关键词或放宽筛选条件再试。'
        actionText='清除筛选'
        onAction={desk.resetFilters}
      />
    );
  }
  return (
    <View className='desk-list' data-testid='desk-list'>
      <Text className='desk-list__count' data-testid='desk-count'>
        共 {state.total} 件{state.busy === 'refresh' ? '，正在刷新…' : ''}
      </Text>
      <View role='list'>
        {state.items.map((t) => (
          <DeskRow key={t.trackingNo} ticket={t} selected={desk.selected === t.trackingNo} onSelect={desk.select} />
        ))}
      </View>
      <ListFooter testId='desk' list={list} />
    </View>
  );
}

function DeskRow({ ticket, selected, onSelect }: { ticket: HotlineStaffTicketSummary; selected: boolean; onSelect: (no: string) => void }) {
  const overdue = ticket.deadline?.overdue ?? false;
  return (
    <View
      className={`desk-row ${selected ? 'desk-row--on' : ''}`}
      role='listitem'
      aria-current={selected ? 'true' : undefined}
      data-testid='desk-row'
      data-no={ticket.trackingNo}
      onClick={() => onSelect(ticket.trackingNo)}
    >
      <View className='desk-row__tags'>
        <Tag tone='info'>{ticket.typeLabel}</Tag>
        <Tag tone={ticket.forwardFailed ? 'accent' : 'plain'}>{ticket.statusLabel}</Tag>
        {ticket.forwardState !== 'delivered' && forwardLabels[ticket.forwardState] !== ticket.statusLabel ? (
          <Tag tone={ticket.forwardState === 'failed' ? 'accent' : 'plain'}>{forwardLabels[ticket.forwardState]}</Tag>
        ) : null}
        {overdue ? <Tag tone='accent'>已超期</Tag> : null}
        {ticket.anonymous ? <Tag>不公开身份</Tag> : null}
      </View>
      <Text className='desk-row__title'>{ticket.title}</Text>
      <View className='desk-row__meta'>
        <Text>{ticket.trackingNo}</Text>
        <Text>{formatDateTime(ticket.submittedAt)} 提交</Text>
      </View>
    </View>
  );
}
