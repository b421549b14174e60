// Browser smoke test of the H5 build against a running stack.
//   H5_URL=http://127.0.0.1:8080/ node miniapp/e2e/smoke.e2e.mjs
// Opens 首页 and waits for the home feed, goes to 我的, signs in with the simulated WeChat
// login and checks the user card, binds the phone and submits a 诉求; once on a desktop and
// once on a 375×667 phone viewport. Any uncaught exception or console.error fails the run.
// Screenshots go to <repo>/.artifacts/. Exits non-zero with a message on the first failure.
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accountSelectors, launchChromium, textOf, watchPageErrors } from './support.mjs';

const H5_URL = process.env.H5_URL;
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 20_000);
const artifacts = resolve(dirname(fileURLToPath(import.meta.url)), '../../.artifacts');

const viewports = [
  { name: 'desktop', viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, isMobile: false },
  { name: 'phone', viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
];

// DOM hooks the app renders (data-testid on Taro components, which reach the H5 DOM as attributes).
const sel = {
  home: '[data-testid="home"]',
  homeError: '[data-testid="home-error"]',
  interpretations: '[data-testid="panel-interpretations"]',
  interpretationItem: '[data-testid="panel-interpretations"] [data-testid="interpretation-item"]',
  mine: '[data-testid="mine"]',
  loginCard: '[data-testid="login-card"]',
  loginName: '[data-testid="login-name"] input',
  loginSubmit: '[data-testid="login-submit"]',
  userCard: '[data-testid="user-card"]',
  mineError: '[data-testid="mine-error"]',
};

class SmokeFailure extends Error {}

function fail(message) {
  throw new SmokeFailure(message);
}

async function step(label, work) {
  process.stdout.write(`  · ${label} … `);
  const started = Date.now();
  await work();
  process.stdout.write(`ok (${Date.now() - started} ms)\n`);
}

async function visible(page, selector, what) {
  try {
    await page.locator(selector).first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  } catch {
    const errorText = await page
      .locator(`${sel.homeError}, ${sel.mineError}`)
      .first()
      .textContent({ timeout: 500 })
      .catch(() => null);
    fail(`${what} did not appear within ${TIMEOUT_MS} ms (selector ${selector})${errorText ? `; the page shows: ${errorText.trim()}` : ''}`);
  }
}

async function runViewport(browser, profile, apiLog) {
  const { name, ...contextOptions } = profile;
  console.log(`[${name}] ${profile.viewport.width}×${profile.viewport.height}`);
  const context = await browser.newContext({ ...contextOptions, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('response', (res) => {
    if (res.url().includes('/api/')) apiLog.push(`${name} ${res.request().method()} ${new URL(res.url()).pathname} → ${res.status()}`);
  });
  page.on('pageerror', (err) => apiLog.push(`${name} page error: ${err.message}`));
  const pageErrors = watchPageErrors(page);

  try {
    await step('open 首页', async () => {
      const res = await page.goto(H5_URL, { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
      if (!res || !res.ok()) fail(`GET ${H5_URL} answered ${res ? res.status() : 'nothing'}`);
      await visible(page, sel.home, 'the home page');
    });

    await step('home feed shows 最新政策解读 with at least one item', async () => {
      await visible(page, sel.interpretationItem, 'an item in the 最新政策解读 panel');
      const panelText = (await page.locator(sel.interpretations).first().innerText()).trim();
      if (!panelText.includes('最新政策解读')) fail(`the interpretations panel has no title 最新政策解读: ${panelText.slice(0, 80)}`);
      const itemText = (await page.locator(sel.interpretationItem).first().innerText()).trim();
      if (!/[\u4e00-\u9fff]/.test(itemText)) fail(`the first interpretation has no Chinese text: "${itemText.slice(0, 80)}"`);
      await page.screenshot({ path: resolve(artifacts, `home-${name}.png`), fullPage: true });
    });

    await step('go to 我的 by the tab bar', async () => {
      const tab = page.locator('.weui-tabbar__item', { hasText: '我的' }).first();
      if (await tab.count()) await tab.click();
      else await page.goto(new URL('#/pages/mine/index', H5_URL).toString());
      await visible(page, sel.mine, 'the 我的 page');
    });

    await step('sign in with the simulated WeChat login', async () => {
      await visible(page, sel.loginCard, 'the login card');
      const simName = `e2e_${name}_${Date.now().toString(36)}`;
      await page.locator(sel.loginName).first().fill(simName);
      await page.locator(sel.loginSubmit).first().click();
      await visible(page, sel.userCard, 'the user card after login');
      // Who is signed in: a nickname (or the prompt to set one) and the role, never an internal id.
      const who = await textOf(page, '[data-testid="user-name"]');
      const card = (await page.locator(sel.userCard).first().innerText()).trim();
      if (!who || !/市民|工作人员|管理员/.test(card)) fail(`the user card lacks the user or role: ${card.slice(0, 120)}`);
      if (/[0-9a-f]{6}…|用户 [0-9a-f]/.test(card)) fail(`the user card shows an internal id: ${card.slice(0, 120)}`);
      await page.screenshot({ path: resolve(artifacts, `mine-${name}.png`), fullPage: true });
      pageErrors.check('signing in');
    });

    await step('bind the phone and submit a 诉求, with a clean console', async () => {
      await page.locator(accountSelectors.bindPhone).first().click();
      await visible(page, accountSelectors.userPhone, 'the bound phone');
      await page.locator('.weui-tabbar__item', { hasText: '热线' }).first().click();
      await visible(page, accountSelectors.form, 'the 诉求 form');
      await page.locator('[data-testid="type-complaint"]').first().click();
      await page.locator('[data-testid="input-title"] input').first().fill('夜间施工噪音扰民');
      await page.locator('[data-testid="input-description"] textarea').first().fill('每天晚上十一点以后仍有打桩施工，噪音很大，严重影响附近居民休息，希望尽快处理。');
      await page.locator('[data-testid="input-address"] input').first().fill('滨江区江南大道 88 号东门');
      await page.locator('[data-testid="submit-ticket"]').first().click();
      await visible(page, '[data-testid="submitted"]', 'the confirmation of the 诉求');
      // The submit button's loading state is drawn after the answer; give it a frame or two.
      await page.waitForTimeout(500);
      pageErrors.check('submitting a 诉求');
    });
  } catch (error) {
    await page.screenshot({ path: resolve(artifacts, `failure-${name}.png`), fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}

async function main() {
  if (!H5_URL) {
    console.error('smoke.e2e: set H5_URL to the address of the H5 build, e.g. H5_URL=http://127.0.0.1:8080/');
    process.exit(2);
  }
  await mkdir(artifacts, { recursive: true });
  const browser = await launchChromium();
  const apiLog = [];
  try {
    for (const profile of viewports) await runViewport(browser, profile, apiLog);
    console.log(`smoke.e2e: passed; screenshots in ${artifacts}`);
  } catch (error) {
    console.error(`\nsmoke.e2e FAILED: ${error instanceof SmokeFailure ? error.message : error?.stack || error}`);
    if (apiLog.length) console.error(`API calls seen:\n  ${apiLog.join('\n  ')}`);
    console.error(`screenshots in ${artifacts}`);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}

main();
