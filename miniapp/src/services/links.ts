import Taro from '@tarojs/taro';
import type { TabPath } from './navigation';

/** The tab pages (app.config.ts): WeChat opens them only with switchTab, and without a query. */
export const TAB_PAGES: readonly TabPath[] = ['/pages/index/index', '/pages/policy/index', '/pages/participate/index', '/pages/hotline/index', '/pages/mine/index'];

const PAGE_PATH = /^\/[A-Za-z0-9_\-/]+$/;

/**
 * Opens a page of this mini-program named by a link the BFF sent (a notification's `link`,
 * e.g. `/features/hotline/pages/ticket/index?no=RX-…`): switchTab for tab pages, navigateTo
 * otherwise, and a redirect when the page stack is full. Resolves false for a link that is not
 * a page path of this app or a page that would not open.
 */
export async function openAppLink(link: string): Promise<boolean> {
  const [path] = link.split('?');
  if (!PAGE_PATH.test(path) || path.includes('//')) return false;
  if ((TAB_PAGES as readonly string[]).includes(path)) {
    return Taro.switchTab({ url: path }).then(
      () => true,
      () => false,
    );
  }
  try {
    await Taro.navigateTo({ url: link });
    return true;
  } catch {
    return Taro.redirectTo({ url: link }).then(
      () => true,
      () => false,
    );
  }
}
