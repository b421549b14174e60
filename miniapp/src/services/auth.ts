import { api, ErrorCode, type User } from '@zwgk/contracts';
import { call } from './client';
import { ApiError } from './errors';
import { authMode, isValidSimName, obtainLoginCode, rememberSimName, simulatedPhoneCode } from './platform';
import { applySession, applyUser, clearSession, currentRefreshToken } from './sessionStore';

/**
 * Signs in through WeChat (a `sim-<name>` code in H5) and keeps the session.
 * Throws ApiError: `login_failed` when WeChat gives no code or the server refuses it,
 * `validation_failed` for a bad simulated name, `network_error`, `rate_limited`.
 */
export async function signInWithWechat(simName?: string): Promise<User> {
  if (authMode() === 'simulated' && simName !== undefined && !isValidSimName(simName)) throw invalidName();
  let code: string;
  try {
    code = await obtainLoginCode(simName);
  } catch {
    throw new ApiError({ code: ErrorCode.loginFailed, status: 0, message: '微信登录失败，请重试' });
  }
  const session = await call(api.wechatLogin, { body: { code } });
  applySession(session);
  if (simName !== undefined) rememberSimName(simName);
  return session.user;
}

/**
 * Ends the session on the server when it can and always forgets it on the device,
 * so a citizen can sign out even without a network.
 */
export async function signOut(): Promise<void> {
  const refreshToken = currentRefreshToken();
  try {
    if (refreshToken) await call(api.logout, { body: { refreshToken } });
  } catch {
    // The server-side session expires on its own; the local sign-out must not fail.
  } finally {
    clearSession();
  }
}

/**
 * Binds a phone number with the code of WeChat's getPhoneNumber button, or, in H5,
 * with a simulated code. Throws ApiError (`unauthenticated`, `login_failed`, `validation_failed`, ...).
 */
export async function bindPhoneNumber(code?: string, simName?: string): Promise<User> {
  if (!code && simName !== undefined && !isValidSimName(simName)) throw invalidName();
  const phoneCode = code || simulatedPhoneCode(simName);
  const { user } = await call(api.bindPhone, { body: { code: phoneCode } });
  applyUser(user);
  return user;
}

/**
 * Sets the signed-in citizen's nickname (WeChat's nickname input, or typed in H5).
 * Throws ApiError (`validation_failed` with the server's Chinese message, `unauthenticated`, ...).
 */
export async function saveNickname(nickname: string): Promise<User> {
  const { user } = await call(api.updateProfile, { body: { nickname } });
  applyUser(user);
  return user;
}

/**
 * Deletes the signed-in citizen's account on the server, then forgets the session on the
 * device. Unlike signOut, a failure is thrown and the session kept: the citizen must know
 * whether their data is gone. Throws ApiError (`network_error`, `upstream_unavailable`, ...).
 */
export async function deleteAccount(): Promise<void> {
  await call(api.deleteAccount);
  clearSession();
}

/** Reloads the signed-in user from the server (e.g. after the role changed). */
export async function reloadCurrentUser(): Promise<User> {
  const { user } = await call(api.me);
  applyUser(user);
  return user;
}

function invalidName(): ApiError {
  return new ApiError({ code: ErrorCode.validation, status: 0, message: '名称只能包含英文字母、数字、下划线和短横线（最多40个字符）' });
}
