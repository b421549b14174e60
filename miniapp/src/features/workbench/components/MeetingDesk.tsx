import { Text, View } from '@tarojs/components';
import { MEETING_SELECTION_LABELS, type StaffMeeting, type StaffMeetingList } from '@zwgk/contracts';
import { panelTexts } from '@/components/Panel';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import type { UseRemote } from '@/hooks';
import { formatDateTime } from '@/utils/format';
import { openPage, workbenchPages } from '../navigation';
import { StaffPage } from './StaffPage';

/** 列席会议 (工作台): every meeting with what waits for staff — 待审核, 待抽签, 待答复. */
export function MeetingDesk({ desk }: { desk: UseRemote<StaffMeetingList> }) {
  const { state } = desk;
  const data = state.status === 'ok' ? state.data : null;
  return (
    <StaffPage testId='meeting-desk' className='desk' state={state.status} error={state.status === 'error' ? state : null} title='列席会议' subtitle='申请审核、公开抽签与列席意见答复'>
      {state.status === 'loading' ? (
        <Skeleton rows={3} />
      ) : state.status === 'error' ? (
        <StatusView testId='meeting-desk-error' glyph='!' tone='warn' title='会议列表加载失败' description={state.message} actionText='重试' onAction={desk.reload} />
      ) : data && data.status !== 'ok' ? (
        <>
          <Text className='desk-section__note' data-testid='meeting-desk-stale'>
            {data.status === 'stale' ? panelTexts.stale : panelTexts.unavailable}
          </Text>
          <Rows items={data.items} />
        </>
      ) : data?.items.length ? (
        <Rows items={data.items} />
      ) : (
        <StatusView testId='meeting-desk-empty' glyph='会' title='暂无列席会议' description='门户发布接受列席申请的会议后会出现在这里。' />
      )}
    </StaffPage>
  );
}

function Rows({ items }: { items: StaffMeeting[] }) {
  return (
    <View role='list'>
      {items.map((m) => (
        <MeetingRow key={m.id} m={m} />
      ))}
    </View>
  );
}

/** 待审核 / 待抽签 / 待答复 of one meeting. */
export function meetingQueues(m: StaffMeeting): Array<{ label: string; count: number }> {
  return [
    ...(m.selection === 'review' ? [{ label: '待审核', count: m.pendingReview }] : [{ label: '待抽签', count: m.drawsPending.length }]),
    { label: '待答复', count: m.opinionsAwaitingReply },
  ];
}

function MeetingRow({ m }: { m: StaffMeeting }) {
  const applied = m.seats.reduce((n, s) => n + s.applications, 0);
  const seats = m.seats.reduce((n, s) => n + s.seats, 0);
  return (
    <View className='desk-row' role='listitem' data-testid='staff-meeting' data-id={m.id} onClick={() => openPage(workbenchPages.meeting(m.id))}>
      <View className='desk-row__tags'>
        <Tag tone={m.phase === 'open' ? 'accent' : 'info'}>{m.phaseLabel}</Tag>
        <Tag>{MEETING_SELECTION_LABELS[m.selection]}</Tag>
      </View>
      <Text className='desk-row__title'>{m.title}</Text>
      <Text className='desk-row__meta'>
        {formatDateTime(m.startsAt)}召开 · {formatDateTime(m.applicationClosesAt)}截止 · 申请 {applied} 人 / {seats} 席
      </Text>
      {m.selection === 'lottery' && !m.drawSource && m.phase === 'open' ? (
        <Text className='desk-section__note' data-testid='source-missing'>
          尚未公布抽签所用的随机数来源，须在申请截止前公布
        </Text>
      ) : null}
      <View className='wb-counts'>
        {meetingQueues(m).map((q) => (
          <View key={q.label} className={`wb-count ${q.count > 0 ? 'wb-count--attention' : ''}`} data-testid='meeting-queue' data-label={q.label}>
            <Text className='wb-count__value'>{q.count}</Text>
            <Text className='wb-count__label'>{q.label}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
