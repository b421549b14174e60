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

/**
 * axe-core counts a label as present only where it is on screen, and the H5 page scrolls inside
 * a clipped container: a field below the fold reads as labelled by its hint alone
 * (label-title-only). So a form is checked in a window tall enough to show all of it (same
 * width), then the window is put back.
 */
export async function expectAccessibleForm(page, selector, what, height = 2000) {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  try {
    await page.waitForTimeout(100);
    await expectAccessible(page, selector, what);
  } finally {
    await page.setViewportSize(viewport);
  }
}

/** With the root font at 150 % (关怀版 large text) the page still fits; then back. */
export async function withLargeText(page, what, shot, name) {
  await page.evaluate(() => {
    document.documentElement.dataset.e2eFont = document.documentElement.style.fontSize;
    document.documentElement.style.fontSize = `${parseFloat(getComputedStyle(document.documentElement).fontSize) * 1.5}px`;
  });
  await page.waitForTimeout(200);
  await expectNoSidewaysScroll(page, `${what} with large text`);
  await shot(name);
  await page.evaluate(() => {
    document.documentElement.style.fontSize = document.documentElement.dataset.e2eFont || '';
  });
}
