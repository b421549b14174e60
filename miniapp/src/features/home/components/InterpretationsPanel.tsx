import type { HomeResponse } from '@zwgk/contracts';
import { Panel, panelStateOf } from '@/components/Panel';
import { Tag } from '@/components/Tag';
import { openInterpretation } from '@/features/policy';
import { switchToTab } from '@/services';
import { formatDate } from '@/utils/format';
import { FeedItem, MetaText } from './FeedItem';

// The portal lists interpretations under their policies: the 政策 tab's list is the full one.
const toPolicy = () => switchToTab('/pages/policy/index');

/** 最新政策解读; `panel` undefined while the feed loads. */
export function InterpretationsPanel({ panel }: { panel?: HomeResponse['interpretations'] }) {
  const items = panel?.items ?? [];
  return (
    <Panel
      name='interpretations'
      title='最新政策解读'
      state={panel ? panelStateOf(panel.status, items.length > 0) : 'loading'}
      hasContent={items.length > 0}
      emptyText='暂无新的政策解读'
      moreText='全部政策文件'
      onMore={toPolicy}
    >
      {items.map((item) => (
        <FeedItem
          key={item.id}
          testId='interpretation-item'
          title={item.title}
          summary={item.summary}
          onTap={() => openInterpretation(item.id)}
          meta={
            <>
              {item.hasMedia ? <Tag tone='info'>图文解读</Tag> : null}
              <MetaText>{formatDate(item.publishedAt)}发布</MetaText>
            </>
          }
        />
      ))}
    </Panel>
  );
}
