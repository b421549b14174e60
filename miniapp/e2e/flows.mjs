// Steps and calls that the participation browser tests share (not a test itself: browser-test
// runs *.e2e.mjs): the stack's URLs come from the environment browser-test.mjs sets.
import { expectNoSidewaysScroll } from './checks.mjs';
import { TIMEOUT_MS, fail, json } from './support.mjs';

// Shared with the other browser tests, from where they live.
export { json, signIn, waitFor } from './support.mjs';
export { expectAccessibleForm, withLargeText } from './checks.mjs';

const { H5_URL, BFF_URL, PORTAL_SIM_URL } = process.env;

/** The H5 address of an app page (hash router). */
export const pageUrl = (path) => new URL(`#${path}`, H5_URL).toString();
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** China time with an offset, as the portal writes it. */
export const chinaIso = (ms) => new Date(ms + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');

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

/** No sideways scrolling and exactly one visible level-1 heading. */
export async function expectGood(page, what) {
  await expectNoSidewaysScroll(page, what);
  const h1 = await page.locator('[role="heading"][aria-level="1"]:visible').count();
  if (h1 !== 1) fail(`${what} has ${h1} visible level-1 headings`);
}

/** Taps the H5 modal's confirm button (services/dialog.ts: Taro.showModal). */
export async function confirmModal(page, label) {
  const button = page.locator('.taro__modal .taro-model__confirm', { hasText: label }).last();
  await button.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  await button.click();
}
