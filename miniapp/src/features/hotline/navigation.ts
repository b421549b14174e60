import Taro from '@tarojs/taro';
import { usePageParams } from '@/services';

const ROOT = '/features/hotline/pages';

/** Routes of the hotline subpackage. */
export const hotlinePages = {
  tickets: () => `${ROOT}/tickets/index`,
  ticket: (trackingNo: string) => `${ROOT}/ticket/index?no=${encodeURIComponent(trackingNo)}`,
  rate: (trackingNo: string) => `${ROOT}/rate/index?no=${encodeURIComponent(trackingNo)}`,
  stats: () => `${ROOT}/stats/index`,
};

/** Opens a hotline page; a failed navigation (page stack full) is retried as a redirect. */
export function openPage(url: string): void {
  Taro.navigateTo({ url }).catch(() => Taro.redirectTo({ url }).catch(() => undefined));
}

/** The `no` parameter of the current hotline page; it follows the address (see usePageParams). */
export function useTrackingNo(): string {
  return usePageParams().no ?? '';
}
