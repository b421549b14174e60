import { Text, View } from '@tarojs/components';
import { MEETING_SELECTION_LABELS, type StaffMeeting } from '@zwgk/contracts';
import { Skeleton } from '@/components/Skeleton';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import { formatDateTime } from '@/utils/format';
import type { UseMeetingWork } from '../hooks/useMeetingWork';
import { Row, Rows } from './DetailParts';
import { MeetingApplications } from './MeetingApplications';
import { MeetingDraws } from './MeetingDraws';
import { MeetingOpinions } from './MeetingOpinions';
import { StaffPage } from './StaffPage';

/** One meeting (工作台): its seats, then the applications with review or the draw, then the opinions to answer. */
export function MeetingWork({ work }: { work: UseMeetingWork }) {
  const { meetings, meeting: m } = work;
  const error = meetings.state.status === 'error' ? meetings.state : null;
  return (
    <StaffPage testId='meeting-work' className='desk' state={meetings.state.status} error={error} title={m?.title ?? '列席会议'} subtitle={m ? `${MEETING_SELECTION_LABELS[m.selection]} · ${m.phaseLabel}` : undefined}>
      {meetings.state.status === 'loading' ? (
        <Skeleton rows={4} />
      ) : error ? (
        <StatusView testId='meeting-work-error' glyph='!' tone='warn' title='会议加载失败' description={error.message} actionText='重试' onAction={meetings.reload} />
      ) : !m ? (
        <StatusView testId='meeting-work-missing' glyph='?' title='没有找到这次会议' description='编号可能有误，或会议已被撤下。' />
      ) : (
        <>
          <Overview m={m} />
          {m.selection === 'lottery' ? <MeetingDraws work={work} m={m} /> : null}
          <MeetingApplications work={work} m={m} />
          <MeetingOpinions work={work} />
        </>
      )}
    </StaffPage>
  );
}

function Overview({ m }: { m: StaffMeeting }) {
  return (
    <View className='desk-detail__body' data-testid='meeting-overview'>
      <Rows>
        <Row label='会议时间' value={formatDateTime(m.startsAt)} />
        <Row label='申请截止' value={formatDateTime(m.applicationClosesAt)} />
      </Rows>
      <View className='wb-counts'>
        {m.seats
          .filter((s) => s.seats > 0)
          .map((s) => (
            <View key={s.category} className={`wb-count ${s.selected >= s.seats ? 'wb-count--attention' : ''}`} data-testid='meeting-seat' data-category={s.category}>
              <Text className='wb-count__value'>
                {s.selected}/{s.seats}
              </Text>
              <Text className='wb-count__label'>
                {s.label} · 申请 {s.applications}
              </Text>
            </View>
          ))}
      </View>
      {m.phase === 'open' ? <Tag tone='accent'>接受申请中，截止后才能选定</Tag> : null}
    </View>
  );
}
