import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorCode, type HomeResponse } from '@zwgk/contracts';
import { HomeView, useHome } from '@/features/home';
import { errorBody, stubNetwork } from '../../../../test/network';
import { homeFeed } from '../testing/fixtures';

function HomeHarness() {
  const home = useHome();
  return <HomeView state={home.state} reload={home.reload} />;
}

function renderHomeWith(feed: HomeResponse) {
  const net = stubNetwork(() => ({ status: 200, body: feed }));
  render(<HomeHarness />);
  return net;
}

const panel = (name: string) => screen.getByTestId(`panel-${name}`);

afterEach(() => jest.restoreAllMocks());

describe('home panels', () => {
  it('when the feed is loading, then every panel shows a skeleton', async () => {
    stubNetwork(() => new Promise(() => undefined));
    render(<HomeHarness />);
    for (const name of ['interpretations', 'consultations', 'open-days', 'meetings', 'hotline']) {
      expect(panel(name)).toHaveAttribute('data-state', 'loading');
      expect(within(panel(name)).getByTestId('skeleton')).toBeInTheDocument();
    }
  });

  it('when every panel is fresh, then their content shows in Chinese formats', async () => {
    renderHomeWith(homeFeed());
    expect(await screen.findByText('《关于进一步优化营商环境的若干措施》解读')).toBeInTheDocument();

    const interpretations = panel('interpretations');
    expect(interpretations).toHaveAttribute('data-state', 'ok');
    expect(within(interpretations).getByText('2024年12月2日发布')).toBeInTheDocument();
    expect(within(interpretations).getByText('图文解读')).toBeInTheDocument();

    const consultations = panel('consultations');
    expect(within(consultations).getByText('剩余5天')).toBeInTheDocument();
    // 09:59 UTC is 17:59 in Beijing.
    expect(within(consultations).getByText('12月8日 17:59截止')).toBeInTheDocument();

    const openDays = panel('open-days');
    expect(within(openDays).getByText('走进自来水厂')).toBeInTheDocument();
    expect(within(openDays).getByText('下一场 12月7日 09:30')).toBeInTheDocument();
    expect(within(openDays).getByText('2场 · 60个名额')).toBeInTheDocument();

    expect(within(panel('meetings')).getByText('12月10日 14:00召开')).toBeInTheDocument();

    const hotline = panel('hotline');
    expect(within(hotline).getByText('2024年11月数据')).toBeInTheDocument();
    expect(within(hotline).getByText('12,840')).toBeInTheDocument();
    expect(within(hotline).getByText('96%')).toBeInTheDocument();
    expect(within(hotline).getByText('95.5%')).toBeInTheDocument();
    expect(within(hotline).getByText('7,640/8,000件评价满意')).toBeInTheDocument();
    expect(screen.queryByTestId('panel-stale')).not.toBeInTheDocument();
  });

  it('when a panel has no items, then it says so in its own words', async () => {
    const feed = homeFeed();
    feed.consultations.items = [];
    feed.hotlineStats.data = null;
    renderHomeWith(feed);
    await screen.findByText('走进自来水厂');
    expect(panel('consultations')).toHaveAttribute('data-state', 'empty');
    expect(within(panel('consultations')).getByText('暂无正在征求意见的草案')).toBeInTheDocument();
    expect(within(panel('hotline')).getByText('本月统计尚未发布')).toBeInTheDocument();
    expect(panel('interpretations')).toHaveAttribute('data-state', 'ok');
  });

  it('when a panel is stale, then its content stays with a quiet notice', async () => {
    const feed = homeFeed();
    feed.openDays.status = 'stale';
    renderHomeWith(feed);
    await screen.findByText('走进自来水厂');
    const openDays = panel('open-days');
    expect(openDays).toHaveAttribute('data-state', 'stale');
    expect(within(openDays).getByText('政务服务暂时不可用，已显示最近的内容')).toBeInTheDocument();
    expect(within(openDays).getByText('走进自来水厂')).toBeInTheDocument();
    expect(within(panel('meetings')).queryByTestId('panel-stale')).not.toBeInTheDocument();
  });

  it('when a panel is unavailable, then only that panel says so and the others render', async () => {
    const feed = homeFeed();
    feed.meetings = { status: 'unavailable', updatedAt: null, items: [] };
    feed.hotlineStats = { status: 'unavailable', updatedAt: null, data: null };
    renderHomeWith(feed);
    await screen.findByText('走进自来水厂');
    expect(panel('meetings')).toHaveAttribute('data-state', 'unavailable');
    expect(within(panel('meetings')).getByText('暂时无法获取，请稍后再试')).toBeInTheDocument();
    expect(within(panel('hotline')).getByText('暂时无法获取，请稍后再试')).toBeInTheDocument();
    expect(panel('consultations')).toHaveAttribute('data-state', 'ok');
  });

  it('when the feed request fails, then the page shows the error and 重试 loads it again', async () => {
    let attempts = 0;
    const { sent } = stubNetwork(() => {
      attempts += 1;
      return attempts === 1
        ? { status: 503, body: errorBody(ErrorCode.upstreamUnavailable, '服务繁忙，请稍后再试') }
        : { status: 200, body: homeFeed() };
    });
    render(<HomeHarness />);

    const error = await screen.findByTestId('home-error');
    expect(within(error).getByText('首页内容加载失败')).toBeInTheDocument();
    expect(within(error).getByText('服务繁忙，请稍后再试')).toBeInTheDocument();
    expect(screen.queryByTestId('panel-interpretations')).not.toBeInTheDocument();

    fireEvent.click(within(error).getByText('重试'));
    expect(await screen.findByText('走进自来水厂')).toBeInTheDocument();
    expect(screen.queryByTestId('home-error')).not.toBeInTheDocument();
    expect(sent).toHaveLength(2);
  });

  it('when the network is down, then the page error says to check the network', async () => {
    stubNetwork(() => 'network-down');
    render(<HomeHarness />);
    const error = await screen.findByTestId('home-error');
    await waitFor(() => expect(within(error).getByText('网络连接失败，请检查网络后重试')).toBeInTheDocument());
  });
});

describe('home links', () => {
  let navigate: jest.SpyInstance;
  let tab: jest.SpyInstance;
  beforeEach(() => {
    navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    tab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' } as never);
  });

  it('when a listed interpretation is tapped, then that interpretation opens, not the 政策 tab', async () => {
    const feed = homeFeed();
    renderHomeWith(feed);
    const [first] = feed.interpretations.items;
    fireEvent.click(await screen.findByText(first.title));
    expect(navigate).toHaveBeenCalledWith({ url: `/features/policy/pages/interpretation/index?id=${first.id}` });
    expect(tab).not.toHaveBeenCalled();
  });

  it('when the interpretations’ more link is tapped, then it says and opens the 政策 tab’s full list', async () => {
    renderHomeWith(homeFeed());
    await screen.findByTestId('interpretation-item');
    fireEvent.click(within(panel('interpretations')).getByText(/全部政策文件/));
    expect(tab).toHaveBeenCalledWith({ url: '/pages/policy/index' });
  });

  it('when a consultation row is tapped, then its consultation page opens', async () => {
    const feed = homeFeed();
    renderHomeWith(feed);
    const [row] = await screen.findAllByTestId('consultation-item');
    fireEvent.click(row);
    expect(navigate).toHaveBeenCalledWith({ url: `/features/consultations/pages/detail/index?id=${feed.consultations.items[0].id}` });
  });

  it('when an open day row is tapped, then its open day opens; 全部开放日 opens the list', async () => {
    const feed = homeFeed();
    renderHomeWith(feed);
    const [row] = await screen.findAllByTestId('open-day-item');
    fireEvent.click(row);
    expect(navigate).toHaveBeenCalledWith({ url: `/features/open-days/pages/detail/index?id=${feed.openDays.items[0].id}` });
    fireEvent.click(within(panel('open-days')).getByText(/全部开放日/));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/features/open-days/pages/list/index' });
    expect(tab).not.toHaveBeenCalled();
  });

  it('when a meeting row is tapped, then its page opens; 更多 opens the meetings list', async () => {
    const feed = homeFeed();
    renderHomeWith(feed);
    const [row] = await screen.findAllByTestId('meeting-item');
    fireEvent.click(row);
    expect(navigate).toHaveBeenCalledWith({ url: `/features/meetings/pages/detail/index?id=${feed.meetings.items[0].id}` });
    fireEvent.click(within(panel('meetings')).getByText(/更多/));
    await waitFor(() => expect(navigate).toHaveBeenLastCalledWith({ url: '/features/meetings/pages/list/index' }));
    expect(tab).not.toHaveBeenCalled();
  });

  it('when an open day’s registration has closed, then it says 已截止; one still open does not', async () => {
    const feed = homeFeed();
    const [open] = feed.openDays.items;
    const hour = 3600_000;
    feed.openDays.items = [
      { ...open, id: 'o-closed', title: '走进消防站', registrationClosesAt: new Date(Date.now() - hour).toISOString() },
      { ...open, id: 'o-open', title: '走进档案馆', registrationClosesAt: new Date(Date.now() + 24 * hour).toISOString() },
    ];
    renderHomeWith(feed);
    const [closed, stillOpen] = await screen.findAllByTestId('open-day-item');
    expect(closed).toHaveTextContent('走进消防站');
    expect(within(closed).getByText('已截止')).toBeInTheDocument();
    expect(stillOpen).toHaveTextContent('走进档案馆');
    expect(within(stillOpen).queryByText('已截止')).not.toBeInTheDocument();
  });
});
