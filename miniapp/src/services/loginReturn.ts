import Taro from '@tarojs/taro';
import { readStored, removeStored, writeStored } from './deviceStorage';
import { openAppLink } from './links';
import { switchToTab } from './navigation';

/**
 * Where a citizen who was asked to log in goes back to: a page that needs a login sends them
 * to 我的 with `askToLogin()`, and the login there ends with `returnAfterLogin()`, which opens
 * the page that asked, with its parameters. Kept on the device (an H5 reload between the two
 * does not lose it) for RETURN_TTL_MS, so an old request does not hijack a later login.
 */
const KEY = 'zwgk.loginReturn';
export const RETURN_TTL_MS = 10 * 60_000;
const MINE = '/pages/mine/index';

interface PendingReturn {
  link: string;
  at: number;
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The current page as a link (`/features/…/index?no=…`), without the router's own parameters; null when unknown. */
export function currentPageLink(): string | null {
  const router = Taro.getCurrentInstance()?.router;
  if (!router?.path) return null;
  const [rawPath] = router.path.split('?');
  const path = rawPath.startsWith('/') ? rawPath : `/${rawPath}`;
  const query = Object.entries(router.params ?? {})
    // `stamp` and `$taro…` are the H5 router's bookkeeping, not the page's parameters.
    .filter(([key, value]) => key !== 'stamp' && !key.startsWith('$taro') && typeof value === 'string' && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(decoded(value as string))}`)
    .join('&');
  return query ? `${path}?${query}` : path;
}

/** Remembers the current page and opens 我的, where the citizen logs in. */
export function askToLogin(): void {
  const link = currentPageLink();
  if (link && link.split('?')[0] !== MINE) writeStored(KEY, { link, at: Date.now() } satisfies PendingReturn);
  else removeStored(KEY);
  switchToTab(MINE);
}

/** After a login: opens the page that asked for it, if one did within RETURN_TTL_MS. Resolves whether it did. */
export async function returnAfterLogin(): Promise<boolean> {
  const pending = readStored(KEY) as Partial<PendingReturn> | null;
  removeStored(KEY);
  if (!pending || typeof pending.link !== 'string' || typeof pending.at !== 'number') return false;
  if (Date.now() - pending.at > RETURN_TTL_MS) return false;
  return openAppLink(pending.link);
}
