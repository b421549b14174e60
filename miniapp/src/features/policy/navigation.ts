import Taro from '@tarojs/taro';
import { switchToTab } from '@/services';

// Detail pages live in the `features/policy` subpackage (see app.config.ts).
const ROOT = '/features/policy/pages';

export const policyPaths = {
  policy: (id: string) => `${ROOT}/policy/index?id=${encodeURIComponent(id)}`,
  interpretation: (id: string) => `${ROOT}/interpretation/index?id=${encodeURIComponent(id)}`,
  qa: (id: string) => `${ROOT}/qa/index?id=${encodeURIComponent(id)}`,
  search: (q?: string) => `${ROOT}/search/index${q ? `?q=${encodeURIComponent(q)}` : ''}`,
};

function go(url: string): void {
  // The page stack of a mini-program holds 10 pages; past that, replace the top one.
  let depth = 0;
  try {
    depth = Taro.getCurrentPages().length;
  } catch {
    // No page stack yet (app starting): navigating is always allowed then.
  }
  (depth >= 9 ? Taro.redirectTo({ url }) : Taro.navigateTo({ url })).catch(() => undefined);
}

export const openPolicy = (id: string) => go(policyPaths.policy(id));
export const openInterpretation = (id: string) => go(policyPaths.interpretation(id));
export const openQa = (id: string) => go(policyPaths.qa(id));
export const openSearch = (q?: string) => go(policyPaths.search(q));
/** The 12345 hotline tab, offered when the knowledge base has no good answer. */
export const openHotline = () => switchToTab('/pages/hotline/index');
