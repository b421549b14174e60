import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import {
  authMode,
  bindPhoneNumber,
  deleteAccount,
  deviceSimName,
  getSessionState,
  messageOf,
  reloadCurrentUser,
  saveNickname,
  signInWithWechat,
  signOut,
  subscribeSession,
  type AuthMode,
  type SessionState,
} from '@/services';

export type SessionAction = 'login' | 'logout' | 'phone' | 'nickname' | 'delete';

export interface UseSession {
  session: SessionState;
  mode: AuthMode;
  /** The simulated name this device last signed in with (H5 only). */
  defaultName: string;
  busy: SessionAction | null;
  error: string | null;
  /** Signs in; resolves whether it worked (the error is in `error`). */
  login: (simName?: string) => Promise<boolean>;
  logout: () => Promise<void>;
  /** `code` from WeChat's getPhoneNumber; omitted in H5, where a simulated code is sent. */
  bindPhone: (code?: string, simName?: string) => Promise<void>;
  /** Saves the nickname; resolves whether it was saved (the error is in `error`). */
  saveNickname: (nickname: string) => Promise<boolean>;
  /** Deletes the account and signs out; resolves whether it was deleted. */
  deleteAccount: () => Promise<boolean>;
  /** Re-reads the user from the server; failures stay silent (the session store handles 401s). */
  reloadUser: () => void;
  showError: (message: string | null) => void;
}

/** The signed-in person and the account actions, with their progress and Chinese errors. */
export function useSession(): UseSession {
  const session = useSyncExternalStore(subscribeSession, getSessionState, getSessionState);
  const mode = useMemo(authMode, []);
  // Read again on every sign-out: the name last signed in with is the one to offer.
  const defaultName = useMemo(() => (mode === 'simulated' ? deviceSimName() : ''), [mode, session.status]);
  const [busy, setBusy] = useState<SessionAction | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(async (action: SessionAction, work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(action);
    setError(null);
    try {
      await work();
      return true;
    } catch (e) {
      setError(messageOf(e));
      return false;
    } finally {
      setBusy(null);
    }
  }, []);

  const login = useCallback((simName?: string) => run('login', () => signInWithWechat(simName)), [run]);
  const logout = useCallback(async () => {
    await run('logout', signOut);
  }, [run]);
  const bindPhone = useCallback(async (code?: string, simName?: string) => {
    await run('phone', () => bindPhoneNumber(code, simName));
  }, [run]);
  const saveNick = useCallback((nickname: string) => run('nickname', () => saveNickname(nickname)), [run]);
  const deleteMine = useCallback(() => run('delete', deleteAccount), [run]);
  const reloadUser = useCallback(() => {
    if (getSessionState().status === 'authenticated') reloadCurrentUser().catch(() => undefined);
  }, []);

  return { session, mode, defaultName, busy, error, login, logout, bindPhone, saveNickname: saveNick, deleteAccount: deleteMine, reloadUser, showError: setError };
}
