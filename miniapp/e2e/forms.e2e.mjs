// Browser test of the hotline's forms and figures (issue 8, items 4–8 and 11) in the H5 build
// against the whole stack, at 375×667 and 320×568, and with large text (关怀版: every size ×1.3):
//   node scripts/browser-test.mjs          (starts everything, sets the URLs below)
//   H5_URL=… BFF_URL=… CASE_SIM_URL=… node miniapp/e2e/forms.e2e.mjs
// - text areas: the native <textarea> stays inside its frame, the counter under it is not
//   covered, the placeholder is set in the page's font and fits (hotline form and rating page);
// - 提交诉求 with errors: the first error is scrolled into view and its field has the focus;
// - a PDF and random bytes named .jpg chosen as photos: a Chinese reason is shown;
// - the statistics line chart: month labels centred under their points, all 12 inside the
//   page, none wrapped; the months table does not wrap either;
// - home's hotline panel and the 热线 tab: the same month, figures and labels.
// Any page error (uncaught exception) fails the test. Screenshots: <repo>/.artifacts/forms-*.png.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TIMEOUT_MS, accountSelectors, advanceCase, fail, makePng, runBrowserTest, step, textOf, until, visible, watchPageErrors } from './support.mjs';

const H5_URL = process.env.H5_URL;
const CASE_SIM_URL = process.env.CASE_SIM_URL;
const PROGRESS_TIMEOUT_MS = Number(process.env.E2E_PROGRESS_TIMEOUT_MS || 45_000);
const artifacts = resolve(dirname(fileURLToPath(import.meta.url)), '../../.artifacts');

const PHONE = { width: 375, height: 667 };
const NARROW = { width: 320, height: 568 };
/** WeChat's 关怀模式 and large system fonts: every size about 1.3× (Taro's H5 sizes are rem of the root). */
const LARGE_TEXT = 1.3;

const sel = {
  ...accountSelectors,
  description: '[data-testid="input-description"]',
  comment: '[data-testid="input-comment"]',
  submit: '[data-testid="submit-ticket"]',
  addPhoto: '[data-testid="add-photo"]',
  photoError: '[data-testid="error-photos"]',
  photo: '[data-testid="photo"]',
  chartRates: '[data-testid="chart-rates"]',
};

const url = (hash) => new URL(hash, H5_URL).toString();

/**
 * Sets the page width, and large text by scaling the root size (Taro's H5 sizes are rem of it;
 * its own script sets it on resize, clamped to 20–40 px, and again 500 ms later).
 */
async function layout(page, viewport, scale = 1) {
  await page.setViewportSize(viewport);
  await page.waitForTimeout(700);
  await page.evaluate((s) => {
    const root = document.documentElement;
    root.style.fontSize = '';
    const w = Math.min(root.getBoundingClientRect().width, root.getBoundingClientRect().height || Infinity);
    const base = Math.min(40, Math.max(20, (40 * w) / 750));
    root.style.fontSize = `${base * s}px`;
  }, scale);
  await page.waitForTimeout(100);
}

/** What a text area looks like: boxes of the frame, the native control and the message under it; the placeholder's font and fit. */
async function measureTextArea(page, hostSelector) {
  return page.evaluate((hostSel) => {
    const hosts = [...document.querySelectorAll(hostSel)].filter((h) => h.getClientRects().length > 0);
    const host = hosts[hosts.length - 1];
    if (!host) return null;
    const ta = host.querySelector('textarea');
    const field = host.closest('[data-testid^="field-"]');
    const message = field?.querySelector('.form-field__hint, [role="alert"]');
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    const saved = ta.value;
    ta.value = ta.placeholder;
    const fits = ta.scrollHeight <= ta.clientHeight + 1 && ta.scrollWidth <= ta.clientWidth + 1;
    ta.value = saved;
    return {
      frame: box(host),
      control: box(ta),
      message: message ? box(message) : null,
      fontFamily: getComputedStyle(ta).fontFamily,
      placeholderFont: getComputedStyle(ta, '::placeholder').fontFamily,
      bodyFont: getComputedStyle(document.body).fontFamily,
      placeholderFits: fits,
      pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
    };
  }, hostSelector);
}

function checkTextArea(m, what) {
  if (!m) fail(`${what}: no text area on screen`);
  const problems = [];
  const out = [
    ['top', m.control.top - m.frame.top],
    ['bottom', m.frame.bottom - m.control.bottom],
    ['left', m.control.left - m.frame.left],
    ['right', m.frame.right - m.control.right],
  ].filter(([, d]) => d < -0.5);
  if (out.length) problems.push(`the textarea sticks out of its frame (${out.map(([s, d]) => `${s} ${d.toFixed(1)} px`).join(', ')})`);
  if (m.message && m.message.top < m.control.bottom - 0.5) problems.push(`the textarea covers its counter by ${(m.control.bottom - m.message.top).toFixed(1)} px`);
  if (m.placeholderFont !== m.bodyFont) problems.push(`the placeholder is set in "${m.placeholderFont}", the page in "${m.bodyFont}"`);
  if (m.fontFamily !== m.bodyFont) problems.push(`the text is set in "${m.fontFamily}"`);
  if (!m.placeholderFits) problems.push('the placeholder does not fit in the textarea (it would be cut off)');
  if (m.pageOverflow > 0) problems.push(`the page scrolls sideways by ${m.pageOverflow} px`);
  if (problems.length) fail(`${what}: ${problems.join('; ')}`);
}

/** Where the rate chart's points and month labels are, in page pixels. */
async function measureChart(page) {
  return page.evaluate((chartSel) => {
    const charts = [...document.querySelectorAll(chartSel)].filter((c) => c.getClientRects().length > 0);
    const chart = charts[charts.length - 1];
    if (!chart) return null;
    // Lines of text an element's contents take (a stretched flex cell is still one line).
    const linesOf = (el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    };
    const centre = (el) => {
      const r = el.getBoundingClientRect();
      return { x: (r.left + r.right) / 2, left: r.left, right: r.right, top: Math.round(r.top), lines: linesOf(el) };
    };
    // The first line's dots (or its 样本不足 marks), one per month.
    const firstLine = chart.querySelector('.chart__plot--line')?.firstElementChild;
    const firstSeries = [...(firstLine?.querySelectorAll('.chart__dot') ?? [])].map(centre);
    const ticks = [...chart.querySelectorAll('.chart__tick')].map((t) => ({ text: t.textContent, ...centre(t) }));
    const rows = [...document.querySelectorAll('[data-testid="stats-month-row"] .hl-table__cell:first-child')].filter((c) => c.getClientRects().length > 0).map((c) => ({ text: c.textContent, ...centre(c) }));
    return { points: firstSeries, ticks, rows, width: window.innerWidth, pageOverflow: document.documentElement.scrollWidth - window.innerWidth };
  }, sel.chartRates);
}

function checkChart(m, what) {
  if (!m) fail(`${what}: no rate chart on screen`);
  if (m.ticks.length !== 12) fail(`${what}: ${m.ticks.length} month labels, expected 12`);
  if (m.points.length !== 12) fail(`${what}: ${m.points.length} month slots of the first line, expected 12`);
  const worst = Math.max(...m.ticks.map((t, i) => Math.abs(t.x - m.points[i].x)));
  if (worst > 1.5) fail(`${what}: month labels sit up to ${worst.toFixed(1)} px off their points`);
  const cut = m.ticks.filter((t) => t.left < 0 || t.right > m.width);
  if (cut.length) fail(`${what}: month labels cut off or off-screen: ${cut.map((t) => t.text).join(', ')}`);
  const wrapped = m.ticks.filter((t) => t.lines > 1);
  if (wrapped.length) fail(`${what}: month labels wrap: ${wrapped.map((t) => t.text).join(', ')}`);
  // Labels in the same row (they may be staggered in two) must not overlap.
  const overlap = m.ticks.filter((t, i) => m.ticks.some((u, j) => j < i && u.top === t.top && t.left < u.right - 0.5));
  if (overlap.length) fail(`${what}: month labels overlap: ${overlap.map((t) => t.text).join(', ')}`);
  const wrappedRows = m.rows.filter((r) => r.lines > 1);
  if (wrappedRows.length) fail(`${what}: month cells of the table wrap: ${wrappedRows.map((r) => r.text).join(', ')}`);
  if (m.pageOverflow > 0) fail(`${what}: the page scrolls sideways by ${m.pageOverflow} px`);
}

async function login(page, name) {
  await page.goto(url('#/pages/mine/index'), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
  await visible(page, sel.mine, 'the 我的 page');
  await page.locator(sel.loginName).first().fill(name);
  await page.locator(sel.loginSubmit).first().click();
  await visible(page, sel.userCard, 'the user card after login');
  await page.locator(sel.bindPhone).first().click();
  await until(page, sel.userPhone, (t) => /\d{3}\*{4}\d{4}/.test(t), 'the masked phone after binding');
}

async function openForm(page) {
  await page.goto(url('#/pages/hotline/index'), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
  await visible(page, sel.form, 'the 诉求 form');
}

async function choosePhoto(page, file) {
  const chooser = page.waitForEvent('filechooser', { timeout: TIMEOUT_MS });
  await page.locator(sel.addPhoto).first().click();
  await (await chooser).setFiles(file);
}

runBrowserTest('forms.e2e', ['H5_URL', 'CASE_SIM_URL'], artifacts, async (browser, apiLog) => {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  const pageErrors = watchPageErrors(page, {
    allow: [
      // Taro's H5 chooseMedia console.errors the decoder's error Event for a chosen file that is not
      // an image (this test chooses a PDF and random bytes on purpose); the app names the file instead.
      { text: /^Event$/, why: 'Taro chooseMedia logging a refused non-image' },
    ],
  });
  page.on('response', (res) => {
    if (res.url().includes('/api/')) apiLog.push(`${res.request().method()} ${new URL(res.url()).pathname} → ${res.status()}`);
  });
  // Each step runs even when an earlier one failed (they are independent), so one run tells every problem.
  const failures = [];
  const check = (label, work) =>
    step(label, work).catch(async (error) => {
      process.stdout.write('FAILED\n');
      failures.push(`${label}: ${error.message}`);
      await shot(`failure-${failures.length}`).catch(() => undefined);
    });
  const shot = (what) => page.screenshot({ path: resolve(artifacts, `forms-${what}.png`), fullPage: true });
  const sizes = [
    ['375', PHONE, 1],
    ['320', NARROW, 1],
    ['320-large', NARROW, LARGE_TEXT],
  ];
  try {
    await page.goto(url('#/pages/index/index'), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
    await login(page, `e2e_forms_${Date.now().toString(36)}`);

    await check('the description textarea stays in its frame, off its counter, placeholder in the page font', async () => {
      await openForm(page);
      for (const [label, viewport, scale] of sizes) {
        await layout(page, viewport, scale);
        checkTextArea(await measureTextArea(page, sel.description), `hotline form at ${label}`);
      }
      await layout(page, PHONE);
    });

    await check('提交诉求 with errors: the first error is in view and its field has the focus', async () => {
      for (const [label, viewport] of sizes.slice(0, 2)) {
        await layout(page, viewport);
        await openForm(page);
        await page.locator(`${sel.description} textarea`).first().fill('只写了描述，没有选类型也没有标题。');
        await page.locator(sel.submit).first().click();
        await visible(page, '[data-testid="error-type"]', 'the 诉求类型 error');
        await page.waitForTimeout(600);
        const seen = await page.evaluate(() => {
          const errors = [...document.querySelectorAll('[data-testid="ticket-form"] [role="alert"]')].filter((e) => e.getClientRects().length > 0);
          const first = errors[0];
          const r = first.getBoundingClientRect();
          const active = document.activeElement;
          return {
            first: first.dataset.testid,
            inView: r.top >= 0 && r.bottom <= window.innerHeight,
            top: r.top,
            focusIn: active?.closest('[data-testid^="field-"]')?.dataset.testid ?? active?.tagName ?? null,
          };
        });
        if (seen.first !== 'error-type') fail(`at ${label}: the first error is ${seen.first}, expected error-type`);
        if (!seen.inView) fail(`at ${label}: the first error is off-screen (top ${seen.top.toFixed(0)} px)`);
        if (seen.focusIn !== 'field-type') fail(`at ${label}: the focus is on ${seen.focusIn}, not in the 诉求类型 field`);
        await shot(`errors-${label}`);
      }
      await layout(page, PHONE);
    });

    await check('a PDF or random bytes named .jpg chosen as a photo: the reason is shown', async () => {
      await openForm(page);
      await choosePhoto(page, { name: 'notice.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
      await visible(page, sel.photoError, 'the reason a PDF was refused', 8000);
      const pdf = await textOf(page, sel.photoError);
      if (!/JPG|JPEG|PNG|图片/.test(pdf)) fail(`the PDF message does not say why: "${pdf}"`);
      await page.locator('[data-testid="type-consult"]').first().click(); // clears nothing: the message stays until the next choice
      const random = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256));
      await choosePhoto(page, { name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: random });
      await until(page, sel.photoError, (t) => t.length > 0 && t !== pdf, 'the reason a broken .jpg was refused', 10_000).catch(async () => {
        if (!(await page.locator(sel.photoError).count())) fail('a broken .jpg was dropped without a message');
      });
      const broken = await textOf(page, sel.photoError);
      if (!/图片|JPG|JPEG|PNG/.test(broken)) fail(`the broken .jpg message does not say why: "${broken}"`);
      if (await page.locator(sel.photo).count()) fail('a refused file was added as a photo');
      await shot('photo-refused-375');
      await choosePhoto(page, { name: 'scene.png', mimeType: 'image/png', buffer: makePng() });
      await visible(page, sel.photo, 'a valid PNG after the refused ones');
      if (await page.locator(sel.photoError).count()) fail(`a valid PNG left a message: ${await textOf(page, sel.photoError)}`);
    });

    await check('the rate chart: labels under their points, all 12 months on screen, nothing wrapped', async () => {
      await page.goto(url('#/features/hotline/pages/stats/index'), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
      await visible(page, sel.chartRates, 'the rates chart');
      for (const [label, viewport, scale] of [...sizes, ['desktop', { width: 1280, height: 900 }, 1]]) {
        await layout(page, viewport, scale);
        checkChart(await measureChart(page), `stats at ${label}`);
        if (label !== 'desktop') await shot(`stats-${label}`);
      }
      await layout(page, PHONE);
    });

    await check('home and the 热线 tab show the same month, figures and labels', async () => {
      await page.goto(url('#/pages/index/index'), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
      await visible(page, '[data-testid="hotline-stats"]', "home's hotline figures");
      const home = await textOf(page, '[data-testid="hotline-stats"]');
      for (const [label, viewport] of sizes.slice(0, 2)) {
        await layout(page, viewport);
        await shot(`home-hotline-${label}`);
      }
      await layout(page, PHONE);
      await page.goto(url('#/pages/hotline/index'), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
      await visible(page, '[data-testid="stats-summary"]', 'the 热线 tab figures');
      const tab = await textOf(page, '[data-testid="stats-summary"]');
      const norm = (t) => t.replace(/\s+/g, ' ').trim();
      if (norm(home) !== norm(tab)) fail(`home and the 热线 tab differ:\n    home: ${norm(home)}\n    tab:  ${norm(tab)}`);
      if (!/\d{4}年\d{1,2}月/.test(tab)) fail(`the figures state no period: ${norm(tab)}`);
      if (/满意度|已办结/.test(tab)) fail(`the figures use other labels than the stats page (满意率, 办结): ${norm(tab)}`);
    });

    await check('the rating page: its textarea stays in its frame at 375 and 320', async () => {
      await openForm(page);
      await page.locator('[data-testid="type-complaint"]').first().click();
      await page.locator(`${sel.description} textarea`).first().fill('楼道照明坏了一个多月，晚上出入很不方便，希望尽快维修。');
      await page.locator('[data-testid="input-title"] input').first().fill(`楼道照明损坏 e2e ${Date.now().toString(36)}`);
      await page.locator(sel.submit).first().click();
      await visible(page, '[data-testid="submitted"]', 'the confirmation');
      await until(page, '[data-testid="submitted-status"]', (t) => t.startsWith('已转交'), 'forwarded to the case system', PROGRESS_TIMEOUT_MS);
      const card = await textOf(page, '[data-testid="submitted"]');
      const caseNo = (/12345-\d{8}-\d{6}/.exec(card) || [''])[0];
      await page.locator('[data-testid="open-my-tickets"]').first().click();
      await visible(page, '[data-testid="ticket-row"]', 'a row in 我的诉求');
      await page.locator('[data-testid="ticket-row"]').first().click();
      await visible(page, '[data-testid="ticket"][data-state="ok"]', 'the ticket');
      const deadline = Date.now() + PROGRESS_TIMEOUT_MS;
      while ((await page.locator('[data-testid="ticket"]').first().getAttribute('data-status')) !== 'closed') {
        if (Date.now() > deadline) fail('the ticket did not reach 办结');
        await advanceCase(CASE_SIM_URL, caseNo).catch(() => undefined);
        await page.waitForTimeout(1500);
      }
      await visible(page, '[data-testid="open-rate"]', 'the 评价办理结果 button');
      await page.locator('[data-testid="open-rate"]').first().click();
      await visible(page, '[data-testid="rate"][data-state="open"]', 'the rating form');
      for (const [label, viewport, scale] of sizes) {
        await layout(page, viewport, scale);
        checkTextArea(await measureTextArea(page, sel.comment), `rating page at ${label}`);
        if (scale === 1) await shot(`rating-${label}`);
      }
      await layout(page, PHONE);
    });

    if (failures.length) fail(`${failures.length} step(s) failed:\n  - ${failures.join('\n  - ')}`);
    pageErrors.check('forms');
  } catch (error) {
    await shot('failure').catch(() => undefined);
    apiLog.push(...pageErrors.errors.map((e) => `page error: ${e}`));
    throw error;
  } finally {
    await context.close();
  }
});
