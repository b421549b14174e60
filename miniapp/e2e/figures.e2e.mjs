// Browser test of 公开参与数据 in the H5 build, against the whole stack.
//   node scripts/browser-test.mjs          (starts everything, sets the URLs below)
//   H5_URL=… node miniapp/e2e/figures.e2e.mjs
// From the 参与 tab, 公开参与数据 opens the yearly figures: its heading, the open-day and
// meeting sections with their tables and definitions, no serious axe findings, and no sideways
// scrolling at 375×667 and at 320×568 with large text. Screenshots go to
// <repo>/.artifacts/figures-*.png.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PHONE, TIMEOUT_MS, clickTab, fail, inContext, runBrowserTest, step, textOf, visible } from './support.mjs';
import { expectAccessible, expectNoSidewaysScroll } from './checks.mjs';

const { H5_URL } = process.env;
const artifacts = resolve(dirname(fileURLToPath(import.meta.url)), '../../.artifacts');
const LARGE_TEXT = 1.3;

const sel = {
  participate: '[data-testid="participate"]',
  openFigures: '[data-testid="open-participation-stats"]',
  figures: '[data-testid="participation-stats"][data-state="ok"]',
  openDays: '[data-testid="participation-open-days"]',
  meetings: '[data-testid="participation-meetings"]',
  minimum: '[data-testid="participation-minimum"]',
  categoryRow: '[data-testid="participation-category-row"]',
  definitions: '[data-testid="participation-definitions"]',
};
const shown = (s) => `${s} >> visible=true`;

/** Large text as in forms.e2e.mjs: Taro's H5 sizes are rem of the root. */
async function largeText(page, viewport, scale) {
  await page.setViewportSize(viewport);
  await page.waitForTimeout(700);
  await page.evaluate((s) => {
    const root = document.documentElement;
    root.style.fontSize = '';
    const w = root.getBoundingClientRect().width;
    root.style.fontSize = `${Math.min(40, Math.max(20, (40 * w) / 750)) * s}px`;
  }, scale);
  await page.waitForTimeout(100);
}

await runBrowserTest('figures.e2e', ['H5_URL'], artifacts, async (browser, apiLog) => {
  await inContext(browser, PHONE, { artifacts, prefix: 'figures', apiLog, failOnPageErrors: true }, async (page, shot) => {
    await step('参与 tab → 公开参与数据: the year, both sections, four categories and the definitions', async () => {
      await page.goto(H5_URL, { timeout: TIMEOUT_MS });
      await clickTab(page, '参与');
      await visible(page, shown(sel.participate), 'the 参与 tab');
      await page.locator(shown(sel.openFigures)).click();
      await visible(page, shown(sel.figures), 'the figures page');
      await visible(page, shown(sel.openDays), 'the open-day figures');
      const minimum = await textOf(page, shown(sel.minimum));
      if (!/有列席人员的会议 \d+ 次/.test(minimum) || !minimum.includes('每年至少 4 次')) fail(`the meeting minimum reads "${minimum}"`);
      const rows = await page.locator(shown(sel.categoryRow)).count();
      if (rows !== 4) fail(`${rows} observer categories shown, expected 4`);
      const defs = await textOf(page, shown(sel.definitions));
      if (!defs.includes('÷')) fail('the definitions do not say what each rate divides by');
      const h1 = await page.locator('[role="heading"][aria-level="1"] >> visible=true').allTextContents();
      if (h1.length !== 1 || !h1[0].includes('公开参与数据')) fail(`the page's main headings: ${JSON.stringify(h1)}`);
      await expectAccessible(page, sel.figures, 'the figures page');
      await expectNoSidewaysScroll(page, 'the figures page at 375 px');
      await shot('page');
    });

    await step('at 320 px with large text: still no sideways scrolling', async () => {
      await largeText(page, { width: 320, height: 568 }, LARGE_TEXT);
      await visible(page, shown(sel.meetings), 'the meeting figures');
      await expectNoSidewaysScroll(page, 'the figures page at 320 px with large text');
      await shot('large-320');
    });
  });
});
