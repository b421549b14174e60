import Taro from '@tarojs/taro';

export const participationPages = { stats: '/features/participation/pages/stats/index' };

export function openParticipationStats(): void {
  Taro.navigateTo({ url: participationPages.stats }).catch(() => undefined);
}
