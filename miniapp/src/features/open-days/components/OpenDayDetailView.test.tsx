import { useCallback } from 'react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorCode } from '@zwgk/contracts';
import { getSessionState } from '@/services';
import { applySession, clearSession } from '@/services/sessionStore';
import { errorBody, stubNetwork, type Reply, type SentRequest } from '../../../../test/network';
import { session as signedIn } from '../../../../test/fixtures';
import { LIVE_REFRESH_MS, useOpenDay } from '../hooks/useOpenDays';
import { useRegistrationActions } from '../hooks/useRegistrationActions';
import { myRegistration, openDayDetail, openDayId, registrationId, session } from '../testing/fixtures';
import { OpenDayDetailView } from './OpenDayDetailView';

function Harness() {
  const state = getSessionState();
  const remote = useOpenDay(openDayId, state.user?.id ?? null);
  const { refresh } = remote;
  const actions = useRegistrationActions(useCallback(() => void refresh(), [refresh]));
  return <OpenDayDetailView remote={remote} session={state} actions={actions} />;
}

const detailUrl = `/api/v1/open-days/${openDayId}`;
const regUrl = (action: string) => `/api/v1/me/open-day-registrations/${registrationId}/${action}`;

/** The detail route answers `detail()` (read at each request), the registration actions `action(req)`. */
function server(detail: () => unknown, action: (req: SentRequest) => Reply = () => ({ status: 200, body: myRegistration() })) {
  return stubNetwork((req) => (req.url === detailUrl ? { status: 200, body: detail() } : action(req)));
}

const confirmDialog = (confirm: boolean) => jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm, cancel: !confirm, errMsg: 'showModal:ok' } as never);

beforeEach(() => applySession(signedIn()));
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
  clearSession();
});

describe('开放日详情', () => {
  it('when it loads, then host, location, the registration window and each session with its places show; a full one says 已满·可候补', async () => {
    server(() => openDayDetail());
    render(<Harness />);
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('走进自来水厂：从水源到龙头');
    const about = screen.getByTestId('open-day-about');
    expect(about).toHaveTextContent('主办单位：江海市水务局');
    expect(about).toHaveTextContent('地点：江海市第一自来水厂');
    expect(about).toHaveTextContent(/报名时间：.+ 至 .+/);
    const [s1, s2] = screen.getAllByTestId('session');
    expect(within(s1).getByTestId('session-places')).toHaveTextContent('余位 12/30');
    expect(s2).toHaveAttribute('data-full', 'true');
    expect(within(s2).getByTestId('session-places')).toHaveTextContent('已满·可候补（3 组候补中）');
    expect(screen.getByTestId('open-register')).toHaveTextContent('我要报名');
  });

  it('when signed out, then 去登录 is offered instead of the form', async () => {
    clearSession();
    server(() => openDayDetail({}, null));
    render(<Harness />);
    expect(await screen.findByTestId('open-day-login')).toHaveTextContent('登录后报名');
    expect(screen.getByTestId('open-day-login-action')).toHaveTextContent('去登录');
    expect(screen.queryByTestId('open-register')).not.toBeInTheDocument();
  });

  it('when the citizen is restricted after no-shows, then the server’s message shows before signing up', async () => {
    const message = '您近 180 天内有 2 次报名未到场，2027年1月1日前只能候补。';
    server(() => openDayDetail({}, { restriction: { waitlistOnly: true, until: '2026-12-31T16:00:00.000Z', noShows: 2, message } }));
    render(<Harness />);
    expect(await screen.findByTestId('restriction')).toHaveTextContent(message);
    expect(screen.getByTestId('open-register')).toHaveTextContent('我要候补');
  });

  it('when the citizen is on the waitlist, then the card shows the position and 取消候补', async () => {
    server(() => openDayDetail({}, { registration: myRegistration({ status: 'waitlisted', statusLabel: '候补中', position: 2, sessionId: 's2' }) }));
    render(<Harness />);
    const card = await screen.findByTestId('my-registration');
    expect(card).toHaveAttribute('data-status', 'waitlisted');
    expect(within(card).getByTestId('waitlist-position')).toHaveTextContent('候补第 2 位');
    expect(within(card).getByTestId('cancel-registration')).toHaveTextContent('取消候补');
    expect(within(card).queryByTestId('open-pass')).not.toBeInTheDocument();
  });

  it('when a place is offered, then its deadline shows and 确认递补 claims it; the card then reads 已报名', async () => {
    let claimed = false;
    const offered = myRegistration({ status: 'offered', statusLabel: '候补递补，待确认', offerExpiresAt: '2026-12-05T06:00:00.000Z' });
    const { sent } = server(
      () => openDayDetail({}, { registration: claimed ? myRegistration() : offered }),
      (req) => {
        claimed = true;
        return req.url === regUrl('claim') ? { status: 200, body: myRegistration() } : { status: 404, body: errorBody(ErrorCode.notFound, '没有找到') };
      },
    );
    render(<Harness />);
    const offer = await screen.findByTestId('offer');
    expect(offer).toHaveTextContent('已为您保留至 12月5日 14:00');
    fireEvent.click(screen.getByTestId('claim-offer'));
    await waitFor(() => expect(screen.getByTestId('my-registration')).toHaveAttribute('data-status', 'confirmed'));
    expect(sent.find((r) => r.url === regUrl('claim'))?.method).toBe('POST');
    expect(screen.getByTestId('open-pass')).toHaveTextContent('查看签到码');
  });

  it('when an offer expired meanwhile, then the server’s 409 message shows and the card shows what is true now', async () => {
    let refused = false;
    const offered = myRegistration({ status: 'offered', statusLabel: '候补递补，待确认', offerExpiresAt: '2026-12-05T06:00:00.000Z' });
    server(
      () => openDayDetail({}, { registration: refused ? myRegistration({ status: 'lapsed', statusLabel: '递补已过期', canCancel: false, canChangeSession: false, changeDeadline: null }) : offered }),
      () => {
        refused = true;
        return { status: 409, body: errorBody(ErrorCode.conflict, '递补名额已于 12月5日 14:00 过期') };
      },
    );
    render(<Harness />);
    fireEvent.click(await screen.findByTestId('claim-offer'));
    expect(await screen.findByTestId('previous-registration')).toHaveTextContent('递补已过期');
    expect(screen.getByTestId('registration-action-error')).toHaveTextContent('递补名额已于 12月5日 14:00 过期');
  });

  it('when 取消报名 is tapped, then a dialog asks first; declined nothing is sent, confirmed the registration is cancelled', async () => {
    let cancelled = false;
    const { sent } = server(
      () => openDayDetail({}, { registration: cancelled ? myRegistration({ status: 'cancelled', statusLabel: '已取消', canCancel: false, canChangeSession: false, changeDeadline: null }) : myRegistration() }),
      (req) => {
        cancelled = true;
        return req.url === regUrl('cancel') ? { status: 200, body: myRegistration({ status: 'cancelled', statusLabel: '已取消' }) } : { status: 404 };
      },
    );
    const dialog = confirmDialog(false);
    render(<Harness />);
    fireEvent.click(await screen.findByTestId('cancel-registration'));
    await waitFor(() => expect(dialog).toHaveBeenCalledTimes(1));
    expect(dialog.mock.calls[0][0]).toMatchObject({ title: '取消报名？', confirmText: '取消报名' });
    expect(sent.some((r) => r.url === regUrl('cancel'))).toBe(false);
    dialog.mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' } as never);
    fireEvent.click(screen.getByTestId('cancel-registration'));
    expect(await screen.findByTestId('previous-registration')).toHaveTextContent('已取消');
    expect(sent.filter((r) => r.url === regUrl('cancel'))).toHaveLength(1);
    expect(screen.getByTestId('open-register')).toBeInTheDocument();
  });

  it('when 改场次 chooses another session, then the change is posted with that session', async () => {
    let moved = false;
    const { sent } = server(
      () => openDayDetail({ sessions: [session(), session({ id: 's3', startsAt: '2026-12-20T01:30:00.000Z', endsAt: '2026-12-20T03:30:00.000Z' })] }, { registration: myRegistration(moved ? { sessionId: 's3' } : {}) }),
      () => {
        moved = true;
        return { status: 200, body: myRegistration({ sessionId: 's3' }) };
      },
    );
    render(<Harness />);
    fireEvent.click(await screen.findByTestId('change-session'));
    const chooser = screen.getByTestId('change-session-chooser');
    expect(within(chooser).queryByTestId('target-session-s1')).not.toBeInTheDocument();
    fireEvent.click(within(chooser).getByTestId('target-session-s3'));
    fireEvent.click(within(chooser).getByTestId('change-session-confirm'));
    await waitFor(() => expect(screen.queryByTestId('change-session-chooser')).not.toBeInTheDocument());
    const post = sent.find((r) => r.url === regUrl('change-session'));
    expect(post).toMatchObject({ method: 'POST', data: { sessionId: 's3' } });
  });

  it('when the page stays open, then the places are read again every 15 s', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    let left = 12;
    const { sent } = server(() => openDayDetail({ sessions: [session({ placesLeft: left })] }));
    render(<Harness />);
    await waitFor(() => expect(screen.getByTestId('session-places')).toHaveTextContent('余位 12/30'));
    left = 0;
    await act(async () => {
      await jest.advanceTimersByTimeAsync(LIVE_REFRESH_MS);
    });
    await waitFor(() => expect(screen.getByTestId('session-places')).toHaveTextContent('已满·可候补'));
    expect(sent.filter((r) => r.url === detailUrl)).toHaveLength(2);
  });

  it('when the open day does not exist, then 没有找到 shows without 重试', async () => {
    stubNetwork(() => ({ status: 404, body: errorBody(ErrorCode.notFound, '没有找到这个开放日') }));
    render(<Harness />);
    expect(await screen.findByTestId('open-day-error')).toHaveTextContent('没有找到这个开放日');
    expect(screen.queryByTestId('open-day-error-action')).not.toBeInTheDocument();
  });

  it('when loading fails, then the error shows with 重试', async () => {
    stubNetwork(() => 'network-down');
    render(<Harness />);
    expect(await screen.findByTestId('open-day-error')).toHaveTextContent('开放日加载失败');
    expect(screen.getByTestId('open-day-error-action')).toHaveTextContent('重试');
  });
});
