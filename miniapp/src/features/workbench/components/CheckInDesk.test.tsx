import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ErrorCode } from '@zwgk/contracts';
import { applySession, clearSession } from '@/services/sessionStore';
import { errorBody, stubNetwork, type Reply, type SentRequest } from '../../../../test/network';
import { citizen, session } from '../../../../test/fixtures';
import { checkInAnswer, openDayId, staffOpenDays } from '@/features/open-days/testing/fixtures';
import { useCheckIn, type UseCheckIn } from '../hooks/useCheckIn';
import type { SessionRef } from '../hooks/useOpenDayDesk';
import { CheckInDesk } from './CheckInDesk';

function Harness({ initial = { id: openDayId, sessionId: 's1' } }: { initial?: SessionRef | null }) {
  const desk: UseCheckIn = useCheckIn(initial);
  return <CheckInDesk desk={desk} />;
}

const checkInUrl = `/api/v1/staff/open-days/${openDayId}/sessions/s1/check-ins`;

function server(checkIn: (req: SentRequest) => Reply) {
  return stubNetwork((req) => (req.url === checkInUrl ? checkIn(req) : { status: 200, body: staffOpenDays() }));
}

function type(testId: string, value: string) {
  act(() => {
    screen.getByTestId(testId).dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }));
  });
}

beforeEach(() => applySession(session({ user: { ...citizen, roles: ['citizen', 'events'] } })));
afterEach(() => {
  jest.restoreAllMocks();
  clearSession();
});

describe('现场签到', () => {
  it('when a manual code is typed, then it is sent upper-cased and 签到成功 shows with the masked name and party size; in H5 there is no scan button', async () => {
    const { sent } = server(() => ({ status: 200, body: checkInAnswer(false) }));
    render(<Harness />);
    await waitFor(() => expect(screen.getByTestId('check-in-session-label')).toHaveTextContent('走进自来水厂：从水源到龙头'));
    expect(screen.queryByTestId('check-in-scan')).not.toBeInTheDocument();
    type('check-in-code', 'k7q2 m1za');
    fireEvent.click(screen.getByTestId('check-in-submit'));
    const result = await screen.findByTestId('check-in-result');
    expect(result).toHaveAttribute('data-repeat', 'false');
    expect(result).toHaveTextContent('签到成功');
    expect(result).toHaveTextContent('张* · 共 2 人');
    expect(sent.find((r) => r.url === checkInUrl)).toMatchObject({ method: 'POST', data: { code: 'K7Q2M1ZA' } });
    await waitFor(() => expect(screen.getByTestId('check-in-code')).toHaveValue(''));
  });

  it('when the same party is checked in again, then 已签到过 shows, and the first stays listed below', async () => {
    let n = 0;
    server(() => ({ status: 200, body: checkInAnswer(++n > 1) }));
    render(<Harness />);
    await screen.findByTestId('check-in-desk');
    type('check-in-code', 'K7Q2M1ZA');
    fireEvent.click(screen.getByTestId('check-in-submit'));
    expect(await screen.findByTestId('check-in-result')).toHaveTextContent('签到成功');
    type('check-in-code', 'K7Q2M1ZA');
    fireEvent.click(screen.getByTestId('check-in-submit'));
    await waitFor(() => expect(screen.getByTestId('check-in-result')).toHaveAttribute('data-repeat', 'true'));
    expect(screen.getByTestId('check-in-result')).toHaveTextContent('已签到过');
    expect(within(screen.getByTestId('check-in-recent')).getByText('张* · 2 人')).toBeInTheDocument();
  });

  it('when the code has expired or belongs to another session, then the server’s words show', async () => {
    server(() => ({ status: 409, body: errorBody(ErrorCode.conflict, '签到码已过期，请让市民刷新签到码后重试') }));
    render(<Harness />);
    await screen.findByTestId('check-in-desk');
    type('check-in-code', 'K7Q2M1ZA');
    fireEvent.click(screen.getByTestId('check-in-submit'));
    expect(await screen.findByTestId('check-in-refused')).toHaveTextContent('签到码已过期，请让市民刷新签到码后重试');
    expect(screen.queryByTestId('check-in-result')).not.toBeInTheDocument();
  });

  it('when 签到 is tapped without a code, then it asks for one and sends nothing', async () => {
    const { sent } = server(() => ({ status: 200, body: checkInAnswer() }));
    render(<Harness />);
    await screen.findByTestId('check-in-desk');
    fireEvent.click(screen.getByTestId('check-in-submit'));
    expect(await screen.findByTestId('check-in-refused')).toHaveTextContent('请输入 8 位签到码');
    expect(sent.some((r) => r.url === checkInUrl)).toBe(false);
  });

  it('when no session is given, then the sessions to choose from are listed and choosing one opens the desk', async () => {
    server(() => ({ status: 200, body: checkInAnswer() }));
    render(<Harness initial={null} />);
    const choose = await screen.findByTestId('check-in-choose');
    fireEvent.click(within(choose).getByTestId(`check-in-session-${openDayId}/s1`));
    expect(await screen.findByTestId('check-in-desk')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('check-in-change-session'));
    expect(await screen.findByTestId('check-in-choose')).toBeInTheDocument();
  });
});
