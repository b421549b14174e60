import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorCode } from '@zwgk/contracts';
import { applySession, clearSession } from '@/services/sessionStore';
import { errorBody, stubNetwork } from '../../../../test/network';
import { session } from '../../../../test/fixtures';
import { useTicket } from '../hooks/useTicket';
import { ticketDetail, trackingNo } from '../testing/fixtures';
import { TicketView } from './TicketView';

function TicketHarness({ refreshMs }: { refreshMs?: number }) {
  return <TicketView ticket={useTicket(trackingNo, refreshMs)} />;
}

beforeEach(() => applySession(session()));
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
  clearSession();
});

function fakeTimers() {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
}

describe('诉求进度', () => {
  it('when the ticket is being handled, then the steps so far show with time and department, and the deadline counts down every second', async () => {
    fakeTimers();
    const { sent } = stubNetwork(() => ({ status: 200, body: ticketDetail() }));
    render(<TicketHarness />);
    await waitFor(() => expect(screen.getByTestId('ticket')).toHaveAttribute('data-state', 'ok'));
    expect(sent[0].url).toBe(`/api/v1/hotline/tickets/${trackingNo}`);

    const steps = screen.getAllByTestId('step');
    expect(steps.map((s) => s.getAttribute('data-done'))).toEqual(['true', 'true', 'true', 'false', 'false']);
    expect(steps[1]).toHaveTextContent('派单');
    expect(steps[1]).toHaveTextContent('11月25日 09:40');
    expect(steps[1]).toHaveTextContent('市生态环境局');

    const entries = within(screen.getByTestId('timeline')).getAllByTestId('timeline-entry');
    expect(entries.map((e) => e.getAttribute('data-status'))).toEqual(['processing', 'dispatched', 'accepted', 'submitted']);

    const deadline = screen.getByTestId('deadline');
    expect(deadline).toHaveTextContent('12月9日 23:59 前办结（10 个工作日）');
    expect(screen.getByTestId('deadline-explanation')).toHaveTextContent('自受理次日起算，周末和法定节假日不计');
    expect(screen.getByTestId('countdown')).toHaveTextContent('剩余2天 03:04:05（还剩 2 个工作日）');
    await act(async () => {
      jest.advanceTimersByTime(2000);
    });
    expect(screen.getByTestId('countdown')).toHaveTextContent('剩余2天 03:04:03');
    expect(screen.queryByTestId('overdue')).not.toBeInTheDocument();
  });

  it('when the countdown passes the deadline while open, then the ticket is marked 已超期', async () => {
    fakeTimers();
    const near = ticketDetail();
    near.deadline = { ...near.deadline!, remainingMs: 1500, remainingWorkingDays: 0 };
    stubNetwork(() => ({ status: 200, body: near }));
    render(<TicketHarness />);
    await waitFor(() => expect(screen.getByTestId('countdown')).toHaveTextContent('剩余00:00:01'));
    expect(screen.getByTestId('deadline')).toHaveAttribute('data-overdue', 'false');
    await act(async () => {
      jest.advanceTimersByTime(3000);
    });
    expect(screen.getByTestId('overdue')).toHaveTextContent('已超期');
    expect(screen.getByTestId('countdown')).toHaveTextContent('已超期00:00:01');
  });

  it('when a closed ticket finished late, then the countdown is frozen and says 超期办结; 评价 is offered', async () => {
    fakeTimers();
    const closed = ticketDetail({ status: 'closed', statusLabel: '办结', canRate: true });
    closed.deadline = { ...closed.deadline!, finished: true, overdue: true, remainingMs: -90_000_000 };
    stubNetwork(() => ({ status: 200, body: closed }));
    render(<TicketHarness />);
    await waitFor(() => expect(screen.getByTestId('overdue')).toHaveTextContent('超期办结'));
    expect(screen.getByTestId('countdown')).toHaveTextContent('超出时限 1天 01:00:00');
    await act(async () => {
      jest.advanceTimersByTime(5000);
    });
    expect(screen.getByTestId('countdown')).toHaveTextContent('超出时限 1天 01:00:00');
    expect(screen.getByTestId('open-rate')).toHaveTextContent('评价办理结果');
  });

  it('while the page is open, then the ticket is re-read and the timeline advances', async () => {
    fakeTimers();
    let closed = false;
    const { sent } = stubNetwork(() => ({ status: 200, body: closed ? ticketDetail({ status: 'closed', statusLabel: '办结', canRate: true, timeline: [...ticketDetail().timeline, { status: 'closed', statusLabel: '办结', at: '2026-11-26T02:00:00.000Z', department: '市生态环境局', note: '已办结' }] }) : ticketDetail() }));
    render(<TicketHarness refreshMs={5000} />);
    await waitFor(() => expect(screen.getByTestId('ticket')).toHaveAttribute('data-status', 'processing'));
    closed = true;
    await act(async () => {
      jest.advanceTimersByTime(5000);
    });
    await waitFor(() => expect(screen.getByTestId('ticket')).toHaveAttribute('data-status', 'closed'));
    expect(screen.getAllByTestId('step')[3]).toHaveAttribute('data-done', 'true');
    expect(sent.length).toBeGreaterThanOrEqual(2);
  });

  it('when the ticket is not the citizen’s, then 没有找到 shows without a retry', async () => {
    stubNetwork(() => ({ status: 404, body: errorBody(ErrorCode.notFound, '未找到该诉求') }));
    render(<TicketHarness />);
    expect(await screen.findByTestId('ticket-error')).toHaveTextContent('没有找到这件诉求');
    expect(screen.queryByTestId('ticket-error-action')).not.toBeInTheDocument();
  });

  it('when the case system has not accepted yet, then it says 正在转交 and that the deadline comes after 受理', async () => {
    stubNetwork(() => ({ status: 200, body: ticketDetail({ status: 'submitted', statusLabel: '已提交，正在转交', deadline: null, caseTicketNo: null, department: null }) }));
    render(<TicketHarness />);
    expect(await screen.findByTestId('ticket-status')).toHaveTextContent('已提交，正在转交');
    expect(screen.getByText('12345 受理后将显示办理时限。')).toBeInTheDocument();
    expect(screen.getAllByTestId('step').every((s) => s.getAttribute('data-done') === 'false')).toBe(true);
  });

  it('when forwarding failed for good, then it says 转交未成功 and that staff will handle it, not 正在转交', async () => {
    const base = ticketDetail({ status: 'submitted', statusLabel: '转交未成功', forwardFailed: true, deadline: null, caseTicketNo: null, department: null });
    const timeline = [
      { status: 'submitted', statusLabel: '已提交', at: '2026-11-25T01:30:00.000Z', department: null, note: '诉求已提交，正在转交 12345 热线' },
      { status: 'submitted', statusLabel: '转交未成功', at: '2026-11-25T01:31:00.000Z', department: null, note: '转交未成功，工作人员将尽快处理' },
    ];
    stubNetwork(() => ({ status: 200, body: { ...base, timeline } }));
    render(<TicketHarness />);
    expect(await screen.findByTestId('ticket-status')).toHaveTextContent('转交未成功');
    expect(screen.getByTestId('ticket-status')).not.toHaveTextContent('正在转交');
    expect(screen.getByText('转交未成功，工作人员将尽快处理')).toBeInTheDocument();
  });
});

describe('诉求进度 when signed out', () => {
  it('when nobody is signed in, then the server’s 401 becomes a login prompt whose 去登录 remembers this page and opens 我的', async () => {
    clearSession();
    const { sent } = stubNetwork(() => ({ status: 401, body: errorBody(ErrorCode.unauthenticated, '请先登录') }));
    jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { path: '/features/hotline/pages/ticket/index', params: { no: trackingNo } } } as never);
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' } as never);
    render(<TicketHarness />);
    const prompt = await screen.findByTestId('ticket-login');
    expect(prompt).toHaveTextContent('登录后查看诉求办理进度');
    expect(screen.queryByText('重试')).not.toBeInTheDocument();
    expect(sent[0].header.Authorization).toBeUndefined();
    fireEvent.click(screen.getByTestId('ticket-login-action'));
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' });
    expect(JSON.parse(Taro.getStorageSync('zwgk.loginReturn')).link).toBe(`/features/hotline/pages/ticket/index?no=${trackingNo}`);
  });
});
