import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import {
  authMode,
  bindPhoneNumber,
  deviceSimName,
  getSessionState,
  messageOf,
  reloadCurrentUser,
  signInWithWechat,
  signOut,
  subscribeSession,
  type AuthMode,
  type SessionState,
} from '@/services';

export type SessionAction = 'login' | 'logout' | 'phone';

export interface UseSession {
  session: SessionState;
  mode: AuthMode;
  /** The stable simulated name of this device (H5 only). */
  defaultName: string;
  busy: SessionAction | null;
  error: string | null;
  login: (simName?: string) => Promise<void>;
  logout: () => Promise<void>;
  /** `code` from WeChat's getPhoneNumber; omitted in H5, where a simulated code is sent. */
  bindPhone: (code?: string, simName?: string) => Promise<void>;
  /** Re-reads the user from the server; failures stay silent (the session store handles 401s). */
  reloadUser: () => void;
  showError: (message: string | null) => void;
}

/** The signed-in person and the account actions, with their progress and Chinese errors. */
export function useSession(): UseSession {
  const session = useSyncExternalStore(subscribeSession, getSessionState, getSessionState);
  const mode = useMemo(authMode, []);
  const defaultName = useMemo(() => (mode === 'simulated' ? deviceSimName() : ''), [mode]);
  const [busy, setBusy] = useState<SessionAction | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(async (action: SessionAction, work: () => Promise<unknown>) => {
    setBusy(action);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  }, []);

  const login = useCallback((simName?: string) => run('login', () => signInWithWechat(simName)), [run]);
  const logout = useCallback(() => run('logout', signOut), [run]);
  const bindPhone = useCallback((code?: string, simName?: string) => run('phone', () => bindPhoneNumber(code, simName)), [run]);
  const reloadUser = useCallback(() => {
    if (getSessionState().status === 'authenticated') reloadCurrentUser().catch(() => undefined);
  }, []);

  return { session, mode, defaultName, busy, error, login, logout, bindPhone, reloadUser, showError: setError };
}
