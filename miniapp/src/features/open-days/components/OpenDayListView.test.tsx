import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorCode } from '@zwgk/contracts';
import { errorBody, stubNetwork } from '../../../../test/network';
import { useOpenDayList } from '../hooks/useOpenDays';
import { openDayItem, openDayList } from '../testing/fixtures';
import { OpenDayListView } from './OpenDayListView';

function Harness({ signedIn = false }: { signedIn?: boolean }) {
  return <OpenDayListView list={useOpenDayList(signedIn ? 'u1' : null)} signedIn={signedIn} />;
}

afterEach(() => jest.restoreAllMocks());

describe('开放日列表', () => {
  it('when open days load, then each card shows title, host, location, phase, first session, places and the citizen’s own status', async () => {
    const items = [
      openDayItem({ myStatus: 'waitlisted', firstSessionAt: '2026-12-08T01:30:00.000Z' }),
      openDayItem({ id: 'od-archive', title: '走进市档案馆', phase: 'upcoming', phaseLabel: '报名未开始', registrationOpensAt: '2026-12-10T01:00:00.000Z', placesLeft: 0, capacity: 20 }),
    ];
    const { sent } = stubNetwork(() => ({ status: 200, body: openDayList(items) }));
    render(<Harness signedIn />);
    const [first, second] = await screen.findAllByTestId('open-day-row');
    expect(sent[0]).toMatchObject({ url: '/api/v1/open-days', method: 'GET' });
    expect(first).toHaveTextContent('走进自来水厂：从水源到龙头');
    expect(first).toHaveTextContent('江海市水务局');
    expect(first).toHaveTextContent('江海市第一自来水厂（滨江路 88 号）');
    expect(within(first).getByText('报名中')).toBeInTheDocument();
    expect(within(first).getByText('我：候补中')).toBeInTheDocument();
    expect(first).toHaveTextContent('首场 12月8日 09:30');
    expect(within(first).getByTestId('open-day-places')).toHaveTextContent('余位 12/60');
    expect(within(second).getByText('报名未开始')).toBeInTheDocument();
    expect(second).toHaveTextContent('12月10日 09:00开始报名');
    expect(within(second).getByTestId('open-day-places')).toHaveTextContent('已满 20/20');
    expect(within(second).queryByText(/^我：/)).not.toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getByTestId('open-my-registrations')).toBeInTheDocument();
  });

  it('when a card is tapped, then its open day opens', async () => {
    stubNetwork(() => ({ status: 200, body: openDayList() }));
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    render(<Harness />);
    fireEvent.click(await screen.findByTestId('open-day-row'));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith({ url: '/features/open-days/pages/detail/index?id=od-water-2026' }));
    expect(screen.queryByTestId('open-my-registrations')).not.toBeInTheDocument();
  });

  it('when there are none, then the empty state says so', async () => {
    stubNetwork(() => ({ status: 200, body: openDayList([]) }));
    render(<Harness />);
    expect(await screen.findByTestId('open-days-empty')).toHaveTextContent('近期暂无政府开放日');
    expect(screen.getByTestId('open-days')).toHaveAttribute('data-state', 'empty');
  });

  it('when the portal is down, then the last known list shows marked stale', async () => {
    stubNetwork(() => ({ status: 200, body: openDayList([openDayItem()], 'stale') }));
    render(<Harness />);
    expect(await screen.findByTestId('open-days-stale')).toHaveTextContent('已显示最近的内容');
    expect(screen.getByTestId('open-day-row')).toBeInTheDocument();
  });

  it('when loading fails, then the error shows with 重试, which loads again', async () => {
    let calls = 0;
    stubNetwork(() => (++calls === 1 ? { status: 503, body: errorBody(ErrorCode.upstreamUnavailable, '政务服务暂时不可用，请稍后再试') } : { status: 200, body: openDayList() }));
    render(<Harness />);
    expect(screen.getByTestId('open-days')).toHaveAttribute('data-state', 'loading');
    expect(await screen.findByTestId('open-days-error')).toHaveTextContent('政务服务暂时不可用');
    fireEvent.click(screen.getByTestId('open-days-error-action'));
    expect(await screen.findByTestId('open-day-row')).toBeInTheDocument();
  });
});
