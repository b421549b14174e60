import Taro from '@tarojs/taro';
import { api } from '@zwgk/contracts';
import { call } from './client';
import { getSessionState, subscribeSession } from './sessionStore';

/** Position of 我的 in the tab bar (app.config.ts). */
export const MINE_TAB_INDEX = 4;

let count = 0;
/** Bumped by every answer that sets the count, so an older refresh cannot overwrite a newer read. */
let version = 0;
let inFlight: Promise<number | null> | null = null;
let watchedUser: string | null | undefined;
const listeners = new Set<() => void>();

/** The citizen's unread message count as last known on this device (0 when signed out). */
export function getUnreadCount(): number {
  watchSession();
  return count;
}

/** Subscribe to changes of the unread count; returns the unsubscribe function. */
export function subscribeUnread(listener: () => void): () => void {
  watchSession();
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * Keeps a count the server answered (the inbox page, a read) and shows it on the 我的 tab.
 * Counts from a refresh started before this call are then dropped.
 */
export function setUnreadCount(next: number): void {
  version += 1;
  apply(next);
}

/**
 * Re-reads the unread count from the BFF and shows it on the 我的 tab; signed out, clears it.
 * Concurrent callers share one request. Resolves to the count, or null when it could not be
 * read (the badge then keeps what it showed: a failed count is not a reason to hide it).
 */
export function refreshUnreadCount(): Promise<number | null> {
  watchSession();
  if (getSessionState().status !== 'authenticated') {
    setUnreadCount(0);
    return Promise.resolve(0);
  }
  inFlight ??= fetchCount().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

/**
 * Draws the known count on the tab bar again. WeChat refuses setTabBarBadge on pages that are
 * not tab pages, so a read in a subpackage page is shown when a tab page appears next.
 */
export function applyUnreadBadge(): void {
  const result = count > 0 ? Taro.setTabBarBadge({ index: MINE_TAB_INDEX, text: badgeText(count) }) : Taro.removeTabBarBadge({ index: MINE_TAB_INDEX });
  // Off a tab page (or before the H5 tab bar exists) this rejects or never settles: both are fine.
  Promise.resolve(result).catch(() => undefined);
}

/** Text of the tab badge: WeChat shows at most 4 characters. */
export function badgeText(n: number): string {
  return n > 99 ? '99+' : String(n);
}

async function fetchCount(): Promise<number | null> {
  const asked = version;
  try {
    const { unread } = await call(api.myUnread);
    if (asked === version && getSessionState().status === 'authenticated') apply(unread);
    return count;
  } catch {
    return null;
  }
}

function apply(next: number): void {
  const value = Math.max(0, Math.floor(next));
  const changed = value !== count;
  count = value;
  applyUnreadBadge();
  if (changed) listeners.forEach((listener) => listener());
}

/** Signing out clears the count; another person signing in on this device reads their own. */
function watchSession(): void {
  if (watchedUser !== undefined) return;
  watchedUser = getSessionState().user?.id ?? null;
  subscribeSession(() => {
    const user = getSessionState().user?.id ?? null;
    if (user === watchedUser) return;
    watchedUser = user;
    if (user) void refreshUnreadCount();
    else setUnreadCount(0);
  });
}
