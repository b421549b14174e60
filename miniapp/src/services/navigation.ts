import Taro from '@tarojs/taro';

export type TabPath = '/pages/index/index' | '/pages/policy/index' | '/pages/participate/index' | '/pages/hotline/index' | '/pages/mine/index';

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
