// Shared by the browser tests: how to start Debian's Chromium here (TOOLCHAIN.md: without the
// background-networking switches it tries to reach hosts this machine cannot, and
// --user-data-dir must not be passed in args).
import { deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Launches headless Chromium with the switches this environment needs. */
export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// ---- Helpers of the newer browser tests (participation.e2e.mjs) --------------------------

export const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 20_000);

/** A failed expectation: reported with its message only, without a stack. */
export class E2eFailure extends Error {}

export function fail(message) {
  throw new E2eFailure(message);
}

/** Runs one named step, printing it and how long it took. */
export async function step(label, work) {
  process.stdout.write(`  · ${label} … `);
  const started = Date.now();
  await work();
  process.stdout.write(`ok (${Date.now() - started} ms)\n`);
}

/** Waits for `selector` to be visible; on timeout fails with what the page shows as an error. */
export async function visible(page, selector, what, timeout = TIMEOUT_MS) {
  try {
    await page.locator(selector).first().waitFor({ state: 'visible', timeout });
  } catch {
    const shown = await page
      .locator('[data-testid$="-error"], [data-testid$="-forbidden"], [role="alert"]')
      .first()
      .textContent({ timeout: 500 })
      .catch(() => null);
    fail(`${what} did not appear within ${timeout} ms (selector ${selector})${shown ? `; the page shows: ${shown.trim()}` : ''}`);
  }
}

export async function textOf(page, selector) {
  return ((await page.locator(selector).first().innerText()) || '').trim();
}

/** Waits until `predicate(text of selector)` holds, re-reading the page; fails with the last text. */
export async function until(page, selector, predicate, what, timeout = TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = await textOf(page, selector).catch(() => '');
    if (predicate(last)) return last;
    await page.waitForTimeout(250);
  }
  fail(`${what} within ${timeout} ms; last seen: ${last.slice(0, 160)}`);
}

/** Moves a ticket of the case simulator one status on (POST /__sim/advance). */
export async function advanceCase(caseSimUrl, ticketNo) {
  const res = await fetch(new URL('/__sim/advance', caseSimUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ticketNo }),
  });
  if (!res.ok) fail(`POST /__sim/advance for ${ticketNo} answered ${res.status}: ${await res.text()}`);
}

/** Taps a tab of the H5 tab bar by its label. */
export async function clickTab(page, text) {
  await page.locator('.weui-tabbar__item', { hasText: text }).first().click();
}

let axeSource = null;

/**
 * Runs axe-core over `selector` (a page's root) and answers its serious and critical
 * violations as `rule: target (…)` lines (TOOLCHAIN.md: axe 4 works in this Chromium).
 */
export async function accessibilityProblems(page, selector) {
  if (!axeSource) {
    const { createRequire } = await import('node:module');
    const { readFile } = await import('node:fs/promises');
    axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  }
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async (sel) => {
    const result = await window.axe.run(sel, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${(n.failureSummary || '').split('\n').slice(1, 2).join('').trim()})`));
  }, selector);
  return violations;
}

/** The viewports of the browser tests: a 375×667 phone and a desktop window. */
export const PHONE = { name: 'phone', viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const DESKTOP = { name: 'desktop', viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, isMobile: false };

/** Keeps the page's API calls and script errors in `apiLog`, to print when a test fails. */
export function recordApiCalls(page, name, apiLog) {
  page.on('response', (res) => {
    if (res.url().includes('/api/')) apiLog.push(`${name} ${res.request().method()} ${new URL(res.url()).pathname} → ${res.status()}`);
  });
  page.on('pageerror', (err) => apiLog.push(`${name} page error: ${err.message}`));
}

/**
 * Known benign console errors, each with why it is not a defect of the app. Keep it narrow:
 * a pattern here hides a real failure if it matches more than the one message it was written for.
 */
export const BENIGN_CONSOLE_ERRORS = [
  // Chromium logs every non-2xx response as a console error of its own. Tests deliberately
  // cause 4xx answers (a ticket of another citizen, a missing policy); the app shows them.
  { text: /^Failed to load resource: the server responded with a status of 4\d\d\b/, why: 'an expected 4xx, shown by the app' },
  // The portal simulator's interpretations name media on the portal's host, which does not
  // exist on this machine; the app shows the caption with a note instead (a component test covers it).
  { text: /^Failed to load resource: net::ERR_NAME_NOT_RESOLVED$/, url: /^https:\/\/portal\.example\.gov\.cn\/media\//, why: 'simulated portal media' },
];

/**
 * Watches `page` for uncaught exceptions (`pageerror`) and `console.error` calls, so a browser
 * test fails on them. `check(where)` fails with every error seen so far (and forgets them);
 * call it at the end of a step or of the test. `allow` adds entries like BENIGN_CONSOLE_ERRORS
 * (`text`, and optionally the `url` the message is about) for this page only.
 */
export function watchPageErrors(page, { allow = [] } = {}) {
  const benign = [...BENIGN_CONSOLE_ERRORS, ...allow];
  let seen = [];
  page.on('pageerror', (err) => seen.push(`uncaught ${err.name || 'Error'}: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    const url = msg.location()?.url ?? '';
    if (benign.some((b) => b.text.test(text) && (!b.url || b.url.test(url)))) return;
    seen.push(`console.error: ${text.split('\n').slice(0, 3).join(' ')}`);
  });
  return {
    get errors() {
      return [...seen];
    },
    check(where = 'the page') {
      if (!seen.length) return;
      const list = seen;
      seen = [];
      fail(`${where} logged ${list.length} error(s):\n    ${list.slice(0, 10).join('\n    ')}`);
    },
  };
}

/**
 * Runs one browser test file: refuses to start without the URLs it needs (`needs`: their
 * environment variable names), launches Chromium, runs `work(browser, apiLog)`, then prints
 * passed, or FAILED with the last API calls seen, and sets the exit code.
 */
export async function runBrowserTest(name, needs, artifacts, work) {
  const missing = needs.filter((v) => !process.env[v]);
  if (missing.length) {
    console.error(`${name}: set ${needs.join(' and ')} (node scripts/browser-test.mjs does)`);
    process.exit(2);
  }
  const { mkdir } = await import('node:fs/promises');
  await mkdir(artifacts, { recursive: true });
  const browser = await launchChromium();
  const apiLog = [];
  try {
    await work(browser, apiLog);
    console.log(`${name}: passed; screenshots in ${artifacts}`);
  } catch (error) {
    console.error(`\n${name} FAILED: ${error instanceof E2eFailure ? error.message : error?.stack || error}`);
    if (apiLog.length) console.error(`API calls seen:\n  ${apiLog.slice(-40).join('\n  ')}`);
    console.error(`screenshots in ${artifacts}`);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}

/**
 * Runs `work(page, shot)` in a fresh browser context of `profile` (Chinese locale), recording
 * API calls; `shot(what)` saves `<artifacts>/<prefix>-<what>-<profile>.png`. On a failure the
 * page is saved as `<failure>` first; the context is closed either way. With `failOnPageErrors`,
 * an uncaught exception or console.error on the page fails the test (see watchPageErrors).
 */
export async function inContext(browser, profile, { artifacts, prefix, apiLog, failure = 'failure', options = {}, failOnPageErrors = false }, work) {
  const { name, ...contextOptions } = profile;
  const { resolve } = await import('node:path');
  const context = await browser.newContext({ ...contextOptions, locale: 'zh-CN', ...options });
  const page = await context.newPage();
  recordApiCalls(page, name, apiLog);
  const pageErrors = failOnPageErrors ? watchPageErrors(page) : null;
  const shot = (what) => page.screenshot({ path: resolve(artifacts, `${prefix}-${what}-${name}.png`), fullPage: true });
  try {
    const result = await work(page, shot);
    pageErrors?.check(`[${name}] ${prefix}`);
    return result;
  } catch (error) {
    await shot(failure).catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}

/** Hooks of 我的 and the 诉求 form that several browser tests use (data-testid in the H5 DOM). */
export const accountSelectors = {
  mine: '[data-testid="mine"]',
  loginName: '[data-testid="login-name"] input',
  loginSubmit: '[data-testid="login-submit"]',
  userCard: '[data-testid="user-card"]',
  bindPhone: '[data-testid="bind-phone"]',
  userPhone: '[data-testid="user-phone"]',
  form: '[data-testid="ticket-form"]',
};

/**
 * Signs in at 我的 with the simulated WeChat `name` (H5_URL's build), signing out whoever was
 * signed in first.
 */
export async function signIn(page, name) {
  await page.goto(new URL('#/pages/mine/index', process.env.H5_URL).toString(), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
  await visible(page, accountSelectors.mine, 'the 我的 page');
  if (await page.locator(accountSelectors.userCard).count()) await page.locator('[data-testid="logout"]').first().click();
  await visible(page, accountSelectors.loginName, 'the login form');
  await page.locator(accountSelectors.loginName).first().fill(name);
  await page.locator(accountSelectors.loginSubmit).first().click();
  await visible(page, accountSelectors.userCard, `the user card of ${name}`);
}

/** A small valid RGB PNG (a red square with a white cross), made here so the test needs no fixture file. */
export function makePng(size = 32) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) {
      const cross = Math.abs(x - size / 2) < 3 || Math.abs(y - size / 2) < 3;
      row.push(...(cross ? [255, 255, 255] : [196, 29, 36]));
    }
    rows.push(Buffer.from(row));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JSON request to the stack (the BFF, a simulator's /__sim hook): its status and parsed body (null when not JSON). */
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

/** Polls `probe` every 300 ms until it answers true; fails with `what` after `timeoutMs`. */
export async function waitFor(probe, what, timeoutMs = TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  fail(`${what} within ${timeoutMs} ms`);
}
