import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode } from '@zwgk/contracts';
import { getSessionState, type SessionState } from '@/services';
import { applySession, clearSession } from '@/services/sessionStore';
import { errorBody, stubNetwork, type SentRequest } from '../../../../test/network';
import { session } from '../../../../test/fixtures';
import { typeInto } from '../../../../test/input';
import { signedInForEachTest } from '../../../../test/session';
import { useMeeting } from '../hooks/useMeetings';
import { applyAnswer, meetingDetail, myApplication } from '../testing/fixtures';
import { ApplyScreen } from './ApplyScreen';

function Harness({ state = getSessionState() }: { state?: SessionState }) {
  return <ApplyScreen session={state} remote={useMeeting('mt-001')} />;
}

const isPost = (req: SentRequest) => req.method === 'POST' && req.url === '/api/v1/meetings/mt-001/applications';

signedInForEachTest();

describe('申请列席', () => {
  it('when a member of the public applies, then the request carries the category, reason and an Idempotency-Key, and the result shows the public draw number and what comes next', async () => {
    const { sent } = stubNetwork((req) => (isPost(req) ? { status: 201, body: applyAnswer() } : { status: 200, body: meetingDetail() }));
    render(<Harness />);
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('申请列席');
    expect(screen.getByTestId('category-public')).toHaveTextContent('公众（3 席）');
    fireEvent.click(screen.getByTestId('category-public'));
    expect(screen.queryByTestId('input-organisation')).not.toBeInTheDocument();
    expect(screen.getByText('0/500 字')).toBeInTheDocument();
    typeInto('input-reason', '我住在旧改片区，想了解议题的讨论过程。');
    expect(screen.getByText('19/500 字')).toBeInTheDocument();
    typeInto('input-name', '张三');
    fireEvent.click(screen.getByTestId('submit-apply'));
    const done = await screen.findByTestId('apply-done');
    expect(screen.getByTestId('done-draw-number')).toHaveTextContent('000003');
    expect(done).toHaveTextContent('申请截止后公开抽签');
    const post = sent.find(isPost)!;
    expect(post.data).toEqual({ category: 'public', name: '张三', reason: '我住在旧改片区，想了解议题的讨论过程。' });
    expect(post.header['Idempotency-Key']).toMatch(/\S{16,}/);
  });

  it('when 媒体 is chosen without 所在单位 and 资格说明, then both fields say so, the first is revealed and nothing is sent', async () => {
    const { sent } = stubNetwork(() => ({ status: 200, body: meetingDetail() }));
    const scroll = jest.fn();
    Element.prototype.scrollIntoView = scroll;
    render(<Harness />);
    await screen.findByTestId('apply-form');
    fireEvent.click(screen.getByTestId('submit-apply'));
    expect(await screen.findByTestId('error-category')).toHaveTextContent('请选择列席类别');
    expect(screen.getByTestId('error-reason')).toHaveTextContent('请至少用 5 个字说明申请列席的理由');
    // The first error (the category, at the top) is brought into view.
    await waitFor(() => expect(scroll).toHaveBeenCalledWith({ block: 'center' }));
    fireEvent.click(screen.getByTestId('category-media'));
    typeInto('input-reason', '报道本次常务会议的审议过程。');
    fireEvent.click(screen.getByTestId('submit-apply'));
    expect(await screen.findByTestId('error-organisation')).toHaveTextContent('以媒体身份申请，请填写所在单位');
    expect(screen.getByTestId('error-qualification')).toHaveTextContent('请说明您作为媒体列席的资格');
    expect(screen.queryByTestId('error-category')).not.toBeInTheDocument();
    expect(screen.getByTestId('submit-error')).toHaveTextContent('请按提示修改后再提交');
    expect(sent.filter(isPost)).toHaveLength(0);
    delete (Element.prototype as Partial<Element>).scrollIntoView;
  });

  it('when the answer is lost, then the draft stays and the retry sends the same Idempotency-Key', async () => {
    let posts = 0;
    const { sent } = stubNetwork((req) => {
      if (!isPost(req)) return { status: 200, body: meetingDetail() };
      return ++posts === 1 ? 'network-down' : { status: 200, body: applyAnswer({ replayed: true }) };
    });
    render(<Harness />);
    await screen.findByTestId('apply-form');
    fireEvent.click(screen.getByTestId('category-public'));
    typeInto('input-reason', '关心旧改方案的讨论。');
    fireEvent.click(screen.getByTestId('submit-apply'));
    expect(await screen.findByTestId('submit-error')).toHaveTextContent('申请已保存在本机');
    fireEvent.click(screen.getByTestId('submit-apply'));
    expect(await screen.findByTestId('apply-done')).toHaveTextContent('这份申请此前已提交成功');
    const keys = sent.filter(isPost).map((r) => r.header['Idempotency-Key']);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('when applications closed meanwhile, then the server’s 409 shows; its 400 per field shows under the field', async () => {
    let posts = 0;
    stubNetwork((req) => {
      if (!isPost(req)) return { status: 200, body: meetingDetail() };
      return ++posts === 1
        ? { status: 400, body: errorBody(ErrorCode.validation, '请检查填写的内容', [{ field: 'name', message: '姓名请填写 2–20 个汉字' }]) }
        : { status: 409, body: errorBody(ErrorCode.conflict, '本次会议的列席申请已截止') };
    });
    render(<Harness />);
    await screen.findByTestId('apply-form');
    fireEvent.click(screen.getByTestId('category-public'));
    typeInto('input-reason', '关心旧改方案的讨论。');
    fireEvent.click(screen.getByTestId('submit-apply'));
    expect(await screen.findByTestId('error-name')).toHaveTextContent('姓名请填写 2–20 个汉字');
    fireEvent.click(screen.getByTestId('submit-apply'));
    await waitFor(() => expect(screen.getByTestId('submit-error')).toHaveTextContent('本次会议的列席申请已截止'));
  });

  it('when the page opens again, then the unsent draft is put back', async () => {
    stubNetwork(() => ({ status: 200, body: meetingDetail() }));
    const { unmount } = render(<Harness />);
    await screen.findByTestId('apply-form');
    fireEvent.click(screen.getByTestId('category-expert'));
    typeInto('input-reason', '草稿里的理由内容。');
    unmount();
    render(<Harness />);
    expect(await screen.findByTestId('draft-restored')).toBeInTheDocument();
    expect(screen.getByTestId('input-reason')).toHaveValue('草稿里的理由内容。');
    expect(screen.getByTestId('input-organisation')).toBeInTheDocument();
  });

  it('when signed out, then it asks to log in; when already applied or closed, then it says so instead of a form', async () => {
    stubNetwork(() => ({ status: 200, body: meetingDetail({ me: null }) }));
    act(() => clearSession());
    const { unmount } = render(<Harness state={{ status: 'anonymous' } as SessionState} />);
    expect(await screen.findByTestId('apply-login')).toHaveTextContent('登录后申请列席');
    unmount();
    jest.restoreAllMocks();
    applySession(session());
    stubNetwork(() => ({ status: 200, body: meetingDetail({ me: { application: myApplication() } }) }));
    const second = render(<Harness />);
    expect(await screen.findByTestId('apply-exists')).toHaveTextContent('您已申请过本次会议');
    second.unmount();
    jest.restoreAllMocks();
    stubNetwork(() => ({ status: 200, body: meetingDetail({ canApply: false, phase: 'closed', phaseLabel: '申请已截止，正在选定' }) }));
    render(<Harness />);
    expect(await screen.findByTestId('apply-closed')).toHaveTextContent('申请已截止');
    expect(screen.queryByTestId('apply-form')).not.toBeInTheDocument();
  });
});
