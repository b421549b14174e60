import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorCode } from '@zwgk/contracts';
import { getSessionState, type SessionState } from '@/services';
import { applySession, clearSession } from '@/services/sessionStore';
import { errorBody, stubNetwork, type SentRequest } from '../../../../test/network';
import { session } from '../../../../test/fixtures';
import { useConsultation } from '../hooks/useConsultations';
import { commentAnswer, consultationDetail } from '../testing/fixtures';
import { CommentScreen } from './CommentScreen';

function Harness({ articleNo = 3, state = getSessionState() }: { articleNo?: number; state?: SessionState }) {
  return <CommentScreen session={state} remote={useConsultation('con-001')} articleNo={articleNo} />;
}

const isPost = (req: SentRequest) => req.method === 'POST' && req.url === '/api/v1/consultations/con-001/comments';
function type(testId: string, value: string) {
  act(() => {
    screen.getByTestId(testId).dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }));
  });
}

beforeEach(() => {
  localStorage.clear();
  applySession(session());
});
afterEach(() => {
  jest.restoreAllMocks();
  clearSession();
});

describe('the comment form', () => {
  it('when a comment on article 3 is submitted, then it carries the article, an Idempotency-Key and says 待审核 visible only to the author', async () => {
    const { sent } = stubNetwork((req) => (isPost(req) ? { status: 201, body: commentAnswer() } : { status: 200, body: consultationDetail() }));
    render(<Harness />);
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('对第三条提意见');
    expect(screen.getByText('0/2000 字')).toBeInTheDocument();
    type('input-comment', '建议把配建标准提高到每百户 30 平方米。');
    expect(screen.getByText('21/2000 字')).toBeInTheDocument();
    type('input-real-name', '张三');
    fireEvent.click(screen.getByTestId('submit-comment'));
    const done = await screen.findByTestId('comment-submitted');
    expect(done).toHaveTextContent('待审核');
    expect(done).toHaveTextContent('审核前只有您本人能在“我的意见”中看到');
    const post = sent.find(isPost)!;
    expect(post.data).toEqual({ text: '建议把配建标准提高到每百户 30 平方米。', articleNo: 3, realName: '张三', contactConsent: false });
    expect(post.header['Idempotency-Key']).toMatch(/\S{16,}/);
  });

  it('when the whole draft is commented on, then articleNo is left out', async () => {
    const { sent } = stubNetwork((req) => (isPost(req) ? { status: 201, body: commentAnswer({ articleNo: null }) } : { status: 200, body: consultationDetail() }));
    render(<Harness articleNo={0} />);
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('对草案整体提意见');
    type('input-comment', '希望同步公布配建设施的验收标准。');
    fireEvent.click(screen.getByTestId('submit-comment'));
    await screen.findByTestId('comment-submitted');
    expect(sent.find(isPost)!.data).toEqual({ text: '希望同步公布配建设施的验收标准。', contactConsent: false });
  });

  it('when the answer is lost, then the draft stays and the retry sends the same Idempotency-Key', async () => {
    let posts = 0;
    const { sent } = stubNetwork((req) => {
      if (!isPost(req)) return { status: 200, body: consultationDetail() };
      return ++posts === 1 ? 'network-down' : { status: 200, body: commentAnswer({ replayed: true }) };
    });
    render(<Harness />);
    await screen.findByTestId('comment-form');
    type('input-comment', '建议增加夜间照护服务。');
    fireEvent.click(screen.getByTestId('submit-comment'));
    expect(await screen.findByTestId('submit-error')).toHaveTextContent('意见已保存在本机');
    fireEvent.click(screen.getByTestId('submit-comment'));
    expect(await screen.findByTestId('comment-submitted')).toHaveTextContent('这条意见此前已提交成功');
    const keys = sent.filter(isPost).map((r) => r.header['Idempotency-Key']);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('when the consultation closed meanwhile, then the server’s 409 message shows', async () => {
    const closed = '本次意见征集已于 2026年12月10日 17:30 截止，不再接收新的意见';
    stubNetwork((req) => (isPost(req) ? { status: 409, body: errorBody(ErrorCode.conflict, closed) } : { status: 200, body: consultationDetail() }));
    render(<Harness />);
    await screen.findByTestId('comment-form');
    type('input-comment', '建议增加夜间照护服务。');
    fireEvent.click(screen.getByTestId('submit-comment'));
    expect(await screen.findByTestId('submit-error')).toHaveTextContent(closed);
  });

  it('when the text is too short, then the field says so and nothing is sent; the server’s 400 per field shows too', async () => {
    const { sent } = stubNetwork((req) =>
      isPost(req)
        ? { status: 400, body: errorBody(ErrorCode.validation, '请检查填写的内容', [{ field: 'realName', message: '姓名请控制在 20 字以内' }]) }
        : { status: 200, body: consultationDetail() },
    );
    render(<Harness />);
    await screen.findByTestId('comment-form');
    type('input-comment', '太短');
    fireEvent.click(screen.getByTestId('submit-comment'));
    expect(await screen.findByTestId('error-text')).toHaveTextContent('请至少用 5 个字说明您的意见');
    expect(sent.filter(isPost)).toHaveLength(0);
    type('input-comment', '这一条的标准定得太低了。');
    fireEvent.click(screen.getByTestId('submit-comment'));
    expect(await screen.findByTestId('error-realName')).toHaveTextContent('姓名请控制在 20 字以内');
  });

  it('when the page is opened again, then the unsent draft is put back for this citizen only', async () => {
    stubNetwork(() => ({ status: 200, body: consultationDetail() }));
    const { unmount } = render(<Harness />);
    await screen.findByTestId('comment-form');
    type('input-comment', '草稿里的意见内容。');
    unmount();
    render(<Harness />);
    expect(await screen.findByTestId('draft-restored')).toBeInTheDocument();
    expect(screen.getByTestId('input-comment')).toHaveValue('草稿里的意见内容。');
  });

  it('when signed out, then it asks to log in; when closed, then it says so instead of a form', async () => {
    stubNetwork(() => ({ status: 200, body: consultationDetail() }));
    act(() => clearSession());
    const { unmount } = render(<Harness state={{ status: 'anonymous' } as SessionState} />);
    expect(await screen.findByTestId('comment-login')).toHaveTextContent('登录后发表意见');
    unmount();
    jest.restoreAllMocks();
    stubNetwork(() => ({ status: 200, body: consultationDetail({ phase: 'closed', phaseLabel: '已截止', canComment: false, daysLeft: null }) }));
    render(<Harness />);
    await waitFor(() => expect(screen.getByTestId('comment-closed')).toHaveTextContent('征求意见已结束'));
    expect(screen.queryByTestId('comment-form')).not.toBeInTheDocument();
  });
});
