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
    expect(rows[0]).toHaveTextContent('2026年11月');
    expect(rows[0]).toHaveTextContent('83.3%1,000/1,200');
    const types = within(screen.getByTestId('stats-types')).getAllByTestId('stats-type-row');
    expect(types.map((r) => r.textContent?.slice(0, 2))).toEqual(['咨询', '求助', '投诉', '举报', '建议']);
    expect(screen.getByTestId('stats-definitions')).toHaveTextContent('满意件数 ÷ 已评价件数');
    expect(screen.queryByTestId('stats-stale')).not.toBeInTheDocument();
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
