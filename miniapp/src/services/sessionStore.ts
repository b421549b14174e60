import type { Session, User } from '@zwgk/contracts';
import { clearStoredSession, readStoredSession, writeStoredSession, writeStoredUser } from './storage';

/** What the UI knows about the signed-in person. Tokens never leave the services layer. */
export type SessionState = { status: 'anonymous'; user: null } | { status: 'authenticated'; user: User };

const anonymous: SessionState = { status: 'anonymous', user: null };

let state: SessionState = anonymous;
let tokens: { accessToken: string; refreshToken: string } | null = null;
let restored = false;
const listeners = new Set<() => void>();

function emit(next: SessionState) {
  state = next;
  listeners.forEach((listener) => listener());
}

/** Loads tokens kept on the device; safe to call more than once. */
export function restoreSession(): void {
  if (restored) return;
  restored = true;
  const stored = readStoredSession();
  if (stored) {
    tokens = { accessToken: stored.accessToken, refreshToken: stored.refreshToken };
    state = { status: 'authenticated', user: stored.user };
  }
}

export function getSessionState(): SessionState {
  restoreSession();
  return state;
}

/** Subscribe to session changes (login, refresh, logout); returns the unsubscribe function. */
export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function currentAccessToken(): string | null {
  restoreSession();
  return tokens?.accessToken ?? null;
}

export function currentRefreshToken(): string | null {
  restoreSession();
  return tokens?.refreshToken ?? null;
}

/** Keeps a new session (login or refresh) in memory and on the device. */
export function applySession(session: Session): void {
  restored = true;
  writeStoredSession(session);
  tokens = { accessToken: session.accessToken, refreshToken: session.refreshToken };
  emit({ status: 'authenticated', user: session.user });
}

export function applyUser(user: User): void {
  if (!tokens) return;
  writeStoredUser(user);
  emit({ status: 'authenticated', user });
}

/** Forgets tokens and user, in memory and on the device. */
export function clearSession(): void {
  restored = true;
  clearStoredSession();
  tokens = null;
  if (state.status !== 'anonymous') emit(anonymous);
}
