import type { HomeResponse } from '@zwgk/contracts';
import { Panel, panelStateOf } from '@/components/Panel';
import { openMeeting, openMeetingList } from '@/features/meetings';
import { Tag } from '@/components/Tag';
import { formatDateTime } from '@/utils/format';
import { FeedItem, MetaText } from './FeedItem';

/** 列席会议: government meetings open to citizen observers. */
export function MeetingsPanel({ panel }: { panel?: HomeResponse['meetings'] }) {
  const items = panel?.items ?? [];
  return (
    <Panel
      name='meetings'
      title='列席会议'
      state={panel ? panelStateOf(panel.status, items.length > 0) : 'loading'}
      hasContent={items.length > 0}
      emptyText='近期暂无可申请列席的会议'
      moreText='更多'
      onMore={openMeetingList}
    >
      {items.map((item) => (
        <FeedItem
          key={item.id}
          testId='meeting-item'
          title={item.title}
          summary={`${item.organizer} · ${item.location}`}
          onTap={() => openMeeting(item.id)}
          meta={
            <>
              <Tag>{`${item.totalSeats}个列席席位`}</Tag>
              <MetaText>{formatDateTime(item.startsAt)}召开</MetaText>
              <MetaText>{formatDateTime(item.applicationClosesAt)}申请截止</MetaText>
            </>
          }
        />
      ))}
    </Panel>
  );
}
