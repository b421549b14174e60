import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorCode, type StaffMeeting } from '@zwgk/contracts';
import { applySession, clearSession } from '@/services/sessionStore';
import { errorBody, stubNetwork, type Reply, type SentRequest } from '../../../../test/network';
import { citizen, session } from '../../../../test/fixtures';
import { typeInto } from '../../../../test/input';
import { drawnCategory, inDays, meetingDetail, meetingDraw, opinion, publicRoster, seats, staffApplication, staffApplications, staffMeeting, staffMeetings } from '../../meetings/testing/fixtures';
import { useMeetingDesk } from '../hooks/useMeetingDesk';
import { useMeetingWork } from '../hooks/useMeetingWork';
import { MeetingDesk } from './MeetingDesk';
import { MeetingWork } from './MeetingWork';

const BASE = '/api/v1/staff/meetings';

function server(m: StaffMeeting, write: (req: SentRequest) => Reply = () => ({ status: 500 }), apps = staffApplications()) {
  return stubNetwork((req) => {
    if (req.method !== 'GET') return write(req);
    if (req.url === BASE) return { status: 200, body: staffMeetings([m]) };
    if (req.url === `${BASE}/${m.id}/applications`) return { status: 200, body: apps };
    if (req.url === `/api/v1/meetings/${m.id}/draw`) return { status: 200, body: meetingDraw() };
    if (req.url === `/api/v1/meetings/${m.id}`) return { status: 200, body: meetingDetail() };
    return { status: 404, body: errorBody(ErrorCode.notFound, '没有找到') };
  });
}

const modal = (confirm: boolean) => jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm, cancel: !confirm, errMsg: 'showModal:ok' });

function Work({ id = 'mt-001' }: { id?: string }) {
  return <MeetingWork work={useMeetingWork(id)} />;
}

beforeEach(() => applySession(session({ user: { ...citizen, roles: ['citizen', 'events'] } })));
afterEach(() => {
  jest.restoreAllMocks();
  clearSession();
});

describe('工作台 列席会议', () => {
  it('when the meetings load, then each shows its phase and 待审核/待抽签/待答复 counts, and opens its page', async () => {
    stubNetwork(() => ({ status: 200, body: staffMeetings() }));
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    function Desk() {
      return <MeetingDesk desk={useMeetingDesk()} />;
    }
    render(<Desk />);
    const [lottery, review] = await screen.findAllByTestId('staff-meeting');
    expect(within(lottery).getByTestId('source-missing')).toBeInTheDocument();
    expect(within(lottery).getAllByTestId('meeting-queue').map((q) => q.textContent)).toEqual(['0待抽签', '0待答复']);
    expect(within(review).getAllByTestId('meeting-queue')[0]).toHaveTextContent('2待审核');
    expect(within(review).getAllByTestId('meeting-queue')[0]).toHaveAttribute('data-label', '待审核');
    fireEvent.click(review);
    await waitFor(() => expect(navigate).toHaveBeenCalledWith({ url: '/features/workbench/pages/meeting/index?id=mt-002' }));
  });

  it('when someone without the events role opens it, then the refusal shows', async () => {
    stubNetwork(() => ({ status: 403, body: errorBody(ErrorCode.roleRequired, '需要“活动管理”权限') }));
    function Desk() {
      return <MeetingDesk desk={useMeetingDesk()} />;
    }
    render(<Desk />);
    expect(await screen.findByTestId('meeting-desk-forbidden')).toHaveTextContent('没有使用权限');
  });

  it('when a review category is full, then 选定 is disabled showing x/y while 不选定 still works; a missing reason is refused before sending', async () => {
    const m = staffMeeting({ id: 'mt-002', selection: 'review', phase: 'closed', phaseLabel: '申请已截止，正在选定', applicationClosesAt: inDays(-1), pendingReview: 2, seats: seats({ public: { applications: 4, selected: 3 }, expert: { applications: 1 } }) });
    const apps = staffApplications([staffApplication(), staffApplication({ id: 'd00000000000000000000002', drawNumber: '000002', category: 'expert', categoryLabel: '专家', organisation: '江海大学', qualification: '城市规划教授' })]);
    const { sent } = server(
      m,
      (req) => ({ status: 200, body: staffApplication({ id: 'd00000000000000000000001', status: 'declined', statusLabel: '未选定', decisionReason: (req.data as { reason: string }).reason }) }),
      apps,
    );
    render(<Work id='mt-002' />);
    const [pub, expert] = await screen.findAllByTestId('staff-application');
    expect(screen.getAllByTestId('meeting-seat')[0]).toHaveTextContent('3/3');
    const accept = within(pub).getByTestId('review-accept');
    expect(accept).toHaveTextContent('名额已满（3/3）');
    expect(accept.closest('[data-testid="review-accept"]')).toHaveAttribute('disabled');
    expect(within(expert).getByTestId('review-accept')).toHaveTextContent('选定');
    expect(within(expert).getByTestId('review-accept')).not.toHaveAttribute('disabled');
    fireEvent.click(within(pub).getByTestId('review-decline'));
    expect(await within(pub).findByTestId('review-result')).toHaveTextContent('请填写理由');
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(0);
    typeInto(within(pub).getByTestId('review-reason'), '名额已满');
    fireEvent.click(within(pub).getByTestId('review-decline'));
    await waitFor(() => expect(screen.getAllByTestId('staff-application')[0]).toHaveAttribute('data-status', 'declined'));
    const post = sent.find((r) => r.method === 'POST')!;
    expect(post.url).toBe('/api/v1/staff/meetings/mt-002/applications/d00000000000000000000001/review');
    expect(post.data).toEqual({ decision: 'decline', reason: '名额已满' });
  });

  it('when a lottery meeting is open, then staff state the source and see it confirmed', async () => {
    const m = staffMeeting();
    const { sent } = server(m, () => ({ status: 200, body: { ...m, drawSource: '2026年12月5日公布的双色球开奖号码' } }));
    render(<Work />);
    const input = await screen.findByTestId('draw-source-input');
    typeInto(input, '2026年12月5日公布的双色球开奖号码');
    fireEvent.click(screen.getByTestId('draw-source-save'));
    expect(await screen.findByTestId('draw-source-result')).toHaveTextContent('已公布抽签所用的随机数来源');
    expect(sent.find((r) => r.method === 'PUT')).toMatchObject({ url: '/api/v1/staff/meetings/mt-001/draw-source', data: { source: '2026年12月5日公布的双色球开奖号码' } });
  });

  it('when a category is run, then a dialog warns it runs once and must match the publication; cancelled sends nothing, confirmed draws and shows the published answer', async () => {
    const m = staffMeeting({ phase: 'closed', phaseLabel: '申请已截止，正在选定', applicationClosesAt: inDays(-1), drawSource: '双色球开奖号码', drawsPending: ['media'] });
    // The answer has media drawn; reads of the public draw still show it undrawn (the BFF's brief cache).
    const answer = meetingDraw([drawnCategory('public', publicRoster, 3, '03 09 14 21 27 31 + 08'), drawnCategory('media', ['000009'], 1, '05 11 17 22 28 30 + 02')]);
    const { sent } = server(m, () => ({ status: 200, body: answer }));
    const ask = modal(false);
    render(<Work />);
    const media = (await screen.findAllByTestId('category-draw')).find((c) => c.getAttribute('data-category') === 'media')!;
    const pub = screen.getAllByTestId('category-draw').find((c) => c.getAttribute('data-category') === 'public')!;
    await waitFor(() => expect(within(pub).getByTestId('category-drawn')).toHaveTextContent('随机数“03 09 14 21 27 31 + 08”'));
    fireEvent.click(within(media).getByTestId('draw-run'));
    expect(await within(media).findByTestId('draw-result')).toHaveTextContent('请填写公布的随机数');
    expect(ask).not.toHaveBeenCalled();
    typeInto(within(media).getByTestId('draw-value'), ' 05 11 ');
    fireEvent.click(within(media).getByTestId('draw-run'));
    expect(await within(media).findByTestId('draw-result')).toHaveTextContent('随机数首尾不能有空格');
    typeInto(within(media).getByTestId('draw-value'), '05 11 17 22 28 30 + 02');
    fireEvent.click(within(media).getByTestId('draw-run'));
    await waitFor(() => expect(ask).toHaveBeenCalledWith(expect.objectContaining({ title: '为媒体抽签', content: expect.stringContaining('每个类别只能抽一次') })));
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(0);
    ask.mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    fireEvent.click(within(media).getByTestId('draw-run'));
    await waitFor(() => expect(within(media).getByTestId('draw-result')).toHaveTextContent('已抽签，结果已公示'));
    expect(within(media).getByTestId('category-drawn')).toHaveTextContent('随机数“05 11 17 22 28 30 + 02”；选定 000009');
    expect(sent.find((r) => r.method === 'POST')).toMatchObject({ url: '/api/v1/staff/meetings/mt-001/draws', data: { category: 'media', publicValue: '05 11 17 22 28 30 + 02' } });
  });

  it('when a draw is refused (already drawn), then the server’s message shows', async () => {
    const m = staffMeeting({ phase: 'closed', applicationClosesAt: inDays(-1), drawSource: '双色球', drawsPending: ['media'] });
    server(m, () => ({ status: 409, body: errorBody(ErrorCode.conflict, '媒体类别已经抽过签，不能再抽') }));
    modal(true);
    render(<Work />);
    const media = (await screen.findAllByTestId('category-draw')).find((c) => c.getAttribute('data-category') === 'media')!;
    typeInto(within(media).getByTestId('draw-value'), '42');
    fireEvent.click(within(media).getByTestId('draw-run'));
    expect(await within(media).findByTestId('draw-result')).toHaveTextContent('媒体类别已经抽过签，不能再抽');
  });

  it('when an opinion is answered, then the reply is sent and the opinions are read again', async () => {
    const m = staffMeeting({ phase: 'held', opinionsAwaitingReply: 1 });
    let replied = false;
    stubNetwork((req) => {
      if (req.method === 'PUT') {
        replied = true;
        return { status: 200, body: opinion({ reply: { text: '感谢，已采纳。', repliedAt: '2026-12-01T08:00:00.000Z' } }) };
      }
      if (req.url === BASE) return { status: 200, body: staffMeetings([m]) };
      if (req.url.endsWith('/applications')) return { status: 200, body: staffApplications([]) };
      if (req.url.endsWith('/draw')) return { status: 200, body: meetingDraw() };
      return { status: 200, body: meetingDetail({ phase: 'held', opinions: [opinion({ reply: replied ? { text: '感谢，已采纳。', repliedAt: '2026-12-01T08:00:00.000Z' } : null })] }) };
    });
    render(<Work />);
    const row = await screen.findByTestId('staff-opinion');
    expect(row).toHaveAttribute('data-replied', 'false');
    typeInto(within(row).getByTestId('reply-input'), '感谢，已采纳。');
    fireEvent.click(within(row).getByTestId('reply-save'));
    await waitFor(() => expect(screen.getByTestId('staff-opinion')).toHaveAttribute('data-replied', 'true'));
    expect(screen.getByTestId('meeting-applications-empty')).toBeInTheDocument();
  });
});
