import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef } from 'react';
import { showToast, stopPullDownRefresh } from './navigation';

/**
 * A page's refreshes: pull-down (the indicator stops when done, a failure is a toast) and, with
 * `onShowAgain`, every time the page shows again after the first (back from a page that may
 * have changed what it shows). `refresh` resolves to an error message or null, as useRemote's does.
 */
export function usePageRefresh(refresh: () => Promise<string | null>, { onShowAgain = false }: { onShowAgain?: boolean } = {}): void {
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && onShowAgain) void refresh();
    shown.current = true;
  });
  usePullDownRefresh(async () => {
    const error = await refresh();
    stopPullDownRefresh();
    if (error) showToast(error);
  });
}
