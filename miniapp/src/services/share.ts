import Taro from '@tarojs/taro';
import { authMode } from './platform';

/** `wechat`: the page's 转发 (useShareAppMessage) shares it; `link`: H5 copies a link instead. */
export function shareMode(): 'wechat' | 'link' {
  return authMode() === 'wechat' ? 'wechat' : 'link';
}

/**
 * The address of an app page (`/features/...?...`) that opens it in this H5 build (hash router).
 * In WeChat the path itself is what is shared.
 */
export function shareUrlOf(path: string): string {
  if (shareMode() === 'wechat' || typeof window === 'undefined') return path;
  const { origin, pathname } = window.location;
  return `${origin}${pathname}#${path}`;
}

/** Copies the link of an app page to the clipboard (H5 sharing); resolves false when the clipboard refused. */
export async function copyShareLink(path: string): Promise<boolean> {
  try {
    await Taro.setClipboardData({ data: shareUrlOf(path) });
    return true;
  } catch {
    return false;
  }
}
