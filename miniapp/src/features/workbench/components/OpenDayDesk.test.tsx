import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorCode } from '@zwgk/contracts';
import { applySession, clearSession } from '@/services/sessionStore';
import { errorBody, stubNetwork } from '../../../../test/network';
import { citizen, session } from '../../../../test/fixtures';
import { openDayId, staffOpenDays, staffRegistration, staffRegistrations } from '@/features/open-days/testing/fixtures';
import { useOpenDayDesk } from '../hooks/useOpenDayDesk';
import { OpenDayDesk } from './OpenDayDesk';

function Harness() {
  return <OpenDayDesk desk={useOpenDayDesk()} />;
}

const listUrl = `/api/v1/staff/open-days/${openDayId}/sessions/s1/registrations`;

beforeEach(() => applySession(session({ user: { ...citizen, roles: ['citizen', 'events'] } })));
afterEach(() => {
  jest.restoreAllMocks();
  clearSession();
});

describe('开放日报名 (staff)', () => {
  it('when it loads, then each session shows confirmed, offered, attended, no-shows and waitlist counts', async () => {
    const { sent } = stubNetwork(() => ({ status: 200, body: staffOpenDays() }));
    render(<Harness />);
    const [s1, s2] = await screen.findAllByTestId('od-desk-session');
    expect(sent[0].url).toBe('/api/v1/staff/open-days');
    const counts = within(s1).getByTestId('od-desk-counts');
    expect(counts).toHaveTextContent('8已报名');
    expect(counts).toHaveTextContent('1待确认递补');
    expect(counts).toHaveTextContent('2已签到');
    expect(counts).toHaveTextContent('0未到场');
    expect(within(s2).getByTestId('od-desk-counts')).toHaveTextContent('3候补');
    expect(s1).toHaveTextContent('余位 12/30');
  });

  it('when a session’s list is opened and filtered, then the masked registrations show and the status goes in the query', async () => {
    const { sent } = stubNetwork((req) => {
      if (req.url === listUrl) {
        const status = (req.data as Record<string, unknown>)?.status;
        return { status: 200, body: status === 'waitlisted' ? staffRegistrations([staffRegistration({ status: 'waitlisted', statusLabel: '候补中', position: 1 })]) : staffRegistrations() };
      }
      return { status: 200, body: staffOpenDays() };
    });
    render(<Harness />);
    const [s1] = await screen.findAllByTestId('od-desk-session');
    fireEvent.click(within(s1).getByTestId('od-desk-list'));
    const [row] = await screen.findAllByTestId('od-desk-registration');
    expect(row).toHaveTextContent('张* · 1101**********002X · 138****5678 · 共 2 人');
    expect(row).toHaveTextContent('同行人 李* · 1101**********1234');
    fireEvent.click(screen.getByTestId('od-desk-status-waitlisted'));
    await waitFor(() => expect(screen.getByTestId('od-desk-registration')).toHaveAttribute('data-status', 'waitlisted'));
    expect(screen.getByTestId('od-desk-registration')).toHaveTextContent('候补第 1 位');
    expect(sent.filter((r) => r.url === listUrl).map((r) => (r.data as Record<string, unknown>).status)).toEqual([undefined, 'waitlisted']);
  });

  it('when 导出 CSV is tapped in H5, then the session’s list is fetched as a file with the token', async () => {
    stubNetwork((req) => ({ status: 200, body: req.url === listUrl ? staffRegistrations() : staffOpenDays() }));
    const fetchMock = jest.fn().mockResolvedValue(new Response('\uFEFF姓名\n', { status: 200, headers: { 'Content-Type': 'text/csv; charset=utf-8' } }));
    Object.assign(globalThis, { fetch: fetchMock });
    URL.createObjectURL = jest.fn(() => 'blob:csv');
    URL.revokeObjectURL = jest.fn();
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toMatch(new RegExp(`^开放日名单-${openDayId}-s1-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    });
    render(<Harness />);
    const [s1] = await screen.findAllByTestId('od-desk-session');
    fireEvent.click(within(s1).getByTestId('od-desk-list'));
    fireEvent.click(await screen.findByTestId('od-desk-export'));
    expect(await screen.findByTestId('od-desk-export-result')).toHaveTextContent('已导出 CSV 文件');
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe(`${listUrl}.csv`);
    expect(init.headers).toEqual({ Authorization: 'Bearer access-1' });
  });

  it('when 签到 is tapped on a session, then the check-in page opens for it', async () => {
    stubNetwork(() => ({ status: 200, body: staffOpenDays() }));
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    render(<Harness />);
    const [s1] = await screen.findAllByTestId('od-desk-session');
    fireEvent.click(within(s1).getByTestId('od-desk-session-check-in'));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith({ url: `/features/workbench/pages/check-in/index?id=${openDayId}&session=s1` }));
  });

  it('when the person lacks the events role, then the refusal replaces the page', async () => {
    stubNetwork(() => ({ status: 403, body: errorBody(ErrorCode.roleRequired, '此功能需要“活动管理”权限，请联系管理员开通') }));
    render(<Harness />);
    expect(await screen.findByTestId('od-desk-forbidden')).toHaveTextContent('此功能需要“活动管理”权限');
  });

  it('when loading fails, then 重试 shows', async () => {
    stubNetwork(() => 'network-down');
    render(<Harness />);
    expect(await screen.findByTestId('od-desk-error-action')).toHaveTextContent('重试');
  });

  it('when there are no open days, then the empty state says so', async () => {
    stubNetwork(() => ({ status: 200, body: { status: 'ok', items: [] } }));
    render(<Harness />);
    expect(await screen.findByTestId('od-desk-empty')).toHaveTextContent('暂无开放日');
  });
});
