import Taro from '@tarojs/taro';

/**
 * JSON values kept on the device (Taro storage). Storage can be full, unavailable (private
 * mode) or hold something unreadable: reads then answer null and writes report false, so that
 * what is kept on the device is a convenience, never an error.
 */

/** The value kept under `key`, parsed; null when there is none or it cannot be read. */
export function readStored(key: string): unknown {
  try {
    const raw = Taro.getStorageSync(key);
    if (raw === '' || raw === undefined || raw === null) return null;
    return typeof raw === 'string' ? JSON.parse(raw) : raw;
  } catch {
    return null;
  }
}

/** Keeps `value` as JSON under `key`; false when storage refused it. */
export function writeStored(key: string, value: unknown): boolean {
  try {
    Taro.setStorageSync(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function removeStored(key: string): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    // Nothing left to remove then.
  }
}
