import { fireEvent, render, screen, within } from '@testing-library/react';
import { stubNetwork, errorBody } from '../../../../test/network';
import { useParticipationStats } from '../hooks/useParticipationStats';
import { participationStats } from '../testing/fixtures';
import { ParticipationStatsView } from './ParticipationStatsView';

function Harness() {
  return <ParticipationStatsView {...useParticipationStats()} />;
}

afterEach(() => jest.restoreAllMocks());

describe('公开参与数据', () => {
  it('when the figures arrive, then each host and category shows its numbers with their denominators, and the minimum of four is judged', async () => {
    const { sent } = stubNetwork(() => ({ status: 200, body: participationStats() }));
    render(<Harness />);
    const hosts = await screen.findAllByTestId('participation-host-row');
    expect(sent[0]).toMatchObject({ url: '/api/v1/participation/stats', method: 'GET' });
    expect(hosts[0]).toHaveTextContent('江海市水务局');
    expect(hosts[0]).toHaveTextContent('96/120');
    expect(hosts[0]).toHaveTextContent('84.4%（81/96）');
    // Nothing to divide by: says so instead of 0 %.
    expect(hosts[1]).toHaveTextContent('—（暂无数据）');
    expect(screen.getByTestId('participation-minimum')).toHaveTextContent('有列席人员的会议 3 次');
    expect(screen.getByTestId('participation-minimum')).toHaveTextContent('未达到每年至少 4 次');
    const cats = screen.getAllByTestId('participation-category-row');
    expect(cats.map((r) => r.firstElementChild?.textContent)).toEqual(['公众', '利益相关方', '专家', '媒体']);
    expect(cats[0]).toHaveTextContent('3（27/9）');
    expect(screen.getByTestId('participation-definitions')).toHaveTextContent('到场人数 ÷ 报名人数');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('公开参与数据');
  });

  it('when another year is chosen, then that year is asked for and the chosen year is marked', async () => {
    const { sent } = stubNetwork((req) => ({ status: 200, body: participationStats((req.data as { year?: number } | undefined)?.year === 2025 ? { year: 2025 } : {}) }));
    render(<Harness />);
    const chips = await screen.findAllByTestId('participation-year');
    expect(chips[0]).toHaveAttribute('aria-pressed', 'true');
    fireEvent.click(within(screen.getByTestId('participation-years')).getByText('2025年'));
    await screen.findByText('2025年', { selector: '[aria-pressed="true"]' });
    expect(sent.at(-1)?.data).toMatchObject({ year: 2025 });
  });

  it('when a year had no open days, then the host table says so', async () => {
    const data = participationStats();
    data.openDays.hosts = [];
    stubNetwork(() => ({ status: 200, body: data }));
    render(<Harness />);
    expect(await screen.findByTestId('participation-hosts-empty')).toHaveTextContent('2026年暂无已举办的开放日');
  });

  it('when the portal is unreachable, then the sections say the figures may be incomplete', async () => {
    const data = participationStats();
    data.openDays.status = 'unavailable';
    stubNetwork(() => ({ status: 200, body: data }));
    render(<Harness />);
    expect(await screen.findByTestId('participation-notice')).toHaveTextContent('可能不完整');
  });

  it('when loading fails, then the error says so and 重试 loads again', async () => {
    let calls = 0;
    stubNetwork(() => (++calls === 1 ? { status: 503, body: errorBody('upstream_unavailable', '服务暂时不可用') } : { status: 200, body: participationStats() }));
    render(<Harness />);
    fireEvent.click(await screen.findByText('重试'));
    expect(await screen.findAllByTestId('participation-host-row')).toHaveLength(2);
  });
});
