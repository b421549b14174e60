import { render, screen } from '@testing-library/react';
import type { HotlineStatsSummary } from '@zwgk/contracts';
import HotlinePage from '@/pages/hotline/index';
import { clearSession } from '@/services/sessionStore';
import { stubNetwork } from '../../../../test/network';
import { stats } from '../../hotline/testing/fixtures';
import { HotlinePanel } from './HotlinePanel';

afterEach(() => jest.restoreAllMocks());

describe('12345热线 on 首页 and on the 热线 tab', () => {
  it('when both show the same month, then they read the same: period, figures and labels (满意率, 办结)', async () => {
    const published = stats();
    const last = published.months[published.months.length - 1];
    const t = last.total;
    // What the BFF's home feed sends for that month (bff/src/features/home/service.ts summariseHotline).
    const homeSummary: HotlineStatsSummary = {
      month: last.month,
      accepted: t.accepted,
      handled: t.handled,
      handledOnTime: t.handledOnTime,
      rated: t.rated,
      satisfied: t.satisfied,
      onTimeRate: t.onTimeRate.value,
      satisfactionRate: t.satisfactionRate.value,
    };
    clearSession();
    stubNetwork(() => ({ status: 200, body: published }));
    render(
      <>
        <HotlinePanel panel={{ status: 'ok', updatedAt: published.updatedAt, data: homeSummary }} />
        <HotlinePage />
      </>,
    );
    const tab = await screen.findByTestId('stats-summary');
    const home = screen.getByTestId('hotline-stats');
    expect(home.textContent).toBe(tab.textContent);
    expect(home).toHaveTextContent('2026年11月数据');
    expect(home).toHaveTextContent('满意率');
    expect(home).toHaveTextContent('办结');
    expect(home.textContent).not.toMatch(/满意度|已办结/);
  });
});
