import { Text, View } from '@tarojs/components';
import type { HotlineTicketSummary } from '@zwgk/contracts';
import { ListFooter } from '@/components/ListFooter';
import { LoginPrompt } from '@/components/LoginPrompt';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { formatDateTime } from '@/utils/format';
import type { UseMyTickets } from '../hooks/useMyTickets';
import { hotlinePages, openPage } from '../navigation';
import './hotline.scss';

/** 我的诉求: the citizen's tickets with status and deadline, newest first. */
export function TicketList({ list, onNew }: { list: UseMyTickets; onNew: () => void }) {
  const { state } = list;
  if (state.status === 'loading') {
    return (
      <View className='page' data-testid='tickets' data-state='loading'>
        <Skeleton rows={4} />
      </View>
    );
  }
  if (state.status === 'error' && state.httpStatus === 401) {
    return (
      <View className='page' data-testid='tickets' data-state='signed-out'>
        <LoginPrompt testId='tickets-login' title='登录后查看我的诉求' description='登录后可查看您提交的诉求和办理进度，登录完成会回到本页。' />
      </View>
    );
  }
  if (state.status === 'error') {
    return (
      <View className='page' data-testid='tickets' data-state='error'>
        <StatusView testId='tickets-error' glyph='!' tone='warn' title='诉求列表加载失败' description={state.message} actionText='重试' onAction={list.reload} />
      </View>
    );
  }
  if (!state.items.length) {
    return (
      <View className='page' data-testid='tickets' data-state='empty'>
        <StatusView testId='tickets-empty' glyph='☎' title='还没有提交过诉求' description='在“热线”页填写诉求，提交后可在这里查看办理进度。' actionText='去提交' onAction={onNew} />
      </View>
    );
  }
  return (
    <View className='page' data-testid='tickets' data-state='ok'>
      <Text className='hl-list__count'>共 {state.total} 件诉求</Text>
      {state.items.map((t) => (
        <TicketRow key={t.trackingNo} ticket={t} />
      ))}
      <ListFooter testId='tickets' list={list} />
    </View>
  );
}

function TicketRow({ ticket }: { ticket: HotlineTicketSummary }) {
  const overdue = ticket.deadline?.overdue ?? false;
  return (
    <View className='hl-card hl-row' data-testid='ticket-row' data-status={ticket.status} onClick={() => openPage(hotlinePages.ticket(ticket.trackingNo))}>
      <View className='hl-row__head'>
        <Tag tone='info'>{ticket.typeLabel}</Tag>
        <Text className={`hl-status hl-status--${ticket.status}`}>{ticket.status === 'submitted' && !ticket.forwardFailed ? '正在转交' : ticket.statusLabel}</Text>
      </View>
      <Text className='hl-row__title'>{ticket.title}</Text>
      <View className='hl-row__meta'>
        <Text>{ticket.trackingNo}</Text>
        <Text>{formatDateTime(ticket.submittedAt)}提交</Text>
      </View>
      {ticket.department ? <Text className='hl-row__dept'>承办：{ticket.department}</Text> : null}
      <View className='hl-row__foot'>
        {ticket.deadline && !ticket.deadline.finished ? (
          <Text className={overdue ? 'hl-overdue' : 'hl-row__due'}>{overdue ? '已超期' : `办理时限 ${formatDateTime(ticket.deadline.dueAt)}`}</Text>
        ) : ticket.deadline?.finished ? (
          <Text className='hl-row__due'>{overdue ? '已办结（超期）' : '已按时办结'}</Text>
        ) : (
          <Text className='hl-row__due'>等待 12345 受理</Text>
        )}
        {ticket.canRate ? <Tag tone='accent'>待评价</Tag> : null}
      </View>
    </View>
  );
}
