// Browser test of the 12345 hotline (issue 4) in the H5 build against the whole stack.
//   node scripts/browser-test.mjs          (starts everything, sets the URLs below)
//   H5_URL=… CASE_SIM_URL=… node miniapp/e2e/hotline.e2e.mjs
// Per viewport (desktop, then a 375×667 phone), as a fresh simulated citizen: the 热线 tab
// signed out (login prompt + published figures) → log in at 我的 and bind the phone → fill
// the form with a generated PNG photo → submit → the tracking number and "已提交，正在转交"
// until the case system accepts → 我的诉求 lists it → its timeline advances as the case
// simulator moves the ticket (POST /__sim/advance) → once 办结, rate it → the statistics page.
// Screenshots go to <repo>/.artifacts/hotline-*.png. Exits non-zero on the first failure.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DESKTOP, PHONE, TIMEOUT_MS, accountSelectors, advanceCase, fail, inContext, makePng, runBrowserTest, step, textOf, until, visible } from './support.mjs';

const H5_URL = process.env.H5_URL;
const CASE_SIM_URL = process.env.CASE_SIM_URL;
// Waiting for the case system: forwarding, status callbacks and the page's own 10 s refresh.
const PROGRESS_TIMEOUT_MS = Number(process.env.E2E_PROGRESS_TIMEOUT_MS || 45_000);
const artifacts = resolve(dirname(fileURLToPath(import.meta.url)), '../../.artifacts');

const viewports = [DESKTOP, PHONE];

const sel = {
  ...accountSelectors,
  hotline: '[data-testid="hotline"]',
  loginPrompt: '[data-testid="hotline-login"]',
  statsSummary: '[data-testid="stats-summary"]',
  boundPhone: '[data-testid="bound-phone"]',
  title: '[data-testid="input-title"] input',
  description: '[data-testid="input-description"] textarea',
  address: '[data-testid="input-address"] input',
  addPhoto: '[data-testid="add-photo"]',
  photo: '[data-testid="photo"]',
  photoError: '[data-testid="error-photos"]',
  submit: '[data-testid="submit-ticket"]',
  submitError: '[data-testid="submit-error"]',
  submitted: '[data-testid="submitted"]',
  trackingNo: '[data-testid="tracking-no"]',
  submittedStatus: '[data-testid="submitted-status"]',
  myTickets: '[data-testid="open-my-tickets"]',
  ticketRow: '[data-testid="ticket-row"]',
  ticket: '[data-testid="ticket"]',
  step: '[data-testid="step"]',
  timelineEntry: '[data-testid="timeline-entry"]',
  countdown: '[data-testid="countdown"]',
  explanation: '[data-testid="deadline-explanation"]',
  openRate: '[data-testid="open-rate"]',
  rate: '[data-testid="rate"]',
  ratingSatisfied: '[data-testid="rating-satisfied"]',
  comment: '[data-testid="input-comment"] textarea',
  submitRating: '[data-testid="submit-rating"]',
  ticketRating: '[data-testid="ticket-rating"]',
  openStats: '[data-testid="open-stats"]',
  statsTotals: '[data-testid="stats-totals"]',
  chartMonthly: '[data-testid="chart-monthly"]',
  chartRates: '[data-testid="chart-rates"]',
};

async function clickTab(page, text, fallbackHash) {
  const tab = page.locator('.weui-tabbar__item', { hasText: text }).first();
  if (await tab.count()) await tab.click();
  else await page.goto(new URL(fallbackHash, H5_URL).toString());
}

async function runViewport(browser, profile, apiLog) {
  const { name } = profile;
  console.log(`[${name}] ${profile.viewport.width}×${profile.viewport.height}`);
  const title = `小区夜间施工噪音扰民 e2e ${name} ${Date.now().toString(36)}`;
  let trackingNo = '';
  let caseTicketNo = '';

  await inContext(browser, profile, { artifacts, prefix: 'hotline', apiLog, failOnPageErrors: true }, async (page, shot) => {
    await step('热线 tab signed out: login prompt and published figures', async () => {
      const res = await page.goto(new URL('#/pages/hotline/index', H5_URL).toString(), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
      if (!res || !res.ok()) fail(`GET ${H5_URL} answered ${res ? res.status() : 'nothing'}`);
      await visible(page, sel.loginPrompt, 'the login prompt of the 热线 tab');
      await visible(page, sel.statsSummary, 'the published figures on the 热线 tab');
      const figures = await textOf(page, sel.statsSummary);
      if (!/满意率/.test(figures) || !/\d+\/\d+/.test(figures)) fail(`the figures lack a rate with its denominator: ${figures.slice(0, 160)}`);
      if (await page.locator(sel.form).count()) fail('the submit form is shown to a signed-out visitor');
      await shot('signed-out');
    });

    await step('log in at 我的 (simulated WeChat) and bind the phone', async () => {
      await clickTab(page, '我的', '#/pages/mine/index');
      await visible(page, sel.mine, 'the 我的 page');
      await page.locator(sel.loginName).first().fill(`e2e_hl_${name}_${Date.now().toString(36)}`);
      await page.locator(sel.loginSubmit).first().click();
      await visible(page, sel.userCard, 'the user card after login');
      await page.locator(sel.bindPhone).first().click();
      await until(page, sel.userPhone, (t) => /\d{3}\*{4}\d{4}/.test(t), 'the masked phone after binding');
    });

    await step('fill the 诉求 form with a generated PNG photo', async () => {
      await clickTab(page, '热线', '#/pages/hotline/index');
      await visible(page, sel.form, 'the 诉求 form');
      const phone = await textOf(page, sel.boundPhone);
      if (!/^\d{3}\*{4}\d{4}$/.test(phone)) fail(`the contact phone is not the masked bound phone: "${phone}"`);
      await page.locator('[data-testid="type-complaint"]').first().click();
      await page.locator(sel.title).first().fill(title);
      await page.locator(sel.description).first().fill('每天晚上十一点以后仍有打桩施工，噪音很大，严重影响附近居民休息，希望尽快处理。');
      await page.locator(sel.address).first().fill('滨江区江南大道 88 号东门');
      const chooser = page.waitForEvent('filechooser', { timeout: TIMEOUT_MS });
      await page.locator(sel.addPhoto).first().click();
      await (await chooser).setFiles({ name: 'scene.png', mimeType: 'image/png', buffer: makePng() });
      await visible(page, sel.photo, 'the uploaded photo');
      if (await page.locator(sel.photoError).count()) fail(`the photo upload failed: ${await textOf(page, sel.photoError)}`);
      await shot('form');
    });

    await step('submit: tracking number and 已提交，正在转交 until the case system accepts', async () => {
      await page.locator(sel.submit).first().click();
      await visible(page, sel.submitted, 'the confirmation');
      trackingNo = await textOf(page, sel.trackingNo);
      if (!/^RX-\d{8}-[0-9A-Z]{6}$/.test(trackingNo)) fail(`the tracking number looks wrong: "${trackingNo}"`);
      const first = await textOf(page, sel.submittedStatus);
      if (!/正在转交|已转交/.test(first)) fail(`the confirmation shows no forwarding state: "${first}"`);
      await shot('submitted');
      await until(page, sel.submittedStatus, (t) => t.startsWith('已转交'), 'the confirmation did not switch to 已转交', PROGRESS_TIMEOUT_MS);
      const card = await textOf(page, sel.submitted);
      caseTicketNo = (/12345-\d{8}-\d{6}/.exec(card) || [''])[0];
      if (!caseTicketNo) fail(`the confirmation shows no 12345 ticket number once accepted: ${card.slice(0, 200)}`);
    });

    await step('我的诉求 lists it', async () => {
      await page.locator(sel.myTickets).first().click();
      await visible(page, sel.ticketRow, 'a row in 我的诉求');
      const row = page.locator(sel.ticketRow, { hasText: trackingNo }).first();
      if (!(await row.count())) fail(`我的诉求 does not list ${trackingNo}: ${(await textOf(page, '[data-testid="tickets"]')).slice(0, 200)}`);
      const text = (await row.innerText()).trim();
      if (!text.includes(title)) fail(`the row of ${trackingNo} lacks its title: ${text.slice(0, 160)}`);
      await shot('my-tickets');
      await row.click();
      await visible(page, `${sel.ticket}[data-state="ok"]`, 'the ticket timeline');
    });

    await step('the timeline advances as the case system moves the ticket, to 办结', async () => {
      const doneSteps = async () => page.locator(`${sel.step}[data-done="true"]`).count();
      const before = await doneSteps();
      if (before < 1) fail('no step is done on the timeline of an accepted ticket');
      const explanation = await textOf(page, sel.explanation);
      if (!/工作日/.test(explanation)) fail(`the deadline explanation does not mention working days: "${explanation}"`);
      const c1 = await textOf(page, sel.countdown);
      await page.waitForTimeout(1500);
      const c2 = await textOf(page, sel.countdown);
      const status = await page.locator(sel.ticket).first().getAttribute('data-status');
      if (status !== 'closed' && c1 === c2) fail(`the countdown does not tick: "${c1}"`);
      // One step per call until 办结 (the 3 s clock may have moved it already).
      for (let i = 0; i < 3; i++) {
        const now = await page.locator(sel.ticket).first().getAttribute('data-status');
        if (now === 'closed') break;
        await advanceCase(CASE_SIM_URL, caseTicketNo);
      }
      const deadline = Date.now() + PROGRESS_TIMEOUT_MS;
      while ((await page.locator(sel.ticket).first().getAttribute('data-status')) !== 'closed') {
        if (Date.now() > deadline) fail(`the ticket did not reach 办结 on screen within ${PROGRESS_TIMEOUT_MS} ms (status ${await page.locator(sel.ticket).first().getAttribute('data-status')})`);
        await page.waitForTimeout(500);
      }
      const after = await doneSteps();
      if (after <= before || after < 4) fail(`the steps did not advance: ${before} → ${after} done`);
      const entries = await page.locator(sel.timelineEntry).count();
      if (entries < 5) fail(`the timeline lists ${entries} entries; expected 已提交, 受理, 派单, 办理中, 办结`);
      await shot('timeline');
    });

    await step('rate it once it is 办结', async () => {
      await visible(page, sel.openRate, 'the 评价办理结果 button');
      await page.locator(sel.openRate).first().click();
      await visible(page, `${sel.rate}[data-state="open"]`, 'the rating form');
      await page.locator(sel.ratingSatisfied).first().click();
      await page.locator(sel.comment).first().fill('处理及时，感谢！');
      await page.locator(sel.submitRating).first().click();
      await visible(page, sel.ticketRating, 'my rating on the timeline', PROGRESS_TIMEOUT_MS);
      const rating = await textOf(page, sel.ticketRating);
      if (!rating.includes('满意') || !rating.includes('处理及时')) fail(`the rating shown is not the one given: ${rating}`);
      if (await page.locator(sel.openRate).count()) fail('评价办理结果 is still offered after rating');
      await shot('rated');
    });

    await step('statistics page with charts, denominators and definitions', async () => {
      await page.goto(new URL('#/features/hotline/pages/stats/index', H5_URL).toString());
      await visible(page, sel.statsTotals, 'the statistics totals');
      await visible(page, sel.chartMonthly, 'the monthly chart');
      await visible(page, sel.chartRates, 'the rates chart');
      const totals = await textOf(page, sel.statsTotals);
      if (!/\d[\d,]*\/\d[\d,]*/.test(totals)) fail(`the totals show no denominators: ${totals.slice(0, 160)}`);
      await shot('stats');
    });
  });
}

runBrowserTest('hotline.e2e', ['H5_URL', 'CASE_SIM_URL'], artifacts, async (browser, apiLog) => {
  for (const profile of viewports) await runViewport(browser, profile, apiLog);
});
