import Taro from '@tarojs/taro';
import { Session, User } from '@zwgk/contracts';
import { z } from 'zod';
import { readStored, removeStored } from './deviceStorage';

const KEY = 'zwgk.session';

/** What is kept on the device between launches. */
export const StoredSession = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** epoch ms when the access token expires (informational; the server decides). */
  expiresAt: z.number(),
  user: User,
});
export type StoredSession = z.infer<typeof StoredSession>;

export function readStoredSession(): StoredSession | null {
  const parsed = StoredSession.safeParse(readStored(KEY));
  return parsed.success ? parsed.data : null;
}

export function writeStoredSession(session: Session): StoredSession {
  const stored: StoredSession = {
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    expiresAt: Date.now() + session.expiresIn * 1000,
    user: session.user,
  };
  // Unlike drafts, a session that cannot be kept is an error the sign-in reports.
  Taro.setStorageSync(KEY, JSON.stringify(stored));
  return stored;
}

export function writeStoredUser(user: User): void {
  const current = readStoredSession();
  if (!current) return;
  Taro.setStorageSync(KEY, JSON.stringify({ ...current, user }));
}

export function clearStoredSession(): void {
  removeStored(KEY);
}
