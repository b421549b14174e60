import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorCode } from '@zwgk/contracts';
import { errorBody, stubNetwork } from '../../../../test/network';
import { useConsultationList } from '../hooks/useConsultations';
import { consultationList } from '../testing/fixtures';
import { ParticipateView } from './ParticipateView';

function Harness({ signedIn = false }: { signedIn?: boolean }) {
  return <ParticipateView list={useConsultationList()} signedIn={signedIn} />;
}

afterEach(() => jest.restoreAllMocks());

describe('参与 tab', () => {
  it('when consultations load, then 征求中 comes first with the days left, then 即将开始, 已截止 and 已公布采纳情况, then 政府开放日 and the 即将开放 card of meetings', async () => {
    const { sent } = stubNetwork(() => ({ status: 200, body: consultationList() }));
    render(<Harness />);
    await screen.findAllByTestId('consultation-row');
    expect(sent[0]).toMatchObject({ url: '/api/v1/consultations', method: 'GET' });
    const groups = screen.getAllByTestId(/^group-/).map((g) => g.getAttribute('data-testid'));
    expect(groups).toEqual(['group-open', 'group-upcoming', 'group-closed', 'group-reported']);
    const open = screen.getByTestId('group-open');
    expect(within(open).getByText('剩余8天')).toBeInTheDocument();
    expect(within(open).getByText('已公开意见 12 条')).toBeInTheDocument();
    expect(within(screen.getByTestId('group-closed')).getByText(/采纳情况整理中/)).toBeInTheDocument();
    expect(within(screen.getByTestId('group-reported')).getByText('9月20日公布采纳情况')).toBeInTheDocument();
    expect(screen.getByTestId('entry-open-days')).toHaveTextContent('政府开放日');
    expect(screen.getByTestId('open-meetings')).toHaveTextContent('列席政府会议');
    expect(screen.getByTestId('open-participation-stats')).toHaveTextContent('公开参与数据');
    expect(screen.queryByText('即将开放')).not.toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.queryByTestId('coming-soon-participate')).not.toBeInTheDocument();
  });

  it('when a consultation is tapped, then its page opens', async () => {
    stubNetwork(() => ({ status: 200, body: consultationList() }));
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    render(<Harness />);
    const [first] = await screen.findAllByTestId('consultation-row');
    fireEvent.click(first);
    expect(navigate).toHaveBeenCalledWith({ url: '/features/consultations/pages/detail/index?id=con-001' });
  });

  it('when 列席政府会议 is tapped, then the meetings list opens instead of a 即将开放 card', async () => {
    stubNetwork(() => ({ status: 200, body: consultationList() }));
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    render(<Harness />);
    await screen.findAllByTestId('consultation-row');
    expect(screen.queryByTestId('soon-meetings')).not.toBeInTheDocument();
    fireEvent.click(screen.getByTestId('open-meetings'));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith({ url: '/features/meetings/pages/list/index' }));
  });

  it('when the portal is down and the list is the last known copy, then it says so above the list', async () => {
    stubNetwork(() => ({ status: 200, body: consultationList('stale') }));
    render(<Harness />);
    expect(await screen.findByTestId('consultations-stale')).toHaveTextContent('已显示最近的内容');
    expect(screen.getAllByTestId('consultation-row')).toHaveLength(4);
  });

  it('when none is open, then the 征求中 group says so instead of disappearing', async () => {
    const body = consultationList();
    body.items = body.items.filter((c) => c.phase !== 'open');
    stubNetwork(() => ({ status: 200, body }));
    render(<Harness />);
    expect(await screen.findByTestId('group-open')).toHaveTextContent('目前没有正在征求意见的草案');
  });

  it('when 政府开放日 is tapped, then the open-day list opens', async () => {
    stubNetwork(() => ({ status: 200, body: consultationList() }));
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    render(<Harness />);
    fireEvent.click(await screen.findByTestId('entry-open-days'));
    expect(navigate).toHaveBeenCalledWith({ url: '/features/open-days/pages/list/index' });
  });

  it('when loading fails, then the error shows with 重试, and the other ways to take part still show', async () => {
    let calls = 0;
    stubNetwork(() => (++calls === 1 ? { status: 503, body: errorBody(ErrorCode.upstreamUnavailable, '政务服务暂时不可用，请稍后再试') } : { status: 200, body: consultationList() }));
    render(<Harness />);
    expect(await screen.findByTestId('consultations-error')).toHaveTextContent('政务服务暂时不可用');
    expect(screen.getByTestId('open-meetings')).toBeInTheDocument();
    expect(screen.getByTestId('entry-open-days')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('consultations-error-action'));
    await waitFor(() => expect(screen.getAllByTestId('consultation-row')).toHaveLength(4));
  });

  it('when signed in, then 我的意见 is offered; signed out it is not', async () => {
    stubNetwork(() => ({ status: 200, body: consultationList() }));
    const { unmount } = render(<Harness signedIn />);
    expect(await screen.findByTestId('open-my-comments')).toHaveTextContent('我的意见');
    unmount();
    render(<Harness />);
    await screen.findAllByTestId('consultation-row');
    expect(screen.queryByTestId('open-my-comments')).not.toBeInTheDocument();
  });
});
