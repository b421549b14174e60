import { act, screen } from '@testing-library/react';

/** Types `value` into a Taro Input/Textarea (by test id or element) as its onInput sees it in H5. */
export function typeInto(target: string | HTMLElement, value: string): void {
  const el = typeof target === 'string' ? screen.getByTestId(target) : target;
  act(() => {
    el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }));
  });
}
