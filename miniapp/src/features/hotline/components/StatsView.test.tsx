import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ErrorCode } from '@zwgk/contracts';
import { errorBody, stubNetwork } from '../../../../test/network';
import { useStats } from '../hooks/useStats';
import { stats } from '../testing/fixtures';
import { StatsView } from './StatsView';

function StatsHarness() {
  return <StatsView stats={useStats()} />;
}

afterEach(() => jest.restoreAllMocks());

describe('热线数据公开', () => {
  it('when figures arrive, then totals, monthly and per-type charts show each rate with its denominator and definition', async () => {
    const data = stats();
    const { sent } = stubNetwork(() => ({ status: 200, body: data }));
    render(<StatsHarness />);
    const totals = await screen.findByTestId('stats-totals');
    expect(sent[0]).toMatchObject({ url: '/api/v1/hotline/stats', method: 'GET' });
    expect(sent[0].header.Authorization).toBeUndefined();
    expect(totals).toHaveTextContent('6,000件');
    expect(totals).toHaveTextContent('办结率 91.7%（5,500/6,000）');
    expect(totals).toHaveTextContent('90.9%（5,000/5,500）');
    expect(totals).toHaveTextContent('90%（2,700/3,000）');

    // One bar group per month, tallest bar = largest value.
    const monthly = screen.getByTestId('chart-monthly');
    expect(within(monthly).getAllByTestId('chart-monthly-group')).toHaveLength(data.months.length);
    const bars = monthly.querySelectorAll('[data-value]');
    const tallest = Array.from(bars).find((b) => Number(b.getAttribute('data-value')) === 2400) as HTMLElement;
    expect(tallest.style.height).toBe('100%');
    expect(within(screen.getByTestId('chart-rates')).getAllByTestId('chart-rates-dot')).toHaveLength(data.months.length * 2);

    const rows = within(screen.getByTestId('stats-months')).getAllByTestId('stats-month-row');
    // The year is stated once per year; month cells say only "11月" (they never wrap).
    expect(screen.getAllByTestId('stats-year').map((y) => y.textContent)).toEqual(['2026年']);
    expect(rows[0].firstElementChild).toHaveTextContent(/^11月$/);
    expect(rows[0]).toHaveTextContent('83.3%1,000/1,200');
    const types = within(screen.getByTestId('stats-types')).getAllByTestId('stats-type-row');
    expect(types.map((r) => r.textContent?.slice(0, 2))).toEqual(['咨询', '求助', '投诉', '举报', '建议']);
    expect(screen.getByTestId('stats-definitions')).toHaveTextContent('满意件数 ÷ 已评价件数');
    expect(screen.queryByTestId('stats-stale')).not.toBeInTheDocument();
  });

  it('when a month has fewer than 5 ratings, then its 满意率 is marked 样本不足 with its count, not plotted, and does not stretch the axis', async () => {
    const data = stats();
    const thin = data.months[data.months.length - 1];
    thin.total.satisfactionRate = { value: 0, numerator: 0, denominator: 2 };
    stubNetwork(() => ({ status: 200, body: data }));
    render(<StatsHarness />);
    const chart = await screen.findByTestId('chart-rates');
    const gaps = within(chart).getAllByTestId('chart-rates-gap');
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toHaveAttribute('aria-label', '11月 满意率 样本不足（2件）');
    expect(within(chart).getAllByTestId('chart-rates-dot')).toHaveLength(data.months.length * 2 - 1);
    expect(within(chart).getByTestId('chart-rates-thin-note')).toHaveTextContent('满意率少于 5 件');
    // The lowest plotted rate is far above 0 %, so the axis does not start at 0 %.
    expect(chart.querySelector('.chart__y')?.lastElementChild?.textContent).not.toBe('0%');
    const row = within(screen.getByTestId('stats-months')).getAllByTestId('stats-month-row')[0];
    expect(row).toHaveTextContent('0/2 样本不足');
  });

  it('when the chart is drawn, then every month label sits at the same x as its points (one scale for both)', async () => {
    const data = stats();
    stubNetwork(() => ({ status: 200, body: data }));
    render(<StatsHarness />);
    const chart = await screen.findByTestId('chart-rates');
    const ticks = Array.from(chart.querySelectorAll<HTMLElement>('.chart__tick'));
    const lines = Array.from(chart.querySelectorAll<HTMLElement>('.chart__series'));
    expect(lines).toHaveLength(2);
    expect(ticks).toHaveLength(data.months.length);
    for (const line of lines) {
      const dots = Array.from(line.querySelectorAll<HTMLElement>('.chart__dot'));
      expect(dots.map((d) => d.style.left)).toEqual(ticks.map((t) => t.style.left));
    }
    expect(ticks.map((t) => t.textContent)).toEqual(data.months.map((m) => `${Number(m.month.slice(5))}月`));
  });

  it('when the BFF marks the figures stale, then they show with a notice', async () => {
    stubNetwork(() => ({ status: 200, body: stats({ status: 'stale' }) }));
    render(<StatsHarness />);
    expect(await screen.findByTestId('stats-stale')).toHaveTextContent('政务服务暂时不可用，已显示最近的内容');
    expect(screen.getByTestId('stats-stale').textContent).not.toMatch(/网络/);
    expect(screen.getByTestId('stats-totals')).toBeInTheDocument();
  });

  it('when a rate has no denominator, then it shows 暂无数据 rather than 0%', async () => {
    const data = stats();
    data.total.satisfactionRate = { value: null, numerator: 0, denominator: 0 };
    stubNetwork(() => ({ status: 200, body: data }));
    render(<StatsHarness />);
    expect(await screen.findByTestId('stats-totals')).toHaveTextContent('—（暂无数据）');
  });

  it('when loading fails, then the error shows and 重试 loads again', async () => {
    let calls = 0;
    stubNetwork(() => {
      calls += 1;
      return calls === 1 ? { status: 503, body: errorBody(ErrorCode.upstreamUnavailable, '热线数据暂时无法获取') } : { status: 200, body: stats() };
    });
    render(<StatsHarness />);
    expect(await screen.findByTestId('stats-error')).toHaveTextContent('热线数据暂时无法获取');
    fireEvent.click(screen.getByTestId('stats-error-action'));
    await waitFor(() => expect(screen.getByTestId('stats-totals')).toBeInTheDocument());
  });
});
