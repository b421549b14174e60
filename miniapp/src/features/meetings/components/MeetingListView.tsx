import { Text, View } from '@tarojs/components';
import type { MeetingListItem, MeetingListResponse } from '@zwgk/contracts';
import { APPLICATION_STATUS_LABELS } from '@zwgk/contracts';
import { PageHeader } from '@/components/PageHeader';
import { StatusView } from '@/components/StatusView';
import { Tag } from '@/components/Tag';
import type { UseRemote } from '@/hooks';
import { formatDateTime } from '@/utils/format';
import { phaseTone } from '../lib/labels';
import { meetingPages, openMeeting, openMeetingPage } from '../navigation';
import { MeetingGate, StaleNotice } from './MeetingGate';
import './meetings.scss';

/** 列席会议: the meetings open to observers, 接受申请 first, with the citizen's own status. */
export function MeetingListView({ remote, signedIn }: { remote: UseRemote<MeetingListResponse>; signedIn: boolean }) {
  return (
    <MeetingGate testId='meeting-list' state={remote.state} onRetry={remote.reload} errorTitle='会议列表加载失败'>
      {(data) => (
        <View className='page mt-page' data-testid='meeting-list' data-state={data.items.length ? 'ok' : 'empty'}>
          <PageHeader
            title='列席政府会议'
            subtitle='申请列席涉及公众利益的政府会议，旁听讨论并提出意见'
            actions={
              signedIn ? (
                <Text className='mt-link' data-testid='open-my-applications' onClick={() => openMeetingPage(meetingPages.mine())}>
                  我的申请 ›
                </Text>
              ) : null
            }
          />
          <StaleNotice status={data.status} testId='meeting-list-stale' />
          {data.items.length ? (
            data.items.map((m) => <MeetingRow key={m.id} item={m} />)
          ) : (
            <StatusView testId='meeting-list-empty' glyph='会' title='近期没有可列席的会议' description='有新的会议开放申请时会在这里和首页显示。' />
          )}
        </View>
      )}
    </MeetingGate>
  );
}

function MeetingRow({ item }: { item: MeetingListItem }) {
  return (
    <View className='mt-card mt-card--tap' data-testid='meeting-row' data-id={item.id} data-phase={item.phase} onClick={() => openMeeting(item.id)}>
      <View className='mt-head'>
        <View>
          <Tag tone={phaseTone(item.phase)}>{item.phaseLabel}</Tag>
          <Tag tone='info'>{item.selectionLabel}</Tag>
        </View>
        {item.myStatus ? (
          <Text className='mt-fact mt-fact--strong' data-testid='my-status'>
            我的申请：{APPLICATION_STATUS_LABELS[item.myStatus]}
          </Text>
        ) : null}
      </View>
      <Text className='mt-title'>{item.title}</Text>
      <Text className='mt-muted'>{item.organizer}</Text>
      <View className='mt-meta'>
        <Text>{formatDateTime(item.startsAt)}召开</Text>
        <Text>{item.totalSeats} 个列席席位</Text>
        {item.phase === 'open' ? <Text>{formatDateTime(item.applicationClosesAt)}截止申请</Text> : null}
      </View>
    </View>
  );
}
