import Taro from '@tarojs/taro';
import { authMode } from './platform';

/**
 * Scanning a QR code with the camera: WeChat's scanner (wx.scanCode) in the mini-program. H5 has
 * none, so a screen that scans also offers a typed code (the check-in desk's 8-character code).
 */

/** Whether this build can scan (WeChat only). */
export function canScanCode(): boolean {
  return authMode() === 'wechat';
}

/** Opens the camera scanner for a QR code; resolves its text, or null when cancelled or unavailable. */
export async function scanQrCode(): Promise<string | null> {
  if (!canScanCode()) return null;
  try {
    const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    return typeof res.result === 'string' && res.result ? res.result : null;
  } catch {
    // Cancelled (scanCode:fail cancel) or the camera refused: nothing was scanned.
    return null;
  }
}
