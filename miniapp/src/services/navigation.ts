import { useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';

export type TabPath = '/pages/index/index' | '/pages/policy/index' | '/pages/participate/index' | '/pages/hotline/index' | '/pages/mine/index';

/** The page an unknown address lands on (app.config.ts, main package). */
export const NOT_FOUND_PATH = '/pages/not-found/index';

export function switchToTab(url: TabPath): void {
  Taro.switchTab({ url }).catch(() => undefined);
}

export function stopPullDownRefresh(): void {
  try {
    Taro.stopPullDownRefresh();
  } catch {
    // Not every environment has a pull-down refresh to stop.
  }
}

export function showToast(title: string): void {
  Taro.showToast({ title, icon: 'none', duration: 2000 }).catch(() => undefined);
}

/**
 * Leaves an address that names no page for the not-found page, replacing it (WeChat honours a
 * redirect only when made synchronously inside onPageNotFound). `path` is what was asked for.
 */
export function showPageNotFound(path: string): void {
  const url = `${NOT_FOUND_PATH}?from=${encodeURIComponent(path.slice(0, 200))}`;
  Taro.redirectTo({ url }).catch(() => Taro.reLaunch({ url }).catch(() => undefined));
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The query of an H5 hash address (`#/features/policy/pages/policy/index?id=pol-004`) when its
 * path is `pagePath`, values decoded once; null when the address is of another page.
 */
export function paramsFromHash(hash: string, pagePath: string): Record<string, string> | null {
  const address = hash.replace(/^#/, '');
  const at = address.indexOf('?');
  const path = at < 0 ? address : address.slice(0, at);
  if (path.replace(/^\/?/, '/') !== pagePath.split('?')[0].replace(/^\/?/, '/')) return null;
  const params: Record<string, string> = {};
  if (at < 0) return params;
  for (const pair of address.slice(at + 1).split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
    params[key] = safeDecode(eq < 0 ? '' : pair.slice(eq + 1).replace(/\+/g, '%20'));
  }
  return params;
}

function h5Params(pagePath: string): Record<string, string> | null {
  return process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' ? paramsFromHash(window.location.hash, pagePath) : null;
}

const sameParams = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => a[k] === b[k]);

/**
 * The page's route parameters, decoded once. Pages read them here rather than from
 * `useRouter()`: the H5 router, going back or following an edited address to a page path it
 * already holds, shows that older page instance (it matches the path, not the query), whose
 * `useRouter()` still names the earlier parameters. So in H5 the address is read again every
 * time the page shows, and the page follows it.
 */
export function usePageParams(): Record<string, string> {
  const router = useRouter();
  const fromRouter = () => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(router.params ?? {})) if (typeof v === 'string' && !k.startsWith('$taro') && k !== 'stamp') out[k] = safeDecode(v);
    return out;
  };
  const [params, setParams] = useState<Record<string, string>>(() => h5Params(router.path) ?? fromRouter());
  useDidShow(() => {
    const now = h5Params(router.path);
    if (now) setParams((shown) => (sameParams(shown, now) ? shown : now));
  });
  return params;
}

const NAV_BUTTONS: ReadonlyArray<[selector: string, label: string]> = [
  ['.taro-navigation-bar-back', '返回上一页'],
  ['.taro-navigation-bar-home', '返回首页'],
];

/**
 * H5 only: names the router's navigation bar and makes its back and home icons buttons that
 * assistive technology and the keyboard can use (the router draws them as bare divs with SVGs).
 */
export function labelNavigationBar(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  const bar = document.getElementById('taro-navigation-bar');
  if (!bar || bar.dataset.labelled) return;
  bar.dataset.labelled = 'true';
  bar.setAttribute('role', 'navigation');
  bar.setAttribute('aria-label', '页面导航');
  for (const [selector, label] of NAV_BUTTONS) {
    const button = bar.querySelector<HTMLElement>(selector);
    if (!button) continue;
    button.setAttribute('role', 'button');
    button.setAttribute('tabindex', '0');
    button.setAttribute('aria-label', label);
    button.setAttribute('data-testid', selector === NAV_BUTTONS[0][0] ? 'nav-back' : 'nav-home');
    button.querySelector('svg')?.setAttribute('aria-hidden', 'true');
    button.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        button.click();
      }
    });
  }
}
