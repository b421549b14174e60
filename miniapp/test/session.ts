import type { Session } from '@zwgk/contracts';
import { applySession, clearSession } from '@/services/sessionStore';
import { session } from './fixtures';

/**
 * For a describe block: every test starts signed in (as `overrides` says, a citizen by default)
 * with an empty device storage, and ends signed out with jest's mocks restored.
 */
export function signedInForEachTest(overrides: Partial<Session> = {}): void {
  beforeEach(() => {
    localStorage.clear();
    applySession(session(overrides));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    clearSession();
  });
}
