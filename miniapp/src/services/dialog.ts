import Taro from '@tarojs/taro';

/**
 * Asks the person to confirm an action (WeChat's and H5's modal dialog). Resolves true only
 * when they chose `confirmText`; a dialog that cannot be shown counts as not confirmed.
 */
export async function confirmAction({ title, content, confirmText = '确定' }: { title: string; content: string; confirmText?: string }): Promise<boolean> {
  try {
    const res = await Taro.showModal({ title, content, confirmText, cancelText: '取消', confirmColor: '#c41d24' });
    return Boolean(res.confirm);
  } catch {
    return false;
  }
}
