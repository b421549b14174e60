import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorCode, type HotlineTicketDetail } from '@zwgk/contracts';
import { applySession, clearSession } from '@/services/sessionStore';
import { useRemote } from '@/hooks';
import { errorBody, stubNetwork } from '../../../../test/network';
import { session } from '../../../../test/fixtures';
import { useRating } from '../hooks/useRating';
import { getTicket } from '../api';
import { ticketDetail, trackingNo } from '../testing/fixtures';
import { RatingView } from './RatingView';

function RateHarness({ onDone }: { onDone: (t: HotlineTicketDetail) => void }) {
  const ticket = useRemote(() => getTicket(trackingNo), []);
  return <RatingView ticket={ticket} rating={useRating(trackingNo)} onDone={onDone} />;
}

const closed = () => ticketDetail({ status: 'closed', statusLabel: '办结', canRate: true, canReopen: true });
const rated = (reopenRequested: boolean) =>
  ticketDetail({ status: 'visited', statusLabel: '回访', canRate: false, rating: { rating: 'unsatisfied', ratingLabel: '不满意', comment: '仍有噪音', ratedAt: '2026-11-27T01:00:00.000Z', reopenRequested } });

beforeEach(() => applySession(session()));
afterEach(() => {
  jest.restoreAllMocks();
  clearSession();
});

describe('评价办理结果', () => {
  it('when 不满意 is chosen, then 申请重办 is offered and sent with the comment', async () => {
    const { sent } = stubNetwork((req) => (req.method === 'POST' ? { status: 200, body: rated(true) } : { status: 200, body: closed() }));
    const onDone = jest.fn();
    render(<RateHarness onDone={onDone} />);
    await screen.findByTestId('rating');
    expect(screen.queryByTestId('toggle-reopen')).not.toBeInTheDocument();

    fireEvent.click(screen.getByTestId('submit-rating'));
    expect(await screen.findByTestId('error-rating')).toHaveTextContent('请选择满意、基本满意或不满意');
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(0);

    fireEvent.click(screen.getByTestId('rating-unsatisfied'));
    fireEvent.click(screen.getByTestId('toggle-reopen'));
    act(() => {
      screen.getByTestId('input-comment').dispatchEvent(new CustomEvent('input', { detail: { value: ' 仍有噪音 ' }, bubbles: true }));
    });
    fireEvent.click(screen.getByTestId('submit-rating'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const post = sent.find((r) => r.method === 'POST')!;
    expect(post.url).toBe(`/api/v1/hotline/tickets/${trackingNo}/rating`);
    expect(post.data).toEqual({ rating: 'unsatisfied', comment: '仍有噪音', reopen: true });
    expect(onDone.mock.calls[0][0].rating.reopenRequested).toBe(true);
  });

  it('when 满意 follows 不满意 with 重办 switched on, then 重办 is dropped', async () => {
    const { sent } = stubNetwork((req) => (req.method === 'POST' ? { status: 200, body: rated(false) } : { status: 200, body: closed() }));
    render(<RateHarness onDone={() => undefined} />);
    await screen.findByTestId('rating');
    fireEvent.click(screen.getByTestId('rating-unsatisfied'));
    fireEvent.click(screen.getByTestId('toggle-reopen'));
    fireEvent.click(screen.getByTestId('rating-satisfied'));
    expect(screen.queryByTestId('toggle-reopen')).not.toBeInTheDocument();
    fireEvent.click(screen.getByTestId('submit-rating'));
    await waitFor(() => expect(sent.some((r) => r.method === 'POST')).toBe(true));
    expect(sent.find((r) => r.method === 'POST')!.data).toEqual({ rating: 'satisfied', reopen: false });
  });

  it('when the ticket was rated already, then the page says so instead of a form', async () => {
    stubNetwork(() => ({ status: 200, body: rated(false) }));
    render(<RateHarness onDone={() => undefined} />);
    expect(await screen.findByTestId('rate-unavailable')).toHaveTextContent('您已评价过这件诉求（不满意）');
    expect(screen.queryByTestId('submit-rating')).not.toBeInTheDocument();
  });

  it('when the server refuses a second rating, then its message shows', async () => {
    stubNetwork((req) => (req.method === 'POST' ? { status: 409, body: errorBody(ErrorCode.conflict, '该诉求已评价，不能重复评价') } : { status: 200, body: closed() }));
    const onDone = jest.fn();
    render(<RateHarness onDone={onDone} />);
    await screen.findByTestId('rating');
    fireEvent.click(screen.getByTestId('rating-basically_satisfied'));
    fireEvent.click(screen.getByTestId('submit-rating'));
    expect(await screen.findByTestId('rate-submit-error')).toHaveTextContent('该诉求已评价，不能重复评价');
    expect(onDone).not.toHaveBeenCalled();
  });
});

describe('评价办理结果 when signed out', () => {
  it('when nobody is signed in, then the server’s 401 becomes a login prompt whose 去登录 remembers this page and opens 我的', async () => {
    clearSession();
    const { sent } = stubNetwork(() => ({ status: 401, body: errorBody(ErrorCode.unauthenticated, '请先登录') }));
    jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { path: '/features/hotline/pages/rate/index', params: { no: trackingNo } } } as never);
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' } as never);
    render(<RateHarness onDone={() => undefined} />);
    const prompt = await screen.findByTestId('rate-login');
    expect(prompt).toHaveTextContent('登录后评价办理结果');
    expect(screen.queryByText('重试')).not.toBeInTheDocument();
    expect(sent[0].header.Authorization).toBeUndefined();
    fireEvent.click(screen.getByTestId('rate-login-action'));
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' });
    expect(JSON.parse(Taro.getStorageSync('zwgk.loginReturn')).link).toBe(`/features/hotline/pages/rate/index?no=${trackingNo}`);
  });
});
