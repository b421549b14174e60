import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorCode } from '@zwgk/contracts';
import { applySession, clearSession } from '@/services/sessionStore';
import { errorBody, stubNetwork, type Reply, type SentRequest } from '../../../../test/network';
import { citizen, session } from '../../../../test/fixtures';
import { useHotlineDesk } from '../hooks/useHotlineDesk';
import { staffPage, staffSummary, staffTicket, trackingNo } from '../testing/fixtures';
import { HotlineDesk } from './HotlineDesk';

function Harness({ initial = null, pageSize = 20 }: { initial?: string | null; pageSize?: number }) {
  return <HotlineDesk desk={useHotlineDesk(initial, pageSize)} />;
}

const rows = [staffSummary(0), staffSummary(1, { forwardState: 'delivered', forwardFailed: false, anonymous: false, status: 'processing', statusLabel: '办理中' })];

/** The staff routes: the list, one ticket, re-queue; `requeue` decides what the POST answers. */
function deskServer(requeue: (req: SentRequest) => Reply = () => ({ status: 200, body: staffTicket({ status: 'submitted', statusLabel: '已提交，正在转交', forwardFailed: false, forwarding: { state: 'pending', attempts: 0, lastError: null, deliveredAt: null, failedAt: null } }) })) {
  return stubNetwork((req) => {
    if (req.url === '/api/v1/hotline/staff/tickets') return { status: 200, body: staffPage(rows) };
    if (req.url === `/api/v1/hotline/staff/tickets/${trackingNo}`) return { status: 200, body: staffTicket() };
    if (req.url === `/api/v1/hotline/staff/tickets/${trackingNo}/requeue`) return requeue(req);
    return { status: 404, body: errorBody(ErrorCode.notFound, '没有找到这件诉求') };
  });
}

function typeInto(host: HTMLElement, value: string) {
  act(() => {
    host.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }));
  });
}

const listQueries = (sent: SentRequest[]) => sent.filter((r) => r.url === '/api/v1/hotline/staff/tickets').map((r) => r.data);

beforeEach(() => applySession(session({ user: { ...citizen, roles: ['citizen', 'hotline'] } })));
afterEach(() => {
  jest.restoreAllMocks();
  clearSession();
});

describe('12345 诉求办理 (staff desk)', () => {
  it('when it opens, then the tickets list with their forwarding state and hidden identity marked', async () => {
    const { sent } = deskServer();
    render(<Harness />);
    const [failed, delivered] = await screen.findAllByTestId('desk-row');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('12345 诉求办理');
    expect(screen.getByTestId('desk-count')).toHaveTextContent('共 2 件');
    expect(within(failed).getByText('转交未成功')).toBeInTheDocument();
    expect(within(failed).getByText('不公开身份')).toBeInTheDocument();
    expect(within(delivered).queryByText('不公开身份')).not.toBeInTheDocument();
    expect(screen.getByTestId('desk')).toHaveClass('desk--list');
    expect(listQueries(sent)).toEqual([{ page: 1, pageSize: 20 }]);
    expect(sent[0].header.Authorization).toBe('Bearer access-1');
  });

  it('when filters change, then page 1 is read again with them', async () => {
    const { sent } = deskServer();
    render(<Harness />);
    await screen.findAllByTestId('desk-row');
    fireEvent.click(screen.getByTestId('desk-status-processing'));
    fireEvent.click(screen.getByTestId('desk-forward-failed'));
    fireEvent.click(screen.getByTestId('desk-overdue'));
    typeInto(screen.getByTestId('desk-keyword'), ' 噪音 ');
    fireEvent.click(screen.getByTestId('desk-search'));
    await waitFor(() => expect(listQueries(sent).at(-1)).toEqual({ status: 'processing', forward: 'failed', overdue: 'true', q: '噪音', page: 1, pageSize: 20 }));
    expect(screen.getByTestId('desk-filters-toggle')).toHaveTextContent('筛选（已选 4 项）');

    fireEvent.click(screen.getByTestId('desk-filters-reset'));
    await waitFor(() => expect(listQueries(sent).at(-1)).toEqual({ page: 1, pageSize: 20 }));
  });

  it('when a ticket is chosen, then its detail shows the identity hidden from the department, in full', async () => {
    const { sent } = deskServer();
    render(<Harness />);
    fireEvent.click((await screen.findAllByTestId('desk-row'))[0]);
    const identity = await screen.findByTestId('desk-identity');
    expect(screen.getByTestId('desk')).toHaveClass('desk--detail');
    expect(within(identity).getByTestId('desk-contact-name')).toHaveTextContent('王小明');
    expect(within(identity).getByTestId('desk-contact-phone')).toHaveTextContent('13812345678');
    expect(identity).toHaveTextContent('承办部门看不到以下内容');
    expect(screen.getByTestId('desk-forward-state')).toHaveTextContent('转交未成功');
    expect(screen.getByTestId('desk-forwarding')).toHaveTextContent('工单系统拒收');
    expect(sent.at(-1)!.url).toBe(`/api/v1/hotline/staff/tickets/${trackingNo}`);

    fireEvent.click(screen.getByTestId('desk-back'));
    await act(async () => undefined);
    expect(screen.getByTestId('desk')).toHaveClass('desk--list');
    expect(screen.queryByTestId('desk-detail')).not.toBeInTheDocument();
  });

  it('when 重新转交 is confirmed, then the ticket is re-queued and the result shows', async () => {
    const { sent } = deskServer();
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    render(<Harness initial={trackingNo} />);
    fireEvent.click(await screen.findByTestId('desk-requeue'));
    expect(await screen.findByTestId('desk-requeue-result')).toHaveTextContent('已重新排队');
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '重新转交', confirmText: '重新转交' }));
    const post = sent.find((r) => r.method === 'POST')!;
    expect(post.url).toBe(`/api/v1/hotline/staff/tickets/${trackingNo}/requeue`);
    expect(screen.getByTestId('desk-forward-state')).toHaveTextContent('转交中');
    expect(screen.queryByTestId('desk-requeue')).not.toBeInTheDocument();
    expect(within(screen.getAllByTestId('desk-row')[0]).getByText('转交中')).toBeInTheDocument();
  });

  it('when 重新转交 is cancelled, then nothing is sent', async () => {
    const { sent } = deskServer();
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    render(<Harness initial={trackingNo} />);
    fireEvent.click(await screen.findByTestId('desk-requeue'));
    await act(async () => undefined);
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(0);
    expect(screen.queryByTestId('desk-requeue-result')).not.toBeInTheDocument();
  });

  it('when the ticket is no longer failed (409), then the server’s message shows', async () => {
    deskServer(() => ({ status: 409, body: errorBody(ErrorCode.conflict, '只有转交未成功的诉求可以重新转交') }));
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    render(<Harness initial={trackingNo} />);
    fireEvent.click(await screen.findByTestId('desk-requeue'));
    expect(await screen.findByTestId('desk-requeue-result')).toHaveTextContent('只有转交未成功的诉求可以重新转交');
  });

  it('when 导出 CSV is tapped in H5, then the file is fetched with the token under the filters and saved as a download', async () => {
    deskServer();
    const csv = '\uFEFF诉求编号,标题\n';
    const fetchMock = jest.fn().mockResolvedValue(new Response(csv, { status: 200, headers: { 'Content-Type': 'text/csv; charset=utf-8' } }));
    Object.assign(globalThis, { fetch: fetchMock });
    URL.createObjectURL = jest.fn(() => 'blob:csv');
    URL.revokeObjectURL = jest.fn();
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toMatch(/^12345诉求-\d{4}-\d{2}-\d{2}\.csv$/);
      expect(this.href).toBe('blob:csv');
    });
    render(<Harness />);
    await screen.findAllByTestId('desk-row');
    fireEvent.click(screen.getByTestId('desk-forward-failed'));
    fireEvent.click(screen.getByTestId('desk-export'));
    expect(await screen.findByTestId('desk-export-result')).toHaveTextContent('已导出 CSV 文件');
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/v1/hotline/staff/tickets.csv?forward=failed');
    expect(init.headers.Authorization).toBe('Bearer access-1');
    expect(click).toHaveBeenCalled();
  });

  it('when the export is refused, then the server’s message shows', async () => {
    deskServer();
    Object.assign(globalThis, {
      fetch: jest.fn().mockResolvedValue(new Response(JSON.stringify(errorBody(ErrorCode.roleRequired, '此功能需要“热线工单”权限，请联系管理员开通')), { status: 403 })),
    });
    render(<Harness />);
    await screen.findAllByTestId('desk-row');
    fireEvent.click(screen.getByTestId('desk-export'));
    expect(await screen.findByTestId('desk-export-result')).toHaveTextContent('此功能需要“热线工单”权限');
  });

  it('when the person lacks the hotline role, then the 403 message shows instead of the desk', async () => {
    stubNetwork(() => ({ status: 403, body: errorBody(ErrorCode.roleRequired, '此功能需要“热线工单”权限，请联系管理员开通') }));
    render(<Harness />);
    expect(await screen.findByTestId('desk-forbidden')).toHaveTextContent('此功能需要“热线工单”权限');
    expect(screen.queryByTestId('desk-filters')).not.toBeInTheDocument();
  });

  it('when nothing matches, then it says so and offers to clear the filters', async () => {
    stubNetwork(() => ({ status: 200, body: staffPage([]) }));
    render(<Harness />);
    expect(await screen.findByTestId('desk-empty')).toHaveTextContent('没有符合条件的诉求');
    expect(screen.getByTestId('desk-empty-action')).toHaveTextContent('清除筛选');
  });

  it('when the list fails, then 重试 loads it again', async () => {
    let calls = 0;
    stubNetwork(() => (++calls === 1 ? { status: 503, body: errorBody(ErrorCode.upstreamUnavailable, '服务繁忙，请稍后再试') } : { status: 200, body: staffPage(rows) }));
    render(<Harness />);
    expect(await screen.findByTestId('desk-error')).toHaveTextContent('服务繁忙');
    fireEvent.click(screen.getByTestId('desk-error-action'));
    expect(await screen.findAllByTestId('desk-row')).toHaveLength(2);
  });

  it('when a chosen ticket does not exist, then it says so', async () => {
    stubNetwork((req) => (req.url.endsWith('/tickets') ? { status: 200, body: staffPage(rows) } : { status: 404, body: errorBody(ErrorCode.notFound, '没有找到') }));
    render(<Harness initial='RX-20261201-ZZZZZZ' />);
    expect(await screen.findByTestId('desk-detail-missing')).toHaveTextContent('没有找到这件诉求');
  });

  it('when there are more tickets than a page, then 加载更多 appends them', async () => {
    const many = [staffSummary(0), staffSummary(1), staffSummary(2)];
    const { sent } = stubNetwork((req) => {
      const { page, pageSize } = req.data as { page: number; pageSize: number };
      return { status: 200, body: staffPage(many.slice((page - 1) * pageSize, page * pageSize), page, pageSize, many.length) };
    });
    render(<Harness pageSize={2} />);
    await waitFor(() => expect(screen.getAllByTestId('desk-row')).toHaveLength(2));
    fireEvent.click(screen.getByTestId('desk-more'));
    await waitFor(() => expect(screen.getAllByTestId('desk-row')).toHaveLength(3));
    expect(listQueries(sent)).toEqual([
      { page: 1, pageSize: 2 },
      { page: 2, pageSize: 2 },
    ]);
  });
});
