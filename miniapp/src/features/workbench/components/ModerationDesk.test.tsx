import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorCode } from '@zwgk/contracts';
import { applySession, clearSession } from '@/services/sessionStore';
import { errorBody, stubNetwork, type Reply, type SentRequest } from '../../../../test/network';
import { citizen, session } from '../../../../test/fixtures';
import { useModerationDesk } from '../hooks/useModerationDesk';
import { commentPage, consultationTitle, staffComment, staffConsultation } from '../testing/fixtures';
import { ModerationDesk } from './ModerationDesk';

function Harness() {
  return <ModerationDesk desk={useModerationDesk()} />;
}

const flagged = staffComment(0, {
  text: '第三条的标准太低，详情请电话 13812345678 咨询',
  flags: [{ flag: 'phone', label: '含电话号码' }],
});
const plain = staffComment(1, { articleNo: null, articleLabel: null });
const QUEUE = '/api/v1/staff/consultation-comments';

/** The queue holds `items` until a moderation action answers; `act` decides what it answers. */
function server(act: (req: SentRequest) => Reply = (req) => ({ status: 200, body: { ...flagged, state: req.url.endsWith('approve') ? 'approved' : 'rejected' } })) {
  let items = [flagged, plain];
  return stubNetwork((req) => {
    if (req.url === QUEUE) return { status: 200, body: commentPage(items) };
    if (req.url === '/api/v1/staff/consultations') return { status: 200, body: { status: 'ok', items: [staffConsultation({ phase: 'open', phaseLabel: '征求中', counts: { ...staffConsultation().counts, pending: 2 } })] } };
    if (req.url.startsWith(`${QUEUE}/`)) {
      const reply = act(req);
      if (reply !== 'network-down' && reply.status < 300) items = items.filter((c) => !req.url.includes(c.id));
      return reply;
    }
    return { status: 404, body: errorBody(ErrorCode.notFound, '没有找到') };
  });
}

function typeInto(host: HTMLElement, value: string) {
  act(() => {
    host.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }));
  });
}
const queueReads = (sent: SentRequest[]) => sent.filter((r) => r.url === QUEUE);

beforeEach(() => applySession(session({ user: { ...citizen, roles: ['citizen', 'moderator'] } })));
afterEach(() => {
  jest.restoreAllMocks();
  clearSession();
});

describe('民意征集意见审核 (moderation queue)', () => {
  it('when it opens, then the pending comments are listed oldest first with their consultation, article and pre-screen flags', async () => {
    const { sent } = server();
    render(<Harness />);
    const [first, second] = await screen.findAllByTestId('moderation-row');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('民意征集意见审核');
    expect(screen.getByTestId('moderation-count')).toHaveTextContent('待审核 2 条，最早提交的在前');
    expect(queueReads(sent)[0].data).toEqual({ state: 'pending', pageSize: 20 });
    await waitFor(() => expect(within(first).getByText(consultationTitle)).toBeInTheDocument());
    expect(within(first).getByText('第三条')).toBeInTheDocument();
    expect(within(first).getByText('含电话号码')).toHaveClass('tag--accent');
    expect(within(second).getByText('对草案整体')).toBeInTheDocument();
    expect(within(second).queryByText('含电话号码')).not.toBeInTheDocument();

    fireEvent.click(first);
    const detail = await screen.findByTestId('moderation-detail');
    expect(screen.getByTestId('moderation')).toHaveClass('desk--detail');
    expect(within(detail).getByTestId('moderation-flags')).toHaveTextContent('自动预审提示：含电话号码');
    expect(within(detail).getByTestId('moderation-text')).toHaveTextContent('13812345678');
  });

  it('when 审核通过 is tapped, then the comment is approved, leaves the queue and the result shows', async () => {
    const { sent } = server();
    render(<Harness />);
    fireEvent.click((await screen.findAllByTestId('moderation-row'))[0]);
    fireEvent.click(await screen.findByTestId('moderation-approve'));
    expect(await screen.findByTestId('moderation-result')).toHaveTextContent('已审核通过，意见已公开');
    expect(sent.find((r) => r.url.endsWith('/approve'))).toMatchObject({ method: 'POST', url: `${QUEUE}/${flagged.id}/approve` });
    await waitFor(() => expect(screen.getAllByTestId('moderation-row')).toHaveLength(1));
    expect(screen.getByTestId('moderation')).toHaveClass('desk--list');
  });

  it('when 不予公开 is tapped without a reason, then it asks for one; with a reason and a note, they are sent', async () => {
    const { sent } = server();
    render(<Harness />);
    fireEvent.click((await screen.findAllByTestId('moderation-row'))[0]);
    fireEvent.click(await screen.findByTestId('moderation-reject-submit'));
    expect(screen.getByTestId('error-reject-reason')).toHaveTextContent('请选择不予公开的理由');
    expect(sent.some((r) => r.url.endsWith('/reject'))).toBe(false);

    fireEvent.click(screen.getByTestId('reject-reason-personal_info'));
    expect(screen.queryByTestId('error-reject-reason')).not.toBeInTheDocument();
    typeInto(screen.getByTestId('reject-note'), ' 含他人手机号码 ');
    fireEvent.click(screen.getByTestId('moderation-reject-submit'));
    expect(await screen.findByTestId('moderation-result')).toHaveTextContent('已不予公开，系统将告知提交人理由');
    expect(sent.find((r) => r.url.endsWith('/reject'))?.data).toEqual({ reason: 'personal_info', note: '含他人手机号码' });
    await waitFor(() => expect(screen.getAllByTestId('moderation-row')).toHaveLength(1));
  });

  it('when another moderator got there first (409), then it says so and reads the queue again', async () => {
    const { sent } = server(() => ({ status: 409, body: errorBody(ErrorCode.conflict, '这条意见当前为“已公开”，只有待审核的意见可以审核通过') }));
    render(<Harness />);
    fireEvent.click((await screen.findAllByTestId('moderation-row'))[0]);
    fireEvent.click(await screen.findByTestId('moderation-approve'));
    const result = await screen.findByTestId('moderation-result');
    expect(result).toHaveTextContent('这条意见当前为“已公开”，只有待审核的意见可以审核通过。这条意见可能已由其他审核人员处理，队列已刷新。');
    expect(result).toHaveAttribute('role', 'alert');
    await waitFor(() => expect(queueReads(sent)).toHaveLength(2));
  });

  it('when 各次征集 is chosen, then each consultation shows its counts and opens 意见处理 and the report', async () => {
    server();
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    render(<Harness />);
    await screen.findAllByTestId('moderation-row');
    fireEvent.click(screen.getByTestId('moderation-view-consultations'));
    const item = await screen.findByTestId('overview-item');
    expect(item).toHaveTextContent('征求中');
    expect(item).toHaveTextContent('待审核 2 条');
    expect(item).toHaveTextContent('收到 6 条，已公开 4 条，已处置 1 / 4 条');
    fireEvent.click(within(item).getByTestId('overview-dispositions'));
    fireEvent.click(within(item).getByTestId('overview-report'));
    await waitFor(() => expect(nav).toHaveBeenCalledTimes(2));
    expect(nav.mock.calls.map(([o]) => o.url)).toEqual(['/features/workbench/pages/dispositions/index?id=con-001', '/features/workbench/pages/report/index?id=con-001']);
  });

  it('when the person lacks the role, then the refusal replaces the page', async () => {
    stubNetwork(() => ({ status: 403, body: errorBody(ErrorCode.roleRequired, '需要“意见审核员”权限') }));
    render(<Harness />);
    expect(await screen.findByTestId('moderation-forbidden')).toHaveTextContent('没有使用权限');
  });
});
