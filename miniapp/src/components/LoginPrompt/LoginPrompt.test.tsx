import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { MineView, useSession } from '@/features/account';
import { useUnreadCount } from '@/features/notifications';
import { clearSession } from '@/services/sessionStore';
import { RETURN_TTL_MS } from '@/services/loginReturn';
import { stubNetwork } from '../../../test/network';
import { session } from '../../../test/fixtures';
import { LoginPrompt } from '.';

const TICKET = '/features/hotline/pages/ticket/index';

/** The page the router says is shown (the H5 router adds `stamp` of its own). */
function onPage(path: string, params: Record<string, string>) {
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { path, params } } as never);
}

function MineHarness() {
  return <MineView {...useSession()} unread={useUnreadCount()} />;
}

beforeEach(() => {
  clearSession();
  Taro.removeStorageSync('zwgk.loginReturn');
});
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('LoginPrompt', () => {
  it('when a page asks for a login, then 去登录 opens 我的, and logging in there returns to that page with its parameters', async () => {
    onPage(TICKET, { no: 'RX-20261201-7KQ2MZ', stamp: '2' });
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' } as never);
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never);
    const { unmount } = render(<LoginPrompt testId='ticket-login' title='登录后查看诉求办理进度' />);
    expect(screen.getByTestId('ticket-login')).toHaveTextContent('登录后查看诉求办理进度');
    fireEvent.click(screen.getByTestId('ticket-login-action'));
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' });
    unmount();

    stubNetwork(() => ({ status: 200, body: session() }));
    render(<MineHarness />);
    fireEvent.click(screen.getByTestId('login-submit'));
    expect(await screen.findByTestId('user-card')).toBeInTheDocument();
    await act(async () => undefined);
    expect(navigateTo).toHaveBeenCalledWith({ url: `${TICKET}?no=RX-20261201-7KQ2MZ` });
  });

  it('when the page that asked is a tab, then the login returns to it with switchTab', async () => {
    onPage('/pages/hotline/index', {});
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' } as never);
    render(<LoginPrompt testId='hotline-login' />);
    fireEvent.click(screen.getByTestId('hotline-login-action'));
    stubNetwork(() => ({ status: 200, body: session() }));
    render(<MineHarness />);
    fireEvent.click(screen.getByTestId('login-submit'));
    await screen.findByTestId('user-card');
    await act(async () => undefined);
    expect(switchTab).toHaveBeenLastCalledWith({ url: '/pages/hotline/index' });
  });

  it('when the request to return is older than RETURN_TTL_MS or the login starts at 我的 itself, then the citizen stays on 我的', async () => {
    onPage(TICKET, { no: 'RX-1' });
    jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'ok' } as never);
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never);
    render(<LoginPrompt testId='old' />);
    fireEvent.click(screen.getByTestId('old-action'));
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + RETURN_TTL_MS + 1);
    stubNetwork(() => ({ status: 200, body: session() }));
    render(<MineHarness />);
    fireEvent.click(screen.getByTestId('login-submit'));
    await screen.findByTestId('user-card');
    await act(async () => undefined);
    expect(navigateTo).not.toHaveBeenCalled();
    expect(Taro.getStorageSync('zwgk.loginReturn')).toBeFalsy();
  });
});
