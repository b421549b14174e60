import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ErrorCode } from '@zwgk/contracts';
import { applySession, clearSession } from '@/services/sessionStore';
import { errorBody, stubNetwork, type Reply, type SentRequest } from '../../../../test/network';
import { citizen, session } from '../../../../test/fixtures';
import { useDispositions } from '../hooks/useDispositions';
import { commentPage, commentPoint, consultationDetail, consultationId, staffComment, staffConsultation } from '../testing/fixtures';
import { Dispositions } from './Dispositions';

function Harness() {
  return <Dispositions work={useDispositions(consultationId)} />;
}

const approved = (i: number, o = {}) => staffComment(i, { state: 'approved', stateLabel: '已公开', ...o });
const rows = [approved(1), approved(2, { articleNo: null, articleLabel: null }), approved(3, { pointId: 'e'.repeat(24), disposition: 'partly_adopted', dispositionLabel: '部分采纳', dispositionReason: '已吸收' })];
const LIST = '/api/v1/staff/consultation-comments';
const BASE = `/api/v1/staff/consultations/${consultationId}`;

function server(write: (req: SentRequest) => Reply = (req) => (req.url.endsWith('/points') ? { status: 201, body: commentPoint({ title: '同一要点', disposition: 'adopted', dispositionLabel: '采纳', reason: null }) } : { status: 200, body: { updated: 2, remaining: 1 } })) {
  return stubNetwork((req) => {
    if (req.url === LIST) return { status: 200, body: commentPage(rows) };
    if (req.url === BASE) return { status: 200, body: staffConsultation() };
    if (req.url === `/api/v1/consultations/${consultationId}`) return { status: 200, body: consultationDetail() };
    if (req.url === `${BASE}/points` && req.method === 'GET') return { status: 200, body: { items: [commentPoint()] } };
    if (req.method === 'POST') return write(req);
    return { status: 404, body: errorBody(ErrorCode.notFound, '没有找到') };
  });
}

function typeInto(testId: string, value: string) {
  act(() => {
    screen.getByTestId(testId).dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }));
  });
}
const listReads = (sent: SentRequest[]) => sent.filter((r) => r.url === LIST).map((r) => r.data);

beforeEach(() => applySession(session({ user: { ...citizen, roles: ['citizen', 'moderator'] } })));
afterEach(() => {
  jest.restoreAllMocks();
  clearSession();
});

describe('意见处理 (dispositions of one consultation)', () => {
  it('when it opens, then progress, the undisposed approved comments and the points show; the article filter reads again', async () => {
    const { sent } = server();
    render(<Harness />);
    expect(await screen.findByTestId('dispositions-progress')).toHaveTextContent('已处置 1 / 4 条已公开意见');
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '1');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('意见处理');
    const list = await screen.findAllByTestId('dispositions-row');
    expect(list).toHaveLength(3);
    expect(listReads(sent)[0]).toEqual({ state: 'approved', consultationId, disposed: 'false', pageSize: 50 });
    // A comment in a 意见要点 is disposed on its point: no checkbox of its own.
    expect(within(list[2]).queryByTestId('dispositions-check')).not.toBeInTheDocument();
    expect(within(list[2]).getByText('已归入意见要点')).toBeInTheDocument();
    expect(screen.getByTestId('dispositions-point')).toHaveTextContent('老旧小区补足养老用房应优先利用闲置用房');

    fireEvent.click(await screen.findByTestId('dispo-article-3'));
    await waitFor(() => expect(listReads(sent).at(-1)).toEqual({ state: 'approved', consultationId, articleNo: 3, disposed: 'false', pageSize: 50 }));
    fireEvent.click(screen.getByTestId('toggle-dispo-undisposed'));
    await waitFor(() => expect(listReads(sent).at(-1)).toEqual({ state: 'approved', consultationId, articleNo: 3, pageSize: 50 }));
  });

  it('when nothing is selected or the reason is missing, then it says so and sends nothing', async () => {
    const { sent } = server();
    render(<Harness />);
    await screen.findAllByTestId('dispositions-row');
    fireEvent.click(screen.getByTestId('dispositions-apply-submit'));
    expect(screen.getByTestId('error-selection')).toHaveTextContent('请先勾选要处置的意见');
    expect(screen.getByTestId('error-dispo-disposition')).toHaveTextContent('请选择处理意见');

    fireEvent.click(screen.getByTestId('dispositions-select-all'));
    expect(screen.getByTestId('dispositions-selected')).toHaveTextContent('已选 2 条');
    fireEvent.click(screen.getByTestId('dispo-disposition-not_adopted'));
    fireEvent.click(screen.getByTestId('dispositions-apply-submit'));
    expect(screen.getByTestId('error-dispo-reason')).toHaveTextContent('除“采纳”外，处理意见须填写理由');
    expect(sent.some((r) => r.method === 'POST')).toBe(false);
  });

  it('when all on the page are selected and 未采纳 is applied with a reason, then they are disposed at once and the lists read again', async () => {
    const { sent } = server();
    render(<Harness />);
    await screen.findAllByTestId('dispositions-row');
    fireEvent.click(screen.getByTestId('dispositions-select-all'));
    fireEvent.click(screen.getByTestId('dispo-disposition-not_adopted'));
    typeInto('dispo-reason', ' 与上位法规定不一致 ');
    const before = sent.length;
    fireEvent.click(screen.getByTestId('dispositions-apply-submit'));
    expect(await screen.findByTestId('dispositions-apply-result')).toHaveTextContent('已处置 2 条意见，还有 1 条尚未处置');
    const post = sent.find((r) => r.method === 'POST');
    expect(post?.url).toBe(`${BASE}/dispositions`);
    expect(post?.data).toEqual({ commentIds: [rows[0].id, rows[1].id], disposition: 'not_adopted', reason: '与上位法规定不一致' });
    await waitFor(() => expect(sent.slice(before).map((r) => r.url)).toEqual(expect.arrayContaining([LIST, BASE, `${BASE}/points`])));
    expect(screen.getByTestId('dispositions-selected')).toHaveTextContent('已选 0 条');
  });

  it('when selected comments are grouped into a 意见要点 as 采纳, then the point is created without a reason', async () => {
    const { sent } = server();
    render(<Harness />);
    const list = await screen.findAllByTestId('dispositions-row');
    fireEvent.click(within(list[0]).getByTestId('dispositions-check'));
    fireEvent.click(within(list[1]).getByTestId('dispositions-check'));
    fireEvent.click(screen.getByTestId('dispo-mode-point'));
    fireEvent.click(screen.getByTestId('dispo-disposition-adopted'));
    fireEvent.click(screen.getByTestId('dispositions-apply-submit'));
    expect(screen.getByTestId('error-point-title')).toHaveTextContent('请用至少 2 个字概括');
    typeInto('point-title', '同一要点');
    fireEvent.click(screen.getByTestId('dispositions-apply-submit'));
    expect(await screen.findByTestId('dispositions-apply-result')).toHaveTextContent('已将 2 条意见归为意见要点“同一要点”，处理意见：采纳');
    expect(sent.find((r) => r.method === 'POST')).toMatchObject({ url: `${BASE}/points`, data: { title: '同一要点', commentIds: [rows[0].id, rows[1].id], disposition: 'adopted' } });
  });

  it('when the server refuses (409 before the close), then its message shows', async () => {
    server(() => ({ status: 409, body: errorBody(ErrorCode.conflict, '征求意见将于 2026年12月10日 17:30 截止，截止后才能处置意见') }));
    render(<Harness />);
    fireEvent.click((await screen.findAllByTestId('dispositions-check'))[0]);
    fireEvent.click(screen.getByTestId('dispo-disposition-adopted'));
    fireEvent.click(screen.getByTestId('dispositions-apply-submit'));
    const result = await screen.findByTestId('dispositions-apply-result');
    expect(result).toHaveTextContent('截止后才能处置意见');
    expect(result).toHaveAttribute('role', 'alert');
  });
});
