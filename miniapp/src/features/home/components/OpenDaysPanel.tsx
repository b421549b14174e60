import type { HomeResponse } from '@zwgk/contracts';
import { Panel, panelStateOf } from '@/components/Panel';
import { Tag } from '@/components/Tag';
import { switchToTab } from '@/services';
import { formatDateTime } from '@/utils/format';
import { FeedItem, MetaText } from './FeedItem';

const toParticipate = () => switchToTab('/pages/participate/index');

/** 政府开放日: upcoming sessions citizens can sign up for. */
export function OpenDaysPanel({ panel }: { panel?: HomeResponse['openDays'] }) {
  const items = panel?.items ?? [];
  return (
    <Panel
      name='open-days'
      title='政府开放日'
      state={panel ? panelStateOf(panel.status, items.length > 0) : 'loading'}
      hasContent={items.length > 0}
      emptyText='近期暂无政府开放日活动'
      onMore={toParticipate}
    >
      {items.map((item) => (
        <FeedItem
          key={item.id}
          testId='open-day-item'
          title={item.title}
          summary={`${item.host} · ${item.location}`}
          onTap={toParticipate}
          meta={
            <>
              <Tag>{`${item.sessionCount}场 · ${item.totalCapacity}个名额`}</Tag>
              <MetaText>{item.nextSessionAt ? `下一场 ${formatDateTime(item.nextSessionAt)}` : '暂无待开场次'}</MetaText>
              <MetaText>{formatDateTime(item.registrationClosesAt)}报名截止</MetaText>
            </>
          }
        />
      ))}
    </Panel>
  );
}
