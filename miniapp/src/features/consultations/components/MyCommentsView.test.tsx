import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorCode } from '@zwgk/contracts';
import { applySession, clearSession } from '@/services/sessionStore';
import { errorBody, stubNetwork, type SentRequest } from '../../../../test/network';
import { session } from '../../../../test/fixtures';
import { useMyComments } from '../hooks/useMyComments';
import { myComment } from '../testing/fixtures';
import { MyCommentsView } from './MyCommentsView';

function Harness({ onBrowse = () => undefined }: { onBrowse?: () => void }) {
  return <MyCommentsView list={useMyComments(undefined, 10)} onBrowse={onBrowse} />;
}

const page = (items: ReturnType<typeof myComment>[]) => ({ status: 200, body: { items, page: 1, pageSize: 10, total: items.length } });
const isWithdraw = (req: SentRequest) => req.method === 'POST' && req.url.endsWith('/withdraw');
const modal = (confirm: boolean) => jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm, cancel: !confirm, errMsg: 'showModal:ok' });

const pending = myComment();
const rejected = myComment({ id: 'a00000000000000000000002', state: 'rejected', stateLabel: '未通过审核', rejectReason: 'advertising', rejectReasonLabel: '广告', canWithdraw: false });
const disposed = myComment({
  id: 'a00000000000000000000003',
  articleNo: null,
  articleLabel: null,
  state: 'approved',
  stateLabel: '已公开',
  canWithdraw: false,
  reportPublished: true,
  disposition: 'not_adopted',
  dispositionLabel: '未采纳',
  dispositionReason: '补贴标准已按财政承受能力测算，暂不调整',
});

beforeEach(() => applySession(session()));
afterEach(() => {
  jest.restoreAllMocks();
  clearSession();
});

describe('我的意见', () => {
  it('when comments load, then each shows its state, the reason it was not published, and its disposition once the report is out', async () => {
    const { sent } = stubNetwork(() => page([pending, rejected, disposed]));
    render(<Harness />);
    const rows = await screen.findAllByTestId('my-comment');
    expect(sent[0]).toMatchObject({ url: '/api/v1/me/consultation-comments', data: { page: 1, pageSize: 10 } });
    expect(within(rows[0]).getByText('待审核')).toBeInTheDocument();
    expect(within(rows[0]).getByText('对第三条的意见')).toBeInTheDocument();
    expect(within(rows[0]).getByText(/审核通过前只有您本人能看到/)).toBeInTheDocument();
    expect(within(rows[1]).getByTestId('reject-reason')).toHaveTextContent('未予公开，理由：广告');
    expect(within(rows[1]).queryByTestId('withdraw-comment')).not.toBeInTheDocument();
    expect(within(rows[2]).getByTestId('disposition')).toHaveTextContent('处理结果：未采纳');
    expect(within(rows[2]).getByTestId('disposition')).toHaveTextContent('理由：补贴标准已按财政承受能力测算，暂不调整');
    expect(within(rows[2]).getByText('对草案整体的意见')).toBeInTheDocument();
  });

  it('when a pending comment is withdrawn and confirmed, then the row shows 已撤回 without the button', async () => {
    const { sent } = stubNetwork((req) => (isWithdraw(req) ? { status: 200, body: myComment({ state: 'withdrawn', stateLabel: '已撤回', canWithdraw: false }) } : page([pending])));
    const ask = modal(true);
    render(<Harness />);
    fireEvent.click(await screen.findByTestId('withdraw-comment'));
    await waitFor(() => expect(screen.getByTestId('my-comment')).toHaveAttribute('data-state', 'withdrawn'));
    expect(ask).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回这条意见？', confirmText: '撤回' }));
    expect(sent.filter(isWithdraw).map((r) => r.url)).toEqual([`/api/v1/me/consultation-comments/${pending.id}/withdraw`]);
    expect(within(screen.getByTestId('my-comment')).getByText('已撤回')).toBeInTheDocument();
    expect(screen.queryByTestId('withdraw-comment')).not.toBeInTheDocument();
  });

  it('when the citizen cancels the dialog, then nothing is sent', async () => {
    const { sent } = stubNetwork(() => page([pending]));
    const ask = modal(false);
    render(<Harness />);
    fireEvent.click(await screen.findByTestId('withdraw-comment'));
    await waitFor(() => expect(ask).toHaveBeenCalled());
    expect(sent.filter(isWithdraw)).toHaveLength(0);
    expect(screen.getByTestId('my-comment')).toHaveAttribute('data-state', 'pending');
  });

  it('when it was moderated meanwhile (409), then the message shows and the list is read again', async () => {
    let reads = 0;
    stubNetwork((req) => {
      if (isWithdraw(req)) return { status: 409, body: errorBody(ErrorCode.conflict, '这条意见已审核，不能撤回') };
      reads += 1;
      return page([reads === 1 ? pending : myComment({ state: 'approved', stateLabel: '已公开', canWithdraw: false })]);
    });
    modal(true);
    const toast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
    render(<Harness />);
    fireEvent.click(await screen.findByTestId('withdraw-comment'));
    await waitFor(() => expect(screen.getByTestId('my-comment')).toHaveAttribute('data-state', 'approved'));
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '这条意见已审核，不能撤回' }));
  });

  it('when there are none, then it says so and offers the 参与 tab', async () => {
    stubNetwork(() => page([]));
    const onBrowse = jest.fn();
    render(<Harness onBrowse={onBrowse} />);
    expect(await screen.findByTestId('my-comments-empty')).toHaveTextContent('还没有提交过意见');
    fireEvent.click(screen.getByTestId('my-comments-empty-action'));
    expect(onBrowse).toHaveBeenCalled();
  });

  it('when signed out (401), then it asks to log in', async () => {
    clearSession();
    stubNetwork(() => ({ status: 401, body: errorBody(ErrorCode.unauthenticated, '请先登录') }));
    render(<Harness />);
    expect(await screen.findByTestId('my-comments-login')).toHaveTextContent('登录后查看我的意见');
  });
});
