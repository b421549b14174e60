import Taro from '@tarojs/taro';

/**
 * Everything that differs between the WeChat mini-program and the H5 build lives here,
 * so that pages and components never branch on the platform themselves.
 */

/** `wechat`: real WeChat APIs; `simulated`: H5, where a `sim-<name>` code stands in for WeChat. */
export type AuthMode = 'wechat' | 'simulated';

export function authMode(): AuthMode {
  return Taro.getEnv() === Taro.ENV_TYPE.WEAPP ? 'wechat' : 'simulated';
}

/** Origin of the BFF: baked in at build time for weapp; '' (same origin) in H5. */
export function apiBase(): string {
  if (authMode() === 'simulated') return '';
  return typeof API_BASE === 'string' ? API_BASE : '';
}

const SIM_NAME_KEY = 'zwgk.simName';
const SIM_NAME_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

/** True when `name` may be used in a simulated WeChat code. */
export function isValidSimName(name: string): boolean {
  return SIM_NAME_PATTERN.test(name);
}

/**
 * Remembers the simulated name the citizen last signed in with, so that the login card after a
 * logout offers it again and the same name signs into the same account.
 */
export function rememberSimName(name: string): void {
  if (!isValidSimName(name)) return;
  try {
    Taro.setStorageSync(SIM_NAME_KEY, name);
  } catch {
    // Storage full or unavailable: the card then offers the name it had.
  }
}

/** A stable simulated name for this device (the last one signed in with), created on first use. */
export function deviceSimName(): string {
  const stored = Taro.getStorageSync(SIM_NAME_KEY);
  if (typeof stored === 'string' && isValidSimName(stored)) return stored;
  const name = `citizen-${Math.random().toString(36).slice(2, 8)}`;
  Taro.setStorageSync(SIM_NAME_KEY, name);
  return name;
}

/**
 * A one-time login code: from `Taro.login()` in WeChat, `sim-<name>` in H5.
 * Throws when WeChat refuses or the simulated name is not allowed.
 */
export async function obtainLoginCode(simName?: string): Promise<string> {
  if (authMode() === 'wechat') {
    const res = await Taro.login();
    if (!res.code) throw new Error('wx.login returned no code');
    return res.code;
  }
  return simulatedCode(simName);
}

/** The simulated phone-number code of H5; in WeChat the code comes from the getPhoneNumber button. */
export function simulatedPhoneCode(simName?: string): string {
  return simulatedCode(simName);
}

function simulatedCode(simName?: string): string {
  const name = simName ?? deviceSimName();
  if (!isValidSimName(name)) throw new Error('invalid simulated name');
  return `sim-${name}`;
}

/**
 * The absolute address of a BFF path (for a citizen to open or copy elsewhere): the API origin
 * of the weapp build, the page's own origin in H5 (same-origin API).
 */
export function apiUrlOf(path: string): string {
  const base = apiBase();
  if (base) return base + path;
  return typeof window !== 'undefined' && window.location?.origin ? window.location.origin + path : path;
}
