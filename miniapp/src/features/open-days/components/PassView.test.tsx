import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ErrorCode } from '@zwgk/contracts';
import { applySession, clearSession } from '@/services/sessionStore';
import { errorBody, stubNetwork } from '../../../../test/network';
import { session as signedIn } from '../../../../test/fixtures';
import { useCheckInPass } from '../hooks/useCheckInPass';
import { checkInPass, myRegistration, registrationId } from '../testing/fixtures';
import { PassView, spacedCode } from './PassView';

function Harness() {
  return <PassView pass={useCheckInPass(registrationId)} />;
}

const passUrl = `/api/v1/me/open-day-registrations/${registrationId}/pass`;
const regUrl = `/api/v1/me/open-day-registrations/${registrationId}`;

beforeEach(() => applySession(signedIn()));
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
  clearSession();
});

describe('签到码', () => {
  it('when the pass loads, then the QR code (labelled 签到二维码), the short code in two groups, the masked name, session and party size show', async () => {
    stubNetwork((req) => (req.url === passUrl ? { status: 200, body: checkInPass(1) } : { status: 200, body: myRegistration() }));
    render(<Harness />);
    const qr = await screen.findByRole('img', { name: '签到二维码' });
    expect(qr).toHaveAttribute('data-text', checkInPass(1).qr);
    expect(qr.querySelectorAll('.od-qr-box__run').length).toBeGreaterThan(50);
    const code = screen.getByTestId('pass-short-code');
    expect(Array.from(code.children, (g) => g.textContent)).toEqual(['K7Q2', 'M1ZA']);
    expect(code).toHaveAttribute('aria-label', '签到码 K 7 Q 2 M 1 Z A');
    const who = screen.getByTestId('pass-who');
    expect(who).toHaveTextContent('报名人：张*');
    expect(who).toHaveTextContent(/场次：\d+月\d+日 \d\d:\d\d–\d\d:\d\d/);
    expect(within(who).getByTestId('pass-party')).toHaveTextContent('共 2 人（含同行人 李*）');
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });

  it('when the pass nears its validUntil, then a new one is fetched and drawn (every 30 s)', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    let n = 1;
    const { sent } = stubNetwork((req) => (req.url === passUrl ? { status: 200, body: checkInPass(n) } : { status: 200, body: myRegistration() }));
    render(<Harness />);
    await waitFor(() => expect(screen.getByTestId('pass-short-code')).toHaveTextContent('K7Q2M1ZA'));
    n = 2;
    // validUntil is 30 s away: nothing before 26 s, the new pass by 27 s (3 s ahead).
    await act(async () => {
      await jest.advanceTimersByTimeAsync(26_000);
    });
    expect(sent.filter((r) => r.url === passUrl)).toHaveLength(1);
    await act(async () => {
      await jest.advanceTimersByTimeAsync(1_500);
    });
    await waitFor(() => expect(screen.getByTestId('pass-short-code')).toHaveTextContent('K7Q2M2ZA'));
    expect(screen.getByRole('img', { name: '签到二维码' })).toHaveAttribute('data-text', checkInPass(2).qr);
    expect(sent.filter((r) => r.url === passUrl)).toHaveLength(2);
  });

  it('when staff have checked the citizen in, then the screen says 已签到 instead of a code', async () => {
    stubNetwork((req) =>
      req.url === regUrl ? { status: 200, body: myRegistration({ status: 'attended', statusLabel: '已签到', checkedInAt: '2026-12-08T01:35:00.000Z' }) } : { status: 409, body: errorBody(ErrorCode.conflict, '已签到') },
    );
    render(<Harness />);
    expect(await screen.findByTestId('pass-attended')).toHaveTextContent('12月8日 09:35 签到');
    expect(screen.queryByRole('img', { name: '签到二维码' })).not.toBeInTheDocument();
  });

  it('when the registration is only on the waitlist, then no code is shown and the status says why', async () => {
    stubNetwork((req) => (req.url === regUrl ? { status: 200, body: myRegistration({ status: 'waitlisted', statusLabel: '候补中', position: 1 }) } : { status: 409, body: errorBody(ErrorCode.conflict, '未报名成功') }));
    render(<Harness />);
    expect(await screen.findByTestId('pass-unavailable')).toHaveTextContent('当前状态：候补中');
  });

  it('when the pass fails to load, then 重试 loads it again', async () => {
    let calls = 0;
    stubNetwork((req) => (req.url === passUrl ? (++calls === 1 ? 'network-down' : { status: 200, body: checkInPass(1) }) : { status: 200, body: myRegistration() }));
    render(<Harness />);
    fireEvent.click(await screen.findByTestId('pass-error-action'));
    expect(await screen.findByTestId('pass-short-code')).toHaveTextContent('K7Q2M1ZA');
  });

  it('when signed out, then 去登录 shows', async () => {
    clearSession();
    stubNetwork(() => ({ status: 401, body: errorBody(ErrorCode.unauthenticated, '请先登录') }));
    render(<Harness />);
    expect(await screen.findByTestId('pass-login')).toHaveTextContent('登录后查看签到码');
  });

  it('when a code is spaced for reading aloud, then it falls into groups of four', () => {
    expect(spacedCode('K7Q2M1ZA')).toBe('K7Q2 M1ZA');
  });
});
