import { Text, View } from '@tarojs/components';
import type { NotificationItem } from '@zwgk/contracts';
import { AppButton } from '@/components/AppButton';
import { InlineMessage } from '@/components/InlineMessage';
import { ListFooter } from '@/components/ListFooter';
import { PageHeader } from '@/components/PageHeader';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { formatDateTime } from '@/utils/format';
import type { UseInbox } from '../hooks/useInbox';
import './inbox.scss';

/** 我的消息 of a signed-in citizen: newest first, unread ones marked in text, 全部已读 and 加载更多. */
export function InboxList({ inbox }: { inbox: UseInbox }) {
  const { list, unread } = inbox;
  const { state } = list;
  const shown = state.status === 'ok' && state.items.length > 0;
  return (
    <View className='page inbox' data-testid='inbox' data-state={state.status === 'ok' && !shown ? 'empty' : state.status} role='main'>
      <PageHeader
        title='我的消息'
        subtitle={
          shown ? (
            <Text data-testid='inbox-summary'>
              共 {state.total} 条{unread > 0 ? `，${unread} 条未读` : '，全部已读'}
            </Text>
          ) : undefined
        }
        actions={
          // Nothing unread: the summary says 全部已读, and a disabled button would only be noise.
          shown && unread > 0 ? (
            <AppButton variant='secondary' className='inbox__read-all' loading={inbox.markingAll} onClick={() => void inbox.markAllRead()} testId='inbox-read-all'>
              全部已读
            </AppButton>
          ) : undefined
        }
      />
      {state.status === 'loading' ? (
        <Skeleton rows={4} />
      ) : state.status === 'error' ? (
        <StatusView testId='inbox-error' glyph='!' tone='warn' title='消息加载失败' description={state.message} actionText='重试' onAction={list.reload} />
      ) : !shown ? (
        <StatusView testId='inbox-empty' glyph='✉' title='暂无消息' description='提交的诉求被受理、办结时，会在这里通知您。' />
      ) : (
        <>
          {inbox.actionError ? (
            <InlineMessage tone='error' testId='inbox-action-error'>
              {inbox.actionError}
            </InlineMessage>
          ) : null}
          <View className='inbox__list' role='list'>
            {state.items.map((item) => (
              <InboxRow key={item.id} item={item} onOpen={inbox.open} />
            ))}
          </View>
          <ListFooter testId='inbox' list={list} />
        </>
      )}
    </View>
  );
}

function InboxRow({ item, onOpen }: { item: NotificationItem; onOpen: (item: NotificationItem) => void }) {
  const unread = !item.readAt;
  return (
    <View
      className={`inbox-row ${unread ? 'inbox-row--unread' : ''}`}
      role='listitem'
      data-testid='inbox-row'
      data-read={unread ? 'false' : 'true'}
      data-id={item.id}
      onClick={() => onOpen(item)}
    >
      <View className='inbox-row__head'>
        {unread ? (
          <Text className='inbox-row__badge' data-testid='inbox-unread'>
            未读
          </Text>
        ) : null}
        <Text className='inbox-row__title'>{item.title}</Text>
      </View>
      <Text className='inbox-row__body'>{item.body}</Text>
      <View className='inbox-row__foot'>
        <Text className='inbox-row__time'>{formatDateTime(item.createdAt)}</Text>
        {item.link ? <Text className='inbox-row__link'>查看详情 ›</Text> : <Tag>{unread ? '点按标为已读' : '已读'}</Tag>}
      </View>
    </View>
  );
}
