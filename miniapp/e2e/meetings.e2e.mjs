// Browser test of 列席会议 (issue 11), the lottery loop, on the shared stack of
// scripts/browser-test.mjs (E2E_ONLY=meetings npm run test:browser):
//   - a lottery meeting of this run is published on the portal simulator (PUT /__sim/content/
//     meetings/…), applications open for ten minutes;
//   - a citizen (375×667) finds it from the 参与 tab, reads it, applies as 公众 and gets a public
//     draw number; two more citizens apply through the API, so the category has reserves;
//   - staff-admin in the 工作台 (375×667): the tool 列席会议 → the meeting → states the public
//     randomness source before the close;
//   - the portal moves the close to a few seconds from now (the same hook); once the BFF sees it
//     closed, staff enter the published value and run the 公众 draw (the run-once dialog);
//   - the citizen sees the result on the meeting page and 抽签公示 step by step, and 复核 on the
//     page recomputes it: ✓ 复核一致; the command the page shows (scripts/verify-draw.mjs with the
//     page's address of the draw) agrees.
// Uncaught page errors, console errors and serious/critical axe-core findings fail the run.
// Screenshots go to <repo>/.artifacts/meetings-*.png.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PHONE, TIMEOUT_MS, accountSelectors, fail, inContext, runBrowserTest, step, textOf, until, visible } from './support.mjs';
import { expectAccessible } from './checks.mjs';
import { api, chinaIso, confirmModal, expectAccessibleForm, expectGood, pageUrl, putContent, signIn, tokenOf, waitFor, withLargeText } from './flows.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = resolve(here, '../../.artifacts');
const STAFF_PHONE = { ...PHONE, name: 'staff-phone' };
const STAFF_ADMIN = 'staff-admin';
const RUN = Date.now().toString(36);
const MT = `mt-e2e-${RUN}`;
const CITIZEN = `e2e_mt_a_${RUN}`;
const OTHERS = [`e2e_mt_b_${RUN}`, `e2e_mt_c_${RUN}`];
const SOURCE = '2026年12月5日公布的中国福利彩票双色球开奖号码（按公布顺序，以空格分隔）';
const PUBLIC_VALUE = '03 09 14 21 27 31 + 08';
const REASON = '我住在旧城改造片区，想了解改造方案的讨论过程。';

const sel = {
  ...accountSelectors,
  logout: '[data-testid="logout"]',
  participate: '[data-testid="participate"][data-state="ok"]',
  openMeetings: '[data-testid="open-meetings"]',
  list: '[data-testid="meeting-list"][data-state="ok"]',
  row: `[data-testid="meeting-row"][data-id="${MT}"]`,
  detail: '[data-testid="meeting-detail"][data-state="ok"]',
  openApply: '[data-testid="open-apply"]',
  form: '[data-testid="apply-form"]',
  reason: '[data-testid="input-reason"] textarea',
  submit: '[data-testid="submit-apply"]',
  done: '[data-testid="apply-done"]',
  drawNumber: '[data-testid="done-draw-number"]',
  myApp: '[data-testid="my-application"]',
  openDraw: '[data-testid="open-draw"]',
  draw: '[data-testid="draw-page"][data-state="ok"]',
  verify: '[data-testid="run-verify"]',
  verifyOk: '[data-testid="verify-ok"]',
  workbench: '[data-testid="workbench"][data-state="ok"]',
  tool: '[data-testid="workbench-tool"][data-tool="meetings"]',
  desk: '[data-testid="meeting-desk"][data-state="ok"]',
  staffRow: `[data-testid="staff-meeting"][data-id="${MT}"]`,
  work: '[data-testid="meeting-work"][data-state="ok"]',
  sourceInput: '[data-testid="draw-source-input"] textarea',
  sourceSave: '[data-testid="draw-source-save"]',
  sourceResult: '[data-testid="draw-source-result"]',
  publicDraw: '[data-testid="category-draw"][data-category="public"]',
};

function meetingRecord(closesAt) {
  return {
    id: MT,
    title: `江海市人民政府第 ${RUN} 次常务会议`,
    organizer: '江海市人民政府办公室',
    startsAt: chinaIso(Date.now() + 3 * 86_400_000),
    location: '市政府 3 号楼第一会议室',
    agenda: ['审议《江海市老旧小区改造实施方案》', '研究部署冬季供暖保障工作'],
    seats: { public: 2, stakeholder: 0, expert: 0, media: 1 },
    applicationClosesAt: chinaIso(closesAt),
    selection: 'lottery',
  };
}
async function citizenApplies(page, shot) {
  await step(`[citizen] log in as ${CITIZEN}`, () => signIn(page, CITIZEN));

  await step('[citizen] 参与 → 列席政府会议 → the list shows the meeting with its phase, method and seats', async () => {
    await page.goto(pageUrl('/pages/participate/index'), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
    await visible(page, sel.participate, 'the 参与 tab');
    await page.locator(sel.openMeetings).first().click();
    await visible(page, sel.list, 'the meetings list');
    const row = await until(page, sel.row, (t) => t.includes('接受申请'), 'the run’s meeting in the list');
    for (const want of ['公开抽签', '3 个列席席位', '江海市人民政府办公室']) if (!row.includes(want)) fail(`the row does not show "${want}": ${row}`);
    await expectGood(page, 'the meetings list');
    await expectAccessible(page, sel.list, 'the meetings list');
    await shot('list');
  });

  await step('[citizen] the meeting: agenda, seats, the method in a sentence, the source not yet stated', async () => {
    await page.locator(sel.row).first().click();
    await visible(page, sel.detail, 'the meeting page');
    await until(page, '[data-testid="meeting-selection"]', (t) => t.includes('任何人都可以复核') && t.includes('将在申请截止前公布'), 'the method and the source to come');
    await visible(page, '[data-testid="meeting-agenda"]', 'the agenda');
    await expectGood(page, 'the meeting page');
    await expectAccessible(page, sel.detail, 'the meeting page');
    await shot('detail');
    await withLargeText(page, 'the meeting page', shot, 'detail-large-text');
  });

  let drawNumber = '';
  await step('[citizen] apply as 公众: a draw number and what comes next', async () => {
    await page.locator(`${sel.openApply}:visible`).first().click();
    await visible(page, `${sel.form}:visible`, 'the application form');
    await page.locator('[data-testid="category-media"]:visible').first().click();
    await visible(page, '[data-testid="input-organisation"]:visible', 'the 所在单位 field for 媒体');
    await page.locator('[data-testid="category-public"]:visible').first().click();
    await page.locator(`${sel.reason}:visible`).first().fill(REASON);
    await until(page, `${sel.form}:visible`, (t) => t.includes(`${REASON.length}/500 字`), 'the character counter');
    await expectGood(page, 'the application form');
    await expectAccessibleForm(page, sel.form, 'the application form', 2400);
    await shot('apply');
    await withLargeText(page, 'the application form', shot, 'apply-large-text');
    await page.locator(`${sel.submit}:visible`).first().click();
    drawNumber = await until(page, `${sel.drawNumber}:visible`, (t) => /^\d{6}$/.test(t), 'the public draw number');
    await until(page, `${sel.done}:visible`, (t) => t.includes('申请截止后公开抽签'), 'what comes next');
    await shot('applied');
  });
  return drawNumber;
}

async function staffStatesSource(page, shot) {
  await step(`${STAFF_ADMIN}: 工作台 → 列席会议 → the meeting, source not stated`, async () => {
    await signIn(page, STAFF_ADMIN);
    await page.goto(pageUrl('/features/workbench/pages/home/index'), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
    await visible(page, sel.workbench, 'the workbench');
    await visible(page, sel.tool, 'the 列席会议 tool');
    await page.locator(sel.tool).first().click();
    await visible(page, sel.desk, 'the meetings desk');
    await visible(page, `${sel.staffRow} [data-testid="source-missing"]`, 'the note that the source is missing');
    await expectGood(page, 'the meetings desk');
    await expectAccessible(page, sel.desk, 'the meetings desk');
    await shot('staff-desk');
    await page.locator(sel.staffRow).first().click();
    await visible(page, sel.work, 'the meeting’s work page');
  });

  await step(`${STAFF_ADMIN}: states the draw source before the close`, async () => {
    await page.locator(`${sel.sourceInput}:visible`).first().fill(SOURCE);
    await page.locator(`${sel.sourceSave}:visible`).first().click();
    await until(page, sel.sourceResult, (t) => t.includes('已公布'), 'the stated source');
    await expectGood(page, 'the meeting’s work page');
    await expectAccessibleForm(page, sel.work, 'the meeting’s work page', 2400);
    await shot('staff-source');
    await withLargeText(page, 'the meeting’s work page', shot, 'staff-source-large-text');
  });
}

async function staffRunsDraw(page, shot) {
  await step(`${STAFF_ADMIN}: after the close, enters the published value and runs the 公众 draw`, async () => {
    await signIn(page, STAFF_ADMIN);
    await page.goto(pageUrl(`/features/workbench/pages/meeting/index?id=${MT}`), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
    await visible(page, `${sel.publicDraw} [data-testid="draw-value"]`, 'the 公众 draw input');
    await until(page, '[data-testid="draw-source"]', (t) => t.includes(SOURCE), 'the stated source, now fixed');
    await page.locator(`${sel.publicDraw} [data-testid="draw-value"] input`).first().fill(PUBLIC_VALUE);
    await shot('staff-draw');
    await page.locator(`${sel.publicDraw} [data-testid="draw-run"]`).first().click();
    await confirmModal(page, '抽签');
    await until(page, `${sel.publicDraw} [data-testid="draw-result"]`, (t) => t.includes('已抽签'), 'the draw result');
    await until(page, `${sel.publicDraw} [data-testid="category-drawn"]`, (t) => t.includes(PUBLIC_VALUE), 'the drawn category');
    await expectGood(page, 'the meeting after the draw');
    await shot('staff-drawn');
  });
}

async function citizenChecks(page, shot, drawNumber) {
  await step('[citizen] the meeting page shows the result of the draw for the citizen', async () => {
    await signIn(page, CITIZEN);
    await page.goto(pageUrl(`/features/meetings/pages/detail/index?id=${MT}`), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
    await visible(page, sel.detail, 'the meeting page');
    const card = await until(page, sel.myApp, (t) => /已选定|候补/.test(t), 'the citizen’s result', TIMEOUT_MS);
    if (!card.includes(drawNumber)) fail(`the card does not show the draw number ${drawNumber}: ${card}`);
    await until(page, '[data-testid="draw-source"]', (t) => t.includes(`抽签将使用：${SOURCE}`), 'the stated source');
    await shot('result');
  });

  await step('[citizen] 抽签公示 step by step, and 复核 on the phone: ✓ 复核一致', async () => {
    await page.locator(`${sel.openDraw}:visible`).first().click();
    await visible(page, sel.draw, '抽签公示');
    const pub = '[data-testid="draw-category"][data-category="public"]';
    await until(page, pub, (t) => t.includes(drawNumber) && t.includes(PUBLIC_VALUE) && t.includes('种子'), 'the 公众 computation');
    await visible(page, `${pub} [data-testid="shuffle-step"]`, 'the shuffle steps');
    await expectGood(page, '抽签公示');
    await expectAccessible(page, sel.draw, '抽签公示');
    await page.locator(`${sel.verify}:visible`).first().click();
    await until(page, sel.verifyOk, (t) => t.includes('✓ 复核一致'), 'the phone’s 复核');
    // The command the page gives, run as a citizen would elsewhere: node:crypto, no app code.
    const command = await textOf(page, '[data-testid="verify-command"]');
    const [, script, url] = /^node (scripts\/verify-draw\.mjs) (\S+)$/.exec(command) ?? [];
    if (!url || !url.endsWith(`/api/v1/meetings/${MT}/draw`)) fail(`the verify command reads: ${command}`);
    const run = spawnSync(process.execPath, [resolve(here, '../..', script), url], { encoding: 'utf8', timeout: TIMEOUT_MS });
    if (run.status !== 0) fail(`${command} exited ${run.status}: ${run.stdout}${run.stderr}`);
    await shot('draw');
    // The computation below the fold: the shuffle steps (all of them), then the order and the reserves.
    const toggle = page.locator(`${pub} [data-testid="shuffle-toggle"]`);
    if (await toggle.count()) await toggle.first().click();
    await page.locator(`${pub} [data-testid="shuffle-steps"]`).first().scrollIntoViewIfNeeded();
    await shot('draw-steps');
    await page.locator(`${pub} [data-testid="draw-reserves"]`).first().scrollIntoViewIfNeeded();
    const reserves = await textOf(page, `${pub} [data-testid="draw-reserves"]`);
    if (!/候补（按顺序）：\d{6}/.test(reserves)) fail(`three applicants for two seats leave one reserve; the page says: ${reserves}`);
    await shot('draw-order');
    await withLargeText(page, '抽签公示', shot, 'draw-large-text');
  });

  await step('[citizen] 我的 → 我的列席申请 shows the application with its result', async () => {
    await page.goto(pageUrl('/pages/mine/index'), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
    await page.locator('[data-testid="open-my-meeting-applications"]').first().click();
    await visible(page, '[data-testid="my-applications"][data-state="ok"]', '我的列席申请');
    await until(page, `[data-testid="my-applications"] ${sel.myApp}`, (t) => t.includes(drawNumber) && /已选定|候补/.test(t), 'the application in 我的列席申请');
    await expectGood(page, '我的列席申请');
    await expectAccessible(page, '[data-testid="my-applications"][data-state="ok"]', '我的列席申请');
    await shot('mine');
  });
}

await runBrowserTest('meetings', ['H5_URL', 'BFF_URL', 'PORTAL_SIM_URL'], artifacts, async (browser, apiLog) => {
  await putContent('meetings', meetingRecord(Date.now() + 10 * 60_000));
  await waitFor(async () => (await api('GET', `/api/v1/meetings/${MT}`)).status === 200, `the BFF serves ${MT}`);
  // The list is cached apart from the page (stale-while-revalidate): an earlier test may have just
  // read it, so the first read after the publish can still be the old copy. Wait until it is not.
  await waitFor(async () => ((await api('GET', '/api/v1/meetings')).body?.items ?? []).some((m) => m.id === MT), `the BFF's meeting list has ${MT}`);
  const opts = { artifacts, prefix: 'meetings', apiLog, failOnPageErrors: true };

  const drawNumber = await inContext(browser, PHONE, opts, (page, shot) => citizenApplies(page, shot));
  for (const [i, name] of OTHERS.entries()) {
    const r = await api('POST', `/api/v1/meetings/${MT}/applications`, {
      token: await tokenOf(name),
      headers: { 'Idempotency-Key': `e2e-meeting-${RUN}-${i}` },
      body: { category: 'public', reason: '关心旧城改造，希望旁听讨论。' },
    });
    if (r.status !== 201) fail(`the application of ${name} answered ${r.status}: ${JSON.stringify(r.body)}`);
  }

  await inContext(browser, STAFF_PHONE, opts, (page, shot) => staffStatesSource(page, shot));

  await step('the portal closes applications a few seconds from now; the BFF freezes the rosters', async () => {
    await putContent('meetings', meetingRecord(Date.now() + 3_000));
    await waitFor(async () => {
      const r = await api('GET', `/api/v1/meetings/${MT}/draw`);
      return r.status === 200 && r.body.categories.some((c) => c.category === 'public' && c.rosterHash && c.roster.length === 3);
    }, 'the frozen 公众 roster of three', 30_000);
  });

  await inContext(browser, STAFF_PHONE, opts, (page, shot) => staffRunsDraw(page, shot));
  await inContext(browser, PHONE, opts, (page, shot) => citizenChecks(page, shot, drawNumber));
});
