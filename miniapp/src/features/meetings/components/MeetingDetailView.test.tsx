import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorCode } from '@zwgk/contracts';
import { applySession, clearSession } from '@/services/sessionStore';
import { errorBody, stubNetwork, type SentRequest } from '../../../../test/network';
import { session } from '../../../../test/fixtures';
import { useMeeting } from '../hooks/useMeetings';
import { inDays, meetingDetail, myApplication, opinion } from '../testing/fixtures';
import { MeetingDetailView } from './MeetingDetailView';

function Harness() {
  return <MeetingDetailView remote={useMeeting('mt-001')} />;
}

const modal = (confirm: boolean) => jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm, cancel: !confirm, errMsg: 'showModal:ok' });
const isWithdraw = (r: SentRequest) => r.method === 'POST' && r.url.endsWith('/withdraw');

beforeEach(() => applySession(session()));
afterEach(() => {
  jest.restoreAllMocks();
  clearSession();
});

describe('会议详情', () => {
  it('when a lottery meeting loads, then organizer, time, place, agenda, seats with applications, the method in one sentence and the stated source show', async () => {
    stubNetwork(() => ({ status: 200, body: meetingDetail() }));
    render(<Harness />);
    const facts = await screen.findByTestId('meeting-facts');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('江海市人民政府第 42 次常务会议');
    expect(facts).toHaveTextContent('组织单位：江海市人民政府办公室');
    expect(facts).toHaveTextContent('会议地点：市政府 3 号楼第一会议室');
    expect(facts).toHaveTextContent('申请截止：');
    expect(screen.getByTestId('meeting-agenda')).toHaveTextContent('1. 审议《江海市老旧小区改造实施方案》');
    const seat = screen.getAllByTestId('seat').find((s) => s.getAttribute('data-category') === 'public')!;
    expect(seat).toHaveTextContent('公众');
    expect(seat).toHaveTextContent('名额 3 · 已申请 5');
    expect(screen.getByTestId('meeting-selection')).toHaveTextContent('任何人都可以复核结果');
    expect(screen.getByTestId('draw-source')).toHaveTextContent('抽签将使用：2026年12月5日公布的中国福利彩票双色球开奖号码');
    expect(screen.queryByTestId('open-draw')).not.toBeInTheDocument();
    expect(screen.getByTestId('apply-entry')).toBeInTheDocument();
  });

  it('when the draw was run, then a link leads to 抽签公示; the published observers show masked with category and organisation', async () => {
    stubNetwork(() => ({
      status: 200,
      body: meetingDetail({
        phase: 'selected',
        phaseLabel: '已确定列席人员',
        canApply: false,
        drawPublished: true,
        observers: [
          { name: '张*', category: 'public', categoryLabel: '公众', organisation: null, drawNumber: '000004', confirmed: true },
          { name: '刘*', category: 'media', categoryLabel: '媒体', organisation: '江海日报社', drawNumber: '000009', confirmed: false },
        ],
      }),
    }));
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    render(<Harness />);
    const observers = await screen.findAllByTestId('observer');
    expect(observers[0]).toHaveTextContent('张* · 公众 · 已确认参加');
    expect(observers[1]).toHaveTextContent('江海日报社');
    expect(screen.getByTestId('apply-closed')).toHaveTextContent('申请已于');
    fireEvent.click(screen.getByTestId('open-draw'));
    expect(navigate).toHaveBeenCalledWith({ url: '/features/meetings/pages/draw/index?id=mt-001' });
  });

  it('when the citizen applied, then their card shows status and draw number; 撤回 asks first and sends nothing when cancelled', async () => {
    const { sent } = stubNetwork((req) => (isWithdraw(req) ? { status: 200, body: myApplication({ status: 'withdrawn', statusLabel: '已撤回', canWithdraw: false }) } : { status: 200, body: meetingDetail({ me: { application: myApplication() } }) }));
    const ask = modal(false);
    render(<Harness />);
    const card = await screen.findByTestId('my-application');
    expect(card).toHaveTextContent('已提交');
    expect(within(card).getByTestId('draw-number')).toHaveTextContent('000003');
    expect(card).toHaveTextContent('申请截止后公开抽签');
    fireEvent.click(screen.getByTestId('withdraw-application'));
    await waitFor(() => expect(ask).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回申请？' })));
    expect(sent.filter(isWithdraw)).toHaveLength(0);

    ask.mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
    fireEvent.click(screen.getByTestId('withdraw-application'));
    await waitFor(() => expect(sent.filter(isWithdraw)).toHaveLength(1));
    expect(sent.find(isWithdraw)!.url).toBe('/api/v1/me/meeting-applications/b00000000000000000000001/withdraw');
  });

  it('when the application was withdrawn before the close, then it may be made again', async () => {
    stubNetwork(() => ({ status: 200, body: meetingDetail({ me: { application: myApplication({ status: 'withdrawn', statusLabel: '已撤回', canWithdraw: false }) } }) }));
    render(<Harness />);
    expect(await screen.findByTestId('my-application')).toHaveTextContent('已撤回');
    expect(screen.getByTestId('open-apply')).toHaveTextContent('重新申请');
  });

  it('when selected, then 确认参加 and 放弃列席 (which warns that a reserve takes the seat) are offered', async () => {
    const selected = myApplication({ status: 'selected', statusLabel: '已选定，待确认参加', canConfirm: true, canWithdraw: true });
    const { sent } = stubNetwork((req) => (req.method === 'POST' ? { status: 200, body: { ...selected, status: 'confirmed', statusLabel: '已确认参加', canConfirm: false } } : { status: 200, body: meetingDetail({ phase: 'selected', phaseLabel: '已确定列席人员', canApply: false, me: { application: selected } }) }));
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
    const ask = modal(false);
    render(<Harness />);
    expect(await screen.findByTestId('withdraw-application')).toHaveTextContent('放弃列席');
    fireEvent.click(screen.getByTestId('withdraw-application'));
    await waitFor(() => expect(ask).toHaveBeenCalledWith(expect.objectContaining({ title: '放弃列席？', content: expect.stringContaining('候补递补') })));
    fireEvent.click(screen.getByTestId('confirm-attendance'));
    await waitFor(() => expect(sent.some((r) => r.url === '/api/v1/me/meeting-applications/b00000000000000000000001/confirm')).toBe(true));
  });

  it('when the citizen is a reserve, then the rank shows', async () => {
    stubNetwork(() => ({ status: 200, body: meetingDetail({ phase: 'selected', canApply: false, me: { application: myApplication({ status: 'reserve', statusLabel: '候补', reserveRank: 2, canWithdraw: false }) } }) }));
    render(<Harness />);
    expect(await screen.findByTestId('reserve-rank')).toHaveTextContent('候补顺位：第 2 位');
    expect(screen.queryByTestId('withdraw-application')).not.toBeInTheDocument();
  });

  it('when the meeting was held, then opinions with replies show and an observer may submit one', async () => {
    stubNetwork(() => ({
      status: 200,
      body: meetingDetail({
        phase: 'held',
        phaseLabel: '会议已召开',
        startsAt: inDays(-1),
        canApply: false,
        opinions: [opinion({ reply: { text: '感谢建议，今后议题材料提前公开。', repliedAt: '2026-11-26T08:00:00.000Z' } }), opinion({ id: 'c00000000000000000000002', text: '建议增加网络直播。' })],
        me: { application: myApplication({ status: 'confirmed', statusLabel: '已确认参加', canWithdraw: false, canSubmitOpinion: true }) },
      }),
    }));
    render(<Harness />);
    const [answered, open] = await screen.findAllByTestId('opinion');
    expect(within(answered).getByTestId('opinion-reply')).toHaveTextContent('感谢建议');
    expect(open).toHaveTextContent('待答复');
    expect(screen.getByTestId('open-opinion')).toHaveTextContent('提交列席意见');
  });

  it('when the meeting is unknown, then 没有找到 shows without 重试; a failure offers 重试', async () => {
    stubNetwork(() => ({ status: 404, body: errorBody(ErrorCode.notFound, '没有找到') }));
    const { unmount } = render(<Harness />);
    await waitFor(() => expect(screen.getByTestId('meeting-detail')).toHaveAttribute('data-state', 'not-found'));
    expect(screen.queryByTestId('meeting-detail-error-action')).not.toBeInTheDocument();
    unmount();
    jest.restoreAllMocks();
    stubNetwork(() => ({ status: 503, body: errorBody(ErrorCode.upstreamUnavailable, '政务服务暂时不可用，请稍后再试') }));
    render(<Harness />);
    expect(await screen.findByTestId('meeting-detail-error-action')).toHaveTextContent('重试');
  });

  it('when the portal is down, then the last copy shows with a stale notice', async () => {
    stubNetwork(() => ({ status: 200, body: meetingDetail({}, 'stale') }));
    render(<Harness />);
    expect(await screen.findByTestId('meeting-stale')).toBeInTheDocument();
  });
});
