import Taro from '@tarojs/taro';
import { ErrorCode } from '@zwgk/contracts';
import { stubNetwork, errorBody } from '../../test/network';
import { citizen, session } from '../../test/fixtures';
import { applySession, clearSession } from './sessionStore';
import { badgeText, getUnreadCount, refreshUnreadCount, setUnreadCount, subscribeUnread } from './unread';

let badge: jest.SpyInstance;
let unbadge: jest.SpyInstance;

beforeEach(() => {
  badge = jest.spyOn(Taro, 'setTabBarBadge').mockResolvedValue({ errMsg: 'ok' });
  unbadge = jest.spyOn(Taro, 'removeTabBarBadge').mockResolvedValue({ errMsg: 'ok' });
});
/** Signs in and lets the refresh that signing in starts settle. */
async function signIn() {
  applySession(session());
  await new Promise((r) => setTimeout(r, 0));
}

afterEach(() => {
  jest.restoreAllMocks();
  clearSession();
  setUnreadCount(0);
});

describe('the unread badge on 我的', () => {
  it('when signed in, then the count is read from the BFF and drawn on tab 4', async () => {
    const { sent } = stubNetwork(() => ({ status: 200, body: { unread: 3 } }));
    await signIn();
    await expect(refreshUnreadCount()).resolves.toBe(3);
    expect(sent[0]).toMatchObject({ url: '/api/v1/me/notifications/unread', method: 'GET' });
    expect(badge).toHaveBeenLastCalledWith({ index: 4, text: '3' });
    expect(getUnreadCount()).toBe(3);
  });

  it('when the count drops to 0, then the badge is removed, not drawn as 0', async () => {
    stubNetwork(() => ({ status: 200, body: { unread: 0 } }));
    await signIn();
    setUnreadCount(2);
    await refreshUnreadCount();
    expect(unbadge).toHaveBeenLastCalledWith({ index: 4 });
  });

  it('when several screens refresh at once, then one request is made', async () => {
    const { sent } = stubNetwork(() => ({ status: 200, body: { unread: 1 } }));
    await signIn();
    sent.length = 0;
    await Promise.all([refreshUnreadCount(), refreshUnreadCount(), refreshUnreadCount()]);
    expect(sent).toHaveLength(1);
  });

  it('when a read answers while an older refresh is in flight, then the older count does not win', async () => {
    let answer!: (n: number) => void;
    stubNetwork(() => new Promise((resolve) => (answer = (n) => resolve({ status: 200, body: { unread: n } }))));
    applySession(session());
    const refreshing = refreshUnreadCount();
    setUnreadCount(0); // e.g. 全部已读 answered
    answer(5);
    await refreshing;
    expect(getUnreadCount()).toBe(0);
  });

  it('when the count cannot be read, then the badge keeps what it showed', async () => {
    setUnreadCount(2);
    stubNetwork(() => ({ status: 503, body: errorBody(ErrorCode.upstreamUnavailable, '服务繁忙') }));
    await signIn();
    await expect(refreshUnreadCount()).resolves.toBeNull();
    expect(getUnreadCount()).toBe(2);
  });

  it('when signed out, then nothing is asked and the badge is cleared; signing out later clears it too', async () => {
    const { sent } = stubNetwork(() => ({ status: 200, body: { unread: 4 } }));
    await expect(refreshUnreadCount()).resolves.toBe(0);
    expect(sent).toHaveLength(0);

    applySession(session({ user: { ...citizen, id: 'u_other' } }));
    await new Promise((r) => setTimeout(r, 0));
    expect(getUnreadCount()).toBe(4);
    const heard = jest.fn();
    const stop = subscribeUnread(heard);
    clearSession();
    expect(getUnreadCount()).toBe(0);
    expect(heard).toHaveBeenCalled();
    expect(unbadge).toHaveBeenLastCalledWith({ index: 4 });
    stop();
  });

  it('shows at most 99+ (WeChat draws four characters)', () => {
    expect(badgeText(7)).toBe('7');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
  });
});
