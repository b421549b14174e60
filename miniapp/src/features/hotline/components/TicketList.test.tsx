import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorCode } from '@zwgk/contracts';
import { applySession, clearSession } from '@/services/sessionStore';
import { errorBody, stubNetwork } from '../../../../test/network';
import { session } from '../../../../test/fixtures';
import { useMyTickets } from '../hooks/useMyTickets';
import { ticketSummary } from '../testing/fixtures';
import { TicketList } from './TicketList';

function ListHarness({ onNew = () => undefined }: { onNew?: () => void }) {
  return <TicketList list={useMyTickets(2)} onNew={onNew} />;
}

const all = [ticketSummary(1, { canRate: true, status: 'closed', statusLabel: '办结' }), ticketSummary(2, { status: 'submitted', statusLabel: '已提交，正在转交', deadline: null, department: null }), ticketSummary(3)];
const failedRow = ticketSummary(4, { status: 'submitted', statusLabel: '转交未成功', forwardFailed: true, deadline: null, department: null });

beforeEach(() => applySession(session()));
afterEach(() => {
  jest.restoreAllMocks();
  clearSession();
});

describe('我的诉求', () => {
  it('when there are more tickets than a page, then 加载更多 fetches the next page and the end says so', async () => {
    const { sent } = stubNetwork((req) => {
      const { page, pageSize } = req.data as { page: number; pageSize: number };
      return { status: 200, body: { items: all.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: all.length } };
    });
    render(<ListHarness />);
    await waitFor(() => expect(screen.getAllByTestId('ticket-row')).toHaveLength(2));
    expect(screen.getByText('共 3 件诉求')).toBeInTheDocument();
    const [closed, forwarding] = screen.getAllByTestId('ticket-row');
    expect(within(closed).getByText('待评价')).toBeInTheDocument();
    expect(within(forwarding).getByText('正在转交')).toBeInTheDocument();
    expect(within(forwarding).getByText('等待 12345 受理')).toBeInTheDocument();

    fireEvent.click(screen.getByTestId('tickets-more'));
    await waitFor(() => expect(screen.getAllByTestId('ticket-row')).toHaveLength(3));
    expect(screen.queryByTestId('tickets-more')).not.toBeInTheDocument();
    expect(screen.getByText('没有更多了')).toBeInTheDocument();
    expect(sent.map((r) => r.data)).toEqual([
      { page: 1, pageSize: 2 },
      { page: 2, pageSize: 2 },
    ]);
    expect(sent[0]).toMatchObject({ url: '/api/v1/hotline/tickets', method: 'GET' });
    expect(sent[0].header.Authorization).toBe('Bearer access-1');
  });

  it('when an open ticket is past its deadline, then its row is marked 已超期', async () => {
    const late = ticketSummary(9);
    late.deadline = { ...late.deadline!, overdue: true, remainingMs: -3_600_000 };
    stubNetwork(() => ({ status: 200, body: { items: [late], page: 1, pageSize: 2, total: 1 } }));
    render(<ListHarness />);
    expect(await screen.findByText('已超期')).toBeInTheDocument();
  });

  it('when forwarding a ticket failed for good, then its row says 转交未成功, not 正在转交', async () => {
    stubNetwork(() => ({ status: 200, body: { items: [failedRow], page: 1, pageSize: 2, total: 1 } }));
    render(<ListHarness />);
    const row = await screen.findByTestId('ticket-row');
    expect(within(row).getByText('转交未成功')).toBeInTheDocument();
    expect(within(row).queryByText('正在转交')).not.toBeInTheDocument();
  });

  it('when there are none, then it says so and offers to submit one', async () => {
    stubNetwork(() => ({ status: 200, body: { items: [], page: 1, pageSize: 2, total: 0 } }));
    const onNew = jest.fn();
    render(<ListHarness onNew={onNew} />);
    expect(await screen.findByTestId('tickets-empty')).toHaveTextContent('还没有提交过诉求');
    fireEvent.click(screen.getByTestId('tickets-empty-action'));
    expect(onNew).toHaveBeenCalled();
  });

  it('when loading fails, then the error shows and 重试 loads again', async () => {
    let calls = 0;
    stubNetwork(() => {
      calls += 1;
      return calls === 1 ? { status: 503, body: errorBody(ErrorCode.upstreamUnavailable, '服务繁忙，请稍后再试') } : { status: 200, body: { items: all.slice(0, 1), page: 1, pageSize: 2, total: 1 } };
    });
    render(<ListHarness />);
    expect(await screen.findByTestId('tickets-error')).toHaveTextContent('服务繁忙，请稍后再试');
    fireEvent.click(screen.getByTestId('tickets-error-action'));
    await waitFor(() => expect(screen.getAllByTestId('ticket-row')).toHaveLength(1));
  });
});

describe('我的诉求 when signed out', () => {
  it('when nobody is signed in, then the server’s 401 becomes a login prompt whose 去登录 remembers this page and opens 我的', async () => {
    clearSession();
    const { sent } = stubNetwork(() => ({ status: 401, body: errorBody(ErrorCode.unauthenticated, '请先登录') }));
    jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { path: '/features/hotline/pages/tickets/index', params: {} } } as never);
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' } as never);
    render(<ListHarness />);
    const prompt = await screen.findByTestId('tickets-login');
    expect(prompt).toHaveTextContent('登录后查看我的诉求');
    expect(screen.queryByText('重试')).not.toBeInTheDocument();
    expect(sent[0].header.Authorization).toBeUndefined();
    fireEvent.click(screen.getByTestId('tickets-login-action'));
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' });
    expect(JSON.parse(Taro.getStorageSync('zwgk.loginReturn')).link).toBe('/features/hotline/pages/tickets/index');
  });
});
