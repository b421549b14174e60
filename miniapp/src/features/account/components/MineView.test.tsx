import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ErrorCode } from '@zwgk/contracts';
import { MineView, useSession } from '@/features/account';
import { useUnreadCount } from '@/features/notifications';
import { setUnreadCount } from '@/services';
import { applySession, clearSession } from '@/services/sessionStore';
import { errorBody, stubNetwork } from '../../../../test/network';
import { citizen, session } from '../../../../test/fixtures';

function MineHarness() {
  return <MineView {...useSession()} unread={useUnreadCount()} />;
}

function typeInto(host: HTMLElement, value: string) {
  act(() => {
    host.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }));
  });
}

beforeEach(() => {
  clearSession();
  Taro.removeStorageSync('zwgk.simName');
});
afterEach(() => jest.restoreAllMocks());

describe('我的 when signed out', () => {
  it('offers the simulated WeChat login with a stable per-device name and signs in with sim-<name>', async () => {
    const { sent } = stubNetwork(() => ({ status: 200, body: session() }));
    render(<MineHarness />);

    const card = screen.getByTestId('login-card');
    expect(within(card).getByText('模拟微信登录')).toBeInTheDocument();
    const defaultName = Taro.getStorageSync('zwgk.simName');
    expect(defaultName).toMatch(/^citizen-[a-z0-9]+$/);

    typeInto(screen.getByTestId('login-name'), 'alice_01');
    fireEvent.click(screen.getByTestId('login-submit'));

    expect(await screen.findByTestId('user-card')).toBeInTheDocument();
    expect(sent[0]).toMatchObject({ url: '/api/v1/auth/wechat-login', method: 'POST', data: { code: 'sim-alice_01' } });
    expect(JSON.parse(Taro.getStorageSync('zwgk.session')).accessToken).toBe('access-1');
  });

  it('refuses a name with characters outside [A-Za-z0-9_-] before calling the server', async () => {
    const { sent } = stubNetwork(() => ({ status: 200, body: session() }));
    render(<MineHarness />);
    typeInto(screen.getByTestId('login-name'), '张三');
    expect(screen.getByText('名称只能包含英文字母、数字、下划线和短横线')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('login-submit'));
    expect(sent).toHaveLength(0);
    expect(screen.getByTestId('login-card')).toBeInTheDocument();
  });

  it('shows the server’s Chinese message when login fails', async () => {
    stubNetwork(() => ({ status: 401, body: errorBody(ErrorCode.loginFailed, '微信登录失败，请重新进入小程序后再试') }));
    render(<MineHarness />);
    fireEvent.click(screen.getByTestId('login-submit'));
    expect(await screen.findByText('微信登录失败，请重新进入小程序后再试')).toBeInTheDocument();
    expect(screen.getByTestId('login-card')).toBeInTheDocument();
  });
});

describe('我的 when signed in', () => {
  function signIn(user = citizen) {
    applySession(session({ user }));
  }

  it('when no nickname is set, then it shows no internal id, the default avatar and asks for a nickname', () => {
    signIn();
    stubNetwork(() => ({ status: 200, body: { user: citizen } }));
    render(<MineHarness />);
    const card = screen.getByTestId('user-card');
    expect(card).not.toHaveTextContent(/u_5f1c|用户 /);
    expect(screen.getByTestId('user-name')).toHaveTextContent('未设置昵称');
    expect(screen.getByTestId('user-avatar')).toHaveTextContent('民');
    expect(within(card).getByText('市民')).toBeInTheDocument();
    expect(within(card).getByText('未绑定手机号')).toBeInTheDocument();
    expect(screen.getByTestId('nickname-editor')).toBeInTheDocument();
  });

  it('when a nickname is set, then it is saved with PUT /me/profile and shown with its first character as the avatar and the masked phone', async () => {
    signIn({ ...citizen, phoneMasked: '138****5678' });
    const { sent } = stubNetwork((req) => ({ status: 200, body: { user: { ...citizen, phoneMasked: '138****5678', nickname: (req.data as { nickname: string }).nickname } } }));
    render(<MineHarness />);
    typeInto(screen.getByTestId('input-nickname'), '  晓明 ');
    fireEvent.click(screen.getByTestId('nickname-save'));
    await waitFor(() => expect(screen.getByTestId('user-name')).toHaveTextContent('晓明'));
    expect(sent[0]).toMatchObject({ url: '/api/v1/me/profile', method: 'PUT', data: { nickname: '晓明' } });
    expect(screen.getByTestId('user-avatar')).toHaveTextContent('晓');
    expect(screen.getByTestId('user-phone')).toHaveTextContent('138****5678');
    expect(screen.queryByTestId('nickname-editor')).not.toBeInTheDocument();
    expect(JSON.parse(Taro.getStorageSync('zwgk.session')).user.nickname).toBe('晓明');
  });

  it('when the nickname breaks the rules, then the field says why in Chinese and nothing is sent', () => {
    signIn();
    const { sent } = stubNetwork(() => ({ status: 200, body: { user: citizen } }));
    render(<MineHarness />);
    typeInto(screen.getByTestId('input-nickname'), '一二三四五六七八九十一二三四五六七八九十一');
    fireEvent.click(screen.getByTestId('nickname-save'));
    expect(screen.getByTestId('error-nickname')).toHaveTextContent('昵称最多 20 个字');
    expect(sent).toHaveLength(0);
  });

  it('when the person holds staff roles, then their labels show with the masked phone, and 工作台 is offered', () => {
    signIn({ ...citizen, roles: ['citizen', 'hotline', 'moderator'], phoneMasked: '138****5678' });
    stubNetwork(() => ({ status: 200, body: { user: citizen } }));
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' });
    render(<MineHarness />);
    const card = screen.getByTestId('user-card');
    expect(within(card).getByText('热线工单')).toBeInTheDocument();
    expect(within(card).getByText('意见审核')).toBeInTheDocument();
    expect(screen.getByTestId('user-phone')).toHaveTextContent('138****5678');
    expect(screen.queryByTestId('bind-phone')).not.toBeInTheDocument();
    const entry = screen.getByTestId('open-workbench');
    expect(entry).toHaveTextContent('工作台意见审核、热线工单');
    fireEvent.click(entry);
    expect(navigate).toHaveBeenCalledWith({ url: '/features/workbench/pages/home/index' });
  });

  it('when the person is a citizen only, then there is no 工作台 entry', () => {
    signIn();
    stubNetwork(() => ({ status: 200, body: { user: citizen } }));
    render(<MineHarness />);
    expect(screen.queryByTestId('open-workbench')).not.toBeInTheDocument();
  });

  it('when messages are unread, then the 我的消息 entry says how many and opens the inbox', () => {
    signIn();
    stubNetwork(() => ({ status: 200, body: { unread: 2 } }));
    jest.spyOn(Taro, 'setTabBarBadge').mockResolvedValue({ errMsg: 'ok' });
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' });
    render(<MineHarness />);
    expect(screen.getByTestId('open-inbox')).toHaveTextContent('暂无未读');
    act(() => setUnreadCount(2));
    expect(screen.getByTestId('mine-unread')).toHaveTextContent('2 条未读');
    fireEvent.click(screen.getByTestId('open-inbox'));
    expect(navigate).toHaveBeenCalledWith({ url: '/features/notifications/pages/inbox/index' });
    act(() => setUnreadCount(0));
  });

  it('when signed in, then 我的意见 opens the citizen’s consultation comments', () => {
    signIn();
    stubNetwork(() => ({ status: 200, body: { unread: 0 } }));
    jest.spyOn(Taro, 'setTabBarBadge').mockResolvedValue({ errMsg: 'ok' });
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' });
    render(<MineHarness />);
    fireEvent.click(screen.getByTestId('open-my-comments'));
    expect(navigate).toHaveBeenCalledWith({ url: '/features/consultations/pages/mine/index' });
  });

  it('when signed in, then 我的报名 opens the citizen’s open-day registrations', async () => {
    signIn();
    stubNetwork(() => ({ status: 200, body: { unread: 0 } }));
    jest.spyOn(Taro, 'setTabBarBadge').mockResolvedValue({ errMsg: 'ok' });
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' });
    render(<MineHarness />);
    fireEvent.click(screen.getByTestId('open-my-registrations'));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith({ url: '/features/open-days/pages/mine/index' }));
  });

  it('when signed in, then 我的列席申请 opens the citizen’s meeting applications', () => {
    signIn();
    stubNetwork(() => ({ status: 200, body: { unread: 0 } }));
    jest.spyOn(Taro, 'setTabBarBadge').mockResolvedValue({ errMsg: 'ok' });
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' });
    render(<MineHarness />);
    fireEvent.click(screen.getByTestId('open-my-meeting-applications'));
    expect(navigate).toHaveBeenCalledWith({ url: '/features/meetings/pages/mine/index' });
  });

  it('binds a phone with the simulated code and shows the masked number', async () => {
    signIn();
    const { sent } = stubNetwork(() => ({ status: 200, body: { user: { ...citizen, phoneMasked: '139****0001' } } }));
    render(<MineHarness />);
    fireEvent.click(screen.getByTestId('bind-phone'));
    await waitFor(() => expect(screen.getByTestId('user-phone')).toHaveTextContent('139****0001'));
    const name = Taro.getStorageSync('zwgk.simName');
    expect(sent[0]).toMatchObject({ url: '/api/v1/auth/phone', data: { code: `sim-${name}` } });
    expect(sent[0].header.Authorization).toBe('Bearer access-1');
  });

  it('shows the server’s message when binding fails', async () => {
    signIn();
    stubNetwork(() => ({ status: 409, body: errorBody(ErrorCode.conflict, '该手机号已绑定其他账号') }));
    render(<MineHarness />);
    fireEvent.click(screen.getByTestId('bind-phone'));
    expect(await screen.findByTestId('mine-error')).toHaveTextContent('该手机号已绑定其他账号');
  });

  it('logs out: calls logout with the refresh token, forgets the tokens and shows the login card', async () => {
    signIn();
    const { sent } = stubNetwork(() => ({ status: 204 }));
    render(<MineHarness />);
    fireEvent.click(screen.getByTestId('logout'));
    expect(await screen.findByTestId('login-card')).toBeInTheDocument();
    expect(sent[0]).toMatchObject({ url: '/api/v1/auth/logout', data: { refreshToken: 'refresh-1' } });
    expect(sent[0].header.Authorization).toBe('Bearer access-1');
    expect(Taro.getStorageSync('zwgk.session')).toBeFalsy();
  });

  it('when a citizen logs out after signing in with a name of their own, then the login card offers that name again, so the same account comes back', async () => {
    Taro.setStorageSync('zwgk.simName', 'citizen-abc123');
    const { sent } = stubNetwork((req) => (req.url === '/api/v1/auth/logout' ? { status: 204 } : { status: 200, body: session() }));
    render(<MineHarness />);
    typeInto(screen.getByTestId('login-name'), 'alice_01');
    fireEvent.click(screen.getByTestId('login-submit'));
    await screen.findByTestId('user-card');
    fireEvent.click(screen.getByTestId('logout'));
    await screen.findByTestId('login-card');
    expect(screen.getByTestId('login-name')).toHaveAttribute('value', 'alice_01');
    fireEvent.click(screen.getByTestId('login-submit'));
    await screen.findByTestId('user-card');
    expect(sent.filter((r) => r.url === '/api/v1/auth/wechat-login').map((r) => r.data)).toEqual([{ code: 'sim-alice_01' }, { code: 'sim-alice_01' }]);
  });

  it('when 注销账号 is chosen, then a dialog says what is erased and kept, 确认注销 waits for the confirmation, and deleting signs out', async () => {
    signIn({ ...citizen, nickname: '晓明' });
    const { sent } = stubNetwork(() => ({ status: 204 }));
    render(<MineHarness />);
    fireEvent.click(screen.getByTestId('open-delete-account'));
    const dialog = screen.getByRole('dialog', { name: '注销账号' });
    expect(dialog).toHaveTextContent('将被删除');
    expect(dialog).toHaveTextContent('昵称、绑定的手机号');
    expect(dialog).toHaveTextContent('诉求中的联系人姓名、电话、诉求描述、地点和照片');
    expect(dialog).toHaveTextContent('匿名保留');
    expect(dialog).toHaveTextContent('不再与您关联');
    fireEvent.click(screen.getByTestId('delete-confirm'));
    expect(sent).toHaveLength(0);

    fireEvent.click(screen.getByTestId('toggle-delete-understood'));
    fireEvent.click(screen.getByTestId('delete-confirm'));
    expect(await screen.findByTestId('login-card')).toBeInTheDocument();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ url: '/api/v1/me', method: 'DELETE' });
    expect(sent[0].header.Authorization).toBe('Bearer access-1');
    expect(screen.getByTestId('mine-deleted')).toHaveTextContent('您的账号已注销');
    expect(Taro.getStorageSync('zwgk.session')).toBeFalsy();
  });

  it('when 取消 is chosen or the deletion fails, then the account stays signed in and a failure says why', async () => {
    signIn({ ...citizen, nickname: '晓明' });
    const { sent } = stubNetwork(() => 'network-down');
    render(<MineHarness />);
    fireEvent.click(screen.getByTestId('open-delete-account'));
    fireEvent.click(screen.getByTestId('delete-cancel'));
    expect(screen.queryByTestId('delete-account-dialog')).not.toBeInTheDocument();
    expect(sent).toHaveLength(0);

    fireEvent.click(screen.getByTestId('open-delete-account'));
    fireEvent.click(screen.getByTestId('toggle-delete-understood'));
    fireEvent.click(screen.getByTestId('delete-confirm'));
    expect(await screen.findByTestId('mine-error')).toHaveTextContent(/网络/);
    expect(screen.getByTestId('user-card')).toBeInTheDocument();
    expect(JSON.parse(Taro.getStorageSync('zwgk.session')).accessToken).toBe('access-1');
  });

  it('logs out locally even when the server cannot be reached', async () => {
    signIn();
    stubNetwork(() => 'network-down');
    render(<MineHarness />);
    fireEvent.click(screen.getByTestId('logout'));
    expect(await screen.findByTestId('login-card')).toBeInTheDocument();
    expect(Taro.getStorageSync('zwgk.session')).toBeFalsy();
  });
});
