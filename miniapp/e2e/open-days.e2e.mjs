// Browser test of 政府开放日 (issue 11) on the shared stack of scripts/browser-test.mjs
// (E2E_ONLY=open-days npm run test:browser):
//   - an open day of this run is published on the portal simulator (PUT /__sim/content/…),
//     registration open since an hour ago, two sessions later this week;
//   - a citizen (375×667) finds it from the 参与 tab, reads its sessions and places, signs up
//     for the first session with a companion, sees 报名成功, then the check-in pass: the QR code
//     (labelled 签到二维码) and the 8-character code; the same pass with large text;
//   - staff-admin (375×667) opens 工作台 → 开放日报名 → 签到 of that session, types the code the
//     citizen's screen shows at that moment, and sees 签到成功 with the masked name and party
//     size; typed again, 已签到过; the citizen's pass then says 已签到.
// Uncaught page errors and serious/critical axe-core findings fail the run. Screenshots go to
// <repo>/.artifacts/open-days-*.png. Exits non-zero on the first failure.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PHONE, TIMEOUT_MS, fail, inContext, json, runBrowserTest, signIn, step, textOf, until, visible, waitFor } from './support.mjs';
import { expectAccessible, expectAccessibleForm, expectNoSidewaysScroll, withLargeText } from './checks.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = resolve(here, '../../.artifacts');
const { H5_URL, BFF_URL, PORTAL_SIM_URL } = process.env;
const STAFF_PHONE = { ...PHONE, name: 'staff-phone' };
const STAFF_ADMIN = 'staff-admin';
const RUN = Date.now().toString(36);
const OD = `od-e2e-${RUN}`;
const CITIZEN = `e2e_od_${RUN}`;
/** Valid resident ID numbers (their check digits are right). */
const APPLICANT = { name: '张三', idNumber: '11010519491231002X', phone: '13812345678' };
const COMPANION = { name: '李四', idNumber: '110105199003071239' };

const sel = {
  participate: '[data-testid="participate"][data-state="ok"]',
  entry: '[data-testid="entry-open-days"]',
  list: '[data-testid="open-days"][data-state="ok"]',
  row: `[data-testid="open-day-row"][data-id="${OD}"]`,
  detail: '[data-testid="open-day"][data-state="ok"]',
  session: '[data-testid="session"]',
  openRegister: '[data-testid="open-register"]',
  form: '[data-testid="register-form"]',
  sessionChip: (id) => `[data-testid="session-${id}"]`,
  input: (testId) => `[data-testid="${testId}"] input`,
  addCompanion: '[data-testid="add-companion"]',
  submit: '[data-testid="submit-registration"]',
  result: '[data-testid="register-result"]',
  resultPass: '[data-testid="result-open-pass"]',
  pass: '[data-testid="pass"]',
  qr: '[role="img"][aria-label="签到二维码"]',
  shortCode: '[data-testid="pass-short-code"]',
  attended: '[data-testid="pass-attended"]',
  workbench: '[data-testid="workbench"][data-state="ok"]',
  tool: '[data-testid="workbench-tool"][data-tool="open-days"]',
  desk: '[data-testid="od-desk"][data-state="ok"]',
  deskDay: `[data-testid="od-desk-day"][data-id="${OD}"]`,
  checkIn: '[data-testid="check-in-desk"]',
  code: '[data-testid="check-in-code"] input',
  checkInSubmit: '[data-testid="check-in-submit"]',
  checkInResult: '[data-testid="check-in-result"]',
};

const pageUrl = (path) => new URL(`#${path}`, H5_URL).toString();
/** China time with an offset, as the portal writes it. */
const chinaIso = (ms) => new Date(ms + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;


/** No sideways scrolling and exactly one visible level-1 heading. */
async function expectGood(page, what) {
  await expectNoSidewaysScroll(page, what);
  const h1 = await page.locator('[role="heading"][aria-level="1"]:visible').count();
  if (h1 !== 1) fail(`${what} has ${h1} visible level-1 headings`);
}

/** Types into a Taro input of the visible page. */
async function fill(page, testId, value) {
  await page.locator(`${sel.input(testId)}:visible`).first().fill(value);
}

/** The 8-character code the citizen's pass shows right now (spaces for reading aloud removed). */
async function currentCode(page) {
  const code = (await textOf(page, `${sel.shortCode}:visible`)).replace(/\s+/g, '');
  if (!/^[0-9A-Z]{8}$/.test(code)) fail(`the pass shows "${code}", not an 8-character code`);
  return code;
}

async function citizenSignsUp(page, shot) {
  await step(`[citizen] log in as ${CITIZEN}`, () => signIn(page, CITIZEN));

  await step('[citizen] 参与 → 政府开放日 → the run’s open day', async () => {
    await page.goto(pageUrl('/pages/participate/index'), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
    await visible(page, sel.participate, 'the 参与 tab');
    await page.locator(`${sel.entry}:visible`).first().click();
    await visible(page, sel.list, 'the open-day list');
    await until(page, sel.row, (t) => t.includes('报名中') && /余位 50\/50/.test(t), `the card of ${OD} with 报名中 and its places`);
    await expectGood(page, 'the open-day list');
    await expectAccessible(page, sel.list, 'the open-day list');
    await shot('list');
  });

  await step('[citizen] the open day: sessions with places, 我要报名', async () => {
    await page.locator(sel.row).first().click();
    await visible(page, sel.detail, 'the open-day page');
    const sessions = await page.locator(`${sel.detail} ${sel.session}:visible`).count();
    if (sessions !== 2) fail(`the open day shows ${sessions} sessions, not 2`);
    await until(page, `${sel.session}[data-id="s1"]:visible`, (t) => t.includes('余位 30/30'), 'the places of the first session');
    await expectGood(page, 'the open-day page');
    await expectAccessible(page, sel.detail, 'the open-day page');
    await shot('detail');
  });

  await step('[citizen] sign up for the first session with a companion', async () => {
    await page.locator(`${sel.openRegister}:visible`).first().click();
    await visible(page, `${sel.form}:visible`, 'the sign-up form');
    await page.locator(`${sel.sessionChip('s1')}:visible`).first().click();
    await fill(page, 'input-name', APPLICANT.name);
    // A wrong check digit is refused in the app, with the contract's words.
    await fill(page, 'input-id-number', `${APPLICANT.idNumber.slice(0, 17)}1`);
    await fill(page, 'input-phone', APPLICANT.phone);
    await page.locator(`${sel.addCompanion}:visible`).first().click();
    await fill(page, 'input-companion-0-name', COMPANION.name);
    await fill(page, 'input-companion-0-id-number', COMPANION.idNumber);
    await page.locator(`${sel.submit}:visible`).first().click();
    await until(page, '[data-testid="error-idNumber"]:visible', (t) => t.includes('末位校验码'), 'the check-digit message');
    await shot('form-error');
    await fill(page, 'input-id-number', APPLICANT.idNumber);
    await expectGood(page, 'the sign-up form');
    await expectAccessibleForm(page, sel.form, 'the sign-up form');
    await shot('form');
    await withLargeText(page, 'the sign-up form', shot, 'form-large-text');
    await page.locator(`${sel.submit}:visible`).first().click();
    await until(page, `${sel.result}:visible`, (t) => t.includes('报名成功') && t.includes('共 2 人'), '报名成功 for 2');
    await shot('registered');
  });

  await step('[citizen] the check-in pass: QR code and the 8-character code', async () => {
    await page.locator(`${sel.resultPass}:visible`).first().click();
    await visible(page, `${sel.qr}:visible`, 'the QR code (签到二维码)');
    const runs = await page.locator(`${sel.qr}:visible .od-qr-box__run`).count();
    if (runs < 100) fail(`the QR code is drawn with ${runs} runs`);
    const box = await page.locator(`${sel.qr}:visible`).first().boundingBox();
    if (!box || box.width < 200 || Math.abs(box.width - box.height) > 2) fail(`the QR code is ${box?.width}×${box?.height}, not a square of at least 200 px`);
    await currentCode(page);
    await until(page, '[data-testid="pass-who"]:visible', (t) => t.includes('张*') && t.includes('共 2 人'), 'the masked name and party size');
    await expectGood(page, 'the pass');
    await expectAccessible(page, sel.pass, 'the pass');
    await shot('pass');
    await withLargeText(page, 'the pass', shot, 'pass-large-text');
  });
}

async function staffChecksIn(page, shot, citizenPage) {
  await step(`[staff] ${STAFF_ADMIN}: 工作台 → 开放日报名 → 签到 of the first session`, async () => {
    await signIn(page, STAFF_ADMIN);
    await page.goto(pageUrl('/features/workbench/pages/home/index'), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
    await visible(page, sel.workbench, '工作台');
    await page.locator(sel.tool).first().click();
    await visible(page, sel.desk, '开放日报名');
    await until(page, `${sel.deskDay} [data-testid="od-desk-session"][data-id="s1"]`, (t) => /1\s*已报名/.test(t), 'the first session with 1 party confirmed');
    await expectGood(page, '开放日报名');
    await expectAccessible(page, `${sel.desk}`, '开放日报名');
    await shot('desk');
    await page.locator(`${sel.deskDay} [data-testid="od-desk-session"][data-id="s1"] [data-testid="od-desk-session-check-in"]`).first().click();
    await visible(page, `${sel.checkIn}:visible`, 'the check-in desk');
    await until(page, '[data-testid="check-in-session-label"]:visible', (t) => t.includes(`e2e ${RUN}`), 'the chosen session named');
  });

  await step('[staff] the code the citizen reads out → 签到成功 with the masked name and party size', async () => {
    // Read at this moment: the pass changes every 30 s, staff accept the current and previous window.
    const code = await currentCode(citizenPage);
    await page.locator(`${sel.code}:visible`).first().fill(code.toLowerCase());
    await page.locator(`${sel.checkInSubmit}:visible`).first().click();
    await until(page, `${sel.checkInResult}:visible`, (t) => t.includes('签到成功') && t.includes('张*') && t.includes('共 2 人'), '签到成功 for 张* · 2');
    await expectGood(page, 'the check-in desk');
    await expectAccessible(page, sel.checkIn, 'the check-in desk');
    await shot('check-in');
    await withLargeText(page, 'the check-in desk', shot, 'check-in-large-text');
  });

  await step('[staff] the same party again → 已签到过', async () => {
    const code = await currentCode(citizenPage).catch(() => null);
    if (!code) return; // the citizen's pass already switched to 已签到
    await page.locator(`${sel.code}:visible`).first().fill(code);
    await page.locator(`${sel.checkInSubmit}:visible`).first().click();
    await until(page, `${sel.checkInResult}:visible`, (t) => t.includes('已签到过'), '已签到过');
    await shot('check-in-repeat');
  });
}

runBrowserTest('open-days.e2e', ['H5_URL', 'BFF_URL', 'PORTAL_SIM_URL'], artifacts, async (browser, apiLog) => {
  const ctx = (failure) => ({ artifacts, prefix: 'open-days', apiLog, failure, failOnPageErrors: true });

  await step(`publish ${OD} on the portal, registration open since an hour ago`, async () => {
    const now = Date.now();
    const record = {
      id: OD,
      title: `走进城市排水调度中心（e2e ${RUN}）`,
      host: '江海市水务局',
      description: '参观排水调度大厅和泵站，了解汛期城市排水如何调度。',
      location: '江海市排水调度中心（滨江路 120 号）',
      registrationOpensAt: chinaIso(now - HOUR),
      registrationClosesAt: chinaIso(now + 2 * DAY),
      sessions: [
        { id: 's1', startsAt: chinaIso(now + 3 * DAY), endsAt: chinaIso(now + 3 * DAY + 2 * HOUR), capacity: 30 },
        { id: 's2', startsAt: chinaIso(now + 4 * DAY), endsAt: chinaIso(now + 4 * DAY + 2 * HOUR), capacity: 20 },
      ],
    };
    const r = await json('PUT', new URL(`/__sim/content/open-days/${OD}`, PORTAL_SIM_URL), { body: record });
    if (r.status !== 200 && r.status !== 201) fail(`PUT /__sim/content/open-days/${OD} answered ${r.status}: ${JSON.stringify(r.body)}`);
    await waitFor(async () => {
      const one = await json('GET', new URL(`/api/v1/open-days/${OD}`, BFF_URL));
      const all = await json('GET', new URL('/api/v1/open-days', BFF_URL));
      return one.body?.item?.canRegister === true && all.body?.items?.some((d) => d.id === OD);
    }, `the BFF lists ${OD} as open for registration (the stack needs a short CACHE_FRESH_S, as browser-test.mjs sets)`, 90_000);
  });

  await inContext(browser, PHONE, ctx('failure'), async (citizenPage, citizenShot) => {
    await citizenSignsUp(citizenPage, citizenShot);
    await inContext(browser, STAFF_PHONE, ctx('failure'), (page, shot) => staffChecksIn(page, shot, citizenPage));
    await step('[citizen] the pass turns to 已签到 at its next refresh', async () => {
      await visible(citizenPage, `${sel.attended}:visible`, '已签到 on the pass', 40_000);
      await citizenShot('pass-attended');
    });
  });
});
