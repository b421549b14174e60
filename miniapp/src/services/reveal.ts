import Taro from '@tarojs/taro';
import { authMode } from './platform';

/** What marks a row of the form that has an error (Field and Toggle set these classes). */
const INVALID = '.form-field--invalid, .form-toggle-field--invalid';
/** What can take the focus inside such a row, in order of preference. */
const FOCUSABLE = 'textarea, input, [role="radio"][tabindex="0"], [role="switch"], [tabindex="0"]';

/**
 * Brings the first row with an error inside the element `scopeId` into view and focuses its
 * control, so that a citizen who tapped 提交 at the bottom sees what to fix. WeChat: the page
 * scrolls to it (pageScrollTo with a selector; focus follows the tap there). H5: scrollIntoView
 * and focus on the native control. Does nothing when there is no such row.
 */
export function revealFirstError(scopeId: string): void {
  if (authMode() === 'wechat') {
    void Taro.pageScrollTo({ selector: `#${scopeId} >>> .form-field--invalid`, offsetTop: -80, duration: 200 }).catch(() => undefined);
    return;
  }
  if (typeof document === 'undefined') return;
  const row = document.getElementById(scopeId)?.querySelector<HTMLElement>(INVALID);
  if (!row) return;
  const control = row.querySelector<HTMLElement>(FOCUSABLE);
  // Where scrollIntoView is missing (old WebViews, jsdom), focusing scrolls the control into view.
  if (typeof row.scrollIntoView !== 'function') return control?.focus();
  row.scrollIntoView({ block: 'center' });
  control?.focus({ preventScroll: true });
}
