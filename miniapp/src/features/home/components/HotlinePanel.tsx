import type { HomeResponse } from '@zwgk/contracts';
import { HotlineFigures } from '@/components/HotlineFigures';
import { Panel, panelStateOf } from '@/components/Panel';
import { switchToTab } from '@/services';

/** 12345热线: the last complete month's published figures, each rate with what it was computed over. */
export function HotlinePanel({ panel }: { panel?: HomeResponse['hotlineStats'] }) {
  const stats = panel?.data ?? null;
  return (
    <Panel
      name='hotline'
      title='12345热线'
      state={panel ? panelStateOf(panel.status, stats !== null) : 'loading'}
      hasContent={stats !== null}
      emptyText='本月统计尚未发布'
      moreText='我要反映'
      onMore={() => switchToTab('/pages/hotline/index')}
      skeletonRows={2}
    >
      {stats ? <HotlineFigures summary={stats} testId='hotline-stats' /> : null}
    </Panel>
  );
}
