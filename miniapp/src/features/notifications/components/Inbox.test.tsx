import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorCode } from '@zwgk/contracts';
import { useSession } from '@/features/account';
import { applySession, clearSession } from '@/services/sessionStore';
import { getUnreadCount, setUnreadCount } from '@/services';
import { errorBody, stubNetwork, type SentRequest } from '../../../../test/network';
import { session } from '../../../../test/fixtures';
import { useInbox } from '../hooks/useInbox';
import { notification, notificationPage } from '../testing/fixtures';
import { InboxList } from './InboxList';
import { InboxSignedOut } from './InboxSignedOut';

function ListHarness({ pageSize = 2 }: { pageSize?: number }) {
  return <InboxList inbox={useInbox(pageSize)} />;
}

/** What the inbox page does: the login in place when signed out, the list once signed in. */
function PageHarness() {
  const account = useSession();
  return account.session.status === 'authenticated' ? <ListHarness /> : <InboxSignedOut account={account} />;
}

/** A BFF that keeps the messages and applies reads, like the real one. */
function inboxServer(all = [notification(1), notification(2, { readAt: '2026-12-01T08:00:00.000Z' }), notification(3)]) {
  const items = all.map((n) => ({ ...n }));
  const unread = () => items.filter((n) => !n.readAt).length;
  return stubNetwork((req: SentRequest) => {
    if (req.url === '/api/v1/me/notifications' && req.method === 'GET') {
      const { page, pageSize } = req.data as { page: number; pageSize: number };
      return { status: 200, body: notificationPage(items, page, pageSize) };
    }
    if (req.url === '/api/v1/me/notifications/read') {
      const body = req.data as { ids?: string[]; all?: true };
      for (const n of items) if (body.all || body.ids?.includes(n.id)) n.readAt = '2026-12-01T12:00:00.000Z';
      return { status: 200, body: { unread: unread() } };
    }
    if (req.url === '/api/v1/me/notifications/unread') return { status: 200, body: { unread: unread() } };
    return { status: 404, body: errorBody(ErrorCode.notFound, '没有找到') };
  });
}

let badge: jest.SpyInstance;
let unbadge: jest.SpyInstance;
let navigate: jest.SpyInstance;
let switchTab: jest.SpyInstance;

beforeEach(() => {
  applySession(session());
  setUnreadCount(0);
  badge = jest.spyOn(Taro, 'setTabBarBadge').mockResolvedValue({ errMsg: 'ok' });
  unbadge = jest.spyOn(Taro, 'removeTabBarBadge').mockResolvedValue({ errMsg: 'ok' });
  navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' });
  switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' });
});
afterEach(() => {
  jest.restoreAllMocks();
  clearSession();
});

describe('我的消息', () => {
  it('when messages load, then they show newest first with unread ones marked 未读 in text, and the 我的 tab shows the count', async () => {
    const { sent } = inboxServer();
    render(<ListHarness />);
    const rows = await screen.findAllByTestId('inbox-row');
    expect(rows).toHaveLength(2);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('我的消息');
    expect(screen.getByTestId('inbox-summary')).toHaveTextContent('共 3 条，2 条未读');
    expect(within(rows[0]).getByText('未读')).toBeInTheDocument();
    expect(within(rows[1]).queryByText('未读')).not.toBeInTheDocument();
    expect(rows[0]).toHaveAttribute('data-read', 'false');
    expect(badge).toHaveBeenLastCalledWith({ index: 4, text: '2' });
    expect(sent[0]).toMatchObject({ url: '/api/v1/me/notifications', method: 'GET', data: { page: 1, pageSize: 2 } });
    expect(sent[0].header.Authorization).toBe('Bearer access-1');
  });

  it('when an unread message is tapped, then its page opens, it shows read at once and the server is told', async () => {
    const { sent } = inboxServer();
    render(<ListHarness />);
    const [first] = await screen.findAllByTestId('inbox-row');
    fireEvent.click(first);

    expect(navigate).toHaveBeenCalledWith({ url: notification(1).link });
    expect(within(first).queryByText('未读')).not.toBeInTheDocument();
    await waitFor(() => expect(sent.some((r) => r.url === '/api/v1/me/notifications/read')).toBe(true));
    expect(sent.find((r) => r.url === '/api/v1/me/notifications/read')!.data).toEqual({ ids: [notification(1).id] });
    await waitFor(() => expect(screen.getByTestId('inbox-summary')).toHaveTextContent('1 条未读'));
    expect(badge).toHaveBeenLastCalledWith({ index: 4, text: '1' });
  });

  it('when a message links to a tab page, then it switches to that tab instead of navigating', async () => {
    inboxServer([notification(1, { link: '/pages/hotline/index' })]);
    render(<ListHarness />);
    fireEvent.click(await screen.findByTestId('inbox-row'));
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/hotline/index' });
    expect(navigate).not.toHaveBeenCalled();
  });

  it('when a read message is tapped, then its page opens and nothing is sent', async () => {
    const { sent } = inboxServer();
    render(<ListHarness />);
    const rows = await screen.findAllByTestId('inbox-row');
    fireEvent.click(rows[1]);
    expect(navigate).toHaveBeenCalledWith({ url: notification(2).link });
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('when 全部已读 is tapped, then every message shows read, the badge goes and so does the button', async () => {
    const { sent } = inboxServer();
    render(<ListHarness />);
    await screen.findAllByTestId('inbox-row');
    fireEvent.click(screen.getByTestId('inbox-read-all'));
    await waitFor(() => expect(screen.queryAllByTestId('inbox-unread')).toHaveLength(0));
    expect(sent.find((r) => r.method === 'POST')!.data).toEqual({ all: true });
    expect(screen.getByTestId('inbox-summary')).toHaveTextContent('共 3 条，全部已读');
    expect(unbadge).toHaveBeenCalledWith({ index: 4 });
    expect(getUnreadCount()).toBe(0);
    expect(screen.queryByTestId('inbox-read-all')).not.toBeInTheDocument();
  });

  it('when 全部已读 fails, then the server’s message shows and the messages stay unread', async () => {
    stubNetwork((req) =>
      req.method === 'POST'
        ? { status: 429, body: errorBody(ErrorCode.rateLimited, '操作太频繁，请稍后再试') }
        : { status: 200, body: notificationPage([notification(1), notification(2)], 1, 2) },
    );
    render(<ListHarness />);
    await screen.findAllByTestId('inbox-row');
    fireEvent.click(screen.getByTestId('inbox-read-all'));
    expect(await screen.findByTestId('inbox-action-error')).toHaveTextContent('操作太频繁，请稍后再试');
    expect(screen.getAllByTestId('inbox-unread')).toHaveLength(2);
  });

  it('when there are more messages than a page, then 加载更多 appends the next page and the end says so', async () => {
    const { sent } = inboxServer();
    render(<ListHarness />);
    await screen.findAllByTestId('inbox-row');
    fireEvent.click(screen.getByTestId('inbox-more'));
    await waitFor(() => expect(screen.getAllByTestId('inbox-row')).toHaveLength(3));
    expect(screen.getByText('没有更多了')).toBeInTheDocument();
    expect(sent.map((r) => r.data)).toEqual([
      { page: 1, pageSize: 2 },
      { page: 2, pageSize: 2 },
    ]);
  });

  it('when there are no messages, then it says 暂无消息 and the badge is removed', async () => {
    setUnreadCount(3);
    inboxServer([]);
    render(<ListHarness />);
    expect(await screen.findByTestId('inbox-empty')).toHaveTextContent('暂无消息');
    expect(unbadge).toHaveBeenLastCalledWith({ index: 4 });
  });

  it('when loading fails, then the error shows with 重试, which loads again', async () => {
    let calls = 0;
    stubNetwork(() => {
      calls += 1;
      return calls === 1 ? { status: 503, body: errorBody(ErrorCode.upstreamUnavailable, '服务繁忙，请稍后再试') } : { status: 200, body: notificationPage([notification(1)], 1, 2) };
    });
    render(<ListHarness />);
    expect(await screen.findByTestId('inbox-error')).toHaveTextContent('服务繁忙，请稍后再试');
    fireEvent.click(screen.getByTestId('inbox-error-action'));
    expect(await screen.findByTestId('inbox-row')).toBeInTheDocument();
  });

  it('when signed out, then the login is offered in place and signing in shows the messages', async () => {
    clearSession();
    const { sent } = stubNetwork((req) => (req.url === '/api/v1/auth/wechat-login' ? { status: 200, body: session() } : { status: 200, body: notificationPage([notification(1)], 1, 2) }));
    render(<PageHarness />);
    expect(screen.getByTestId('inbox')).toHaveAttribute('data-state', 'signed-out');
    expect(screen.getByText('登录后查看我的消息')).toBeInTheDocument();
    expect(sent).toHaveLength(0);

    act(() => {
      screen.getByTestId('login-name').dispatchEvent(new CustomEvent('input', { detail: { value: 'alice' }, bubbles: true }));
    });
    fireEvent.click(screen.getByTestId('login-submit'));
    expect(await screen.findByTestId('inbox-row')).toBeInTheDocument();
    expect(sent[0]).toMatchObject({ url: '/api/v1/auth/wechat-login', data: { code: 'sim-alice' } });
  });
});
