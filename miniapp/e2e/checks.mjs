// Page checks that several browser tests make (not a test itself: browser-test runs *.e2e.mjs).
import { accessibilityProblems, fail } from './support.mjs';

/** Fails on serious or critical axe findings inside `selector`. */
export async function expectAccessible(page, selector, what) {
  const problems = await accessibilityProblems(page, selector);
  if (problems.length) fail(`${what} has ${problems.length} serious accessibility problem(s):\n    ${problems.slice(0, 10).join('\n    ')}`);
}

/** Nothing wider than the window: no sideways scrolling at this width or text size. */
export async function expectNoSidewaysScroll(page, what) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  if (scroll > width + 1) fail(`${what} is ${scroll} px wide in a ${width} px window`);
}
