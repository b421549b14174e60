// Steps and calls that the participation browser tests share (not a test itself: browser-test
// runs *.e2e.mjs): the stack's URLs come from the environment browser-test.mjs sets.
import { expectAccessible, expectNoSidewaysScroll } from './checks.mjs';
import { TIMEOUT_MS, accountSelectors, fail, visible } from './support.mjs';

const { H5_URL, BFF_URL, PORTAL_SIM_URL } = process.env;

/** The H5 address of an app page (hash router). */
export const pageUrl = (path) => new URL(`#${path}`, H5_URL).toString();
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** China time with an offset, as the portal writes it. */
export const chinaIso = (ms) => new Date(ms + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');

/** A JSON request; answers the status and the parsed body (null when there is none or it is not JSON). */
export async function json(method, url, { token, body, headers = {} } = {}) {
  const res = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed };
}

/** A call to the BFF. */
export const api = (method, path, opts) => json(method, new URL(path, BFF_URL), opts);

const tokens = new Map();
/** The access token of a simulated citizen (or staff account), logging in once through the BFF. */
export async function tokenOf(name) {
  if (!tokens.has(name)) {
    const r = await api('POST', '/api/v1/auth/wechat-login', { body: { code: `sim-${name}` } });
    if (r.status !== 200) fail(`login of ${name} through the BFF answered ${r.status}`);
    tokens.set(name, r.body.accessToken);
  }
  return tokens.get(name);
}

/** Publishes (or changes) a record on the portal simulator (PUT /__sim/content/<collection>/<id>). */
export async function putContent(collection, record) {
  const r = await json('PUT', new URL(`/__sim/content/${collection}/${record.id}`, PORTAL_SIM_URL), { body: record });
  if (r.status !== 200 && r.status !== 201) fail(`PUT /__sim/content/${collection}/${record.id} answered ${r.status}: ${JSON.stringify(r.body)}`);
}

/** Polls `probe` every 300 ms until it answers true; fails with `what` after `timeoutMs`. */
export async function waitFor(probe, what, timeoutMs = TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await sleep(300);
  }
  fail(`${what} within ${timeoutMs} ms`);
}

/** Signs in at 我的 as the simulated `name` (signing out whoever was in). */
export async function signIn(page, name) {
  const sel = accountSelectors;
  await page.goto(pageUrl('/pages/mine/index'), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
  await visible(page, sel.mine, 'the 我的 page');
  if (await page.locator(sel.userCard).count()) await page.locator('[data-testid="logout"]').first().click();
  await visible(page, sel.loginName, 'the login form');
  await page.locator(sel.loginName).first().fill(name);
  await page.locator(sel.loginSubmit).first().click();
  await visible(page, sel.userCard, `the user card of ${name}`);
}

/** No sideways scrolling and exactly one visible level-1 heading. */
export async function expectGood(page, what) {
  await expectNoSidewaysScroll(page, what);
  const h1 = await page.locator('[role="heading"][aria-level="1"]:visible').count();
  if (h1 !== 1) fail(`${what} has ${h1} visible level-1 headings`);
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

/** Taps the H5 modal's confirm button (services/dialog.ts: Taro.showModal). */
export async function confirmModal(page, label) {
  const button = page.locator('.taro__modal .taro-model__confirm', { hasText: label }).last();
  await button.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  await button.click();
}
