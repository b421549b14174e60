import type { HomeResponse } from '@zwgk/contracts';
import { openConsultation } from '@/features/consultations';
import { Panel, panelStateOf } from '@/components/Panel';
import { Tag } from '@/components/Tag';
import { formatDateTime, formatDaysLeft } from '@/utils/format';
import { FeedItem, MetaText } from './FeedItem';

/** 正在征求意见, with the days left before each draft closes. */
export function ConsultationsPanel({ panel }: { panel?: HomeResponse['consultations'] }) {
  const items = panel?.items ?? [];
  return (
    <Panel
      name='consultations'
      title='正在征求意见'
      state={panel ? panelStateOf(panel.status, items.length > 0) : 'loading'}
      hasContent={items.length > 0}
      emptyText='暂无正在征求意见的草案'
    >
      {items.map((item) => (
        <FeedItem
          key={item.id}
          testId='consultation-item'
          title={item.title}
          summary={item.summary}
          onTap={() => openConsultation(item.id)}
          meta={
            <>
              <Tag tone='accent'>{formatDaysLeft(item.daysLeft)}</Tag>
              <MetaText>{item.issuer}</MetaText>
              <MetaText>{formatDateTime(item.closesAt)}截止</MetaText>
            </>
          }
        />
      ))}
    </Panel>
  );
}
