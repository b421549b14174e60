import type { HomeResponse } from '@zwgk/contracts';
import { Panel, panelStateOf } from '@/components/Panel';
import { openOpenDay, openOpenDayList } from '@/features/open-days';
import { Tag } from '@/components/Tag';
import { formatDateTime } from '@/utils/format';
import { FeedItem, MetaText } from './FeedItem';

/**
 * 政府开放日: upcoming sessions citizens can sign up for; one whose registration has closed says
 * 已截止. A row opens its open day (places, sign-up); 更多 opens the list of every open day.
 */
export function OpenDaysPanel({ panel }: { panel?: HomeResponse['openDays'] }) {
  const items = panel?.items ?? [];
  return (
    <Panel
      name='open-days'
      title='政府开放日'
      state={panel ? panelStateOf(panel.status, items.length > 0) : 'loading'}
      hasContent={items.length > 0}
      emptyText='近期暂无政府开放日活动'
      moreText='全部开放日'
      onMore={openOpenDayList}
    >
      {items.map((item) => (
        <FeedItem
          key={item.id}
          testId='open-day-item'
          onTap={() => openOpenDay(item.id)}
          title={item.title}
          summary={`${item.host} · ${item.location}`}
          meta={
            <>
              {Date.parse(item.registrationClosesAt) <= Date.now() ? <Tag tone='accent'>已截止</Tag> : null}
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
