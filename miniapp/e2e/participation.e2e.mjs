// Browser test of 我的消息, the 我的 badge and the staff 工作台 in the H5 build, against the whole stack.
//   node scripts/browser-test.mjs          (starts everything, sets the URLs below)
//   H5_URL=… CASE_SIM_URL=… node miniapp/e2e/participation.e2e.mjs
// Per viewport (a 375×667 phone, then a desktop), as a fresh simulated citizen: log in at 我的 and
// bind the phone → submit a 诉求 with 不公开个人信息 → the case simulator moves it to 办结
// (POST /__sim/advance) → the unread badge appears on the 我的 tab and 我的 counts the messages →
// 我的消息 lists them (large text too) → the 办结 message opens the rating page → rate it →
// back in 我的消息 it is read; 全部已读 clears the badge → the citizen is refused 工作台.
// Then as the simulated staff `staff-hotline` (STAFF_ROLES from scripts/start.mjs): 工作台 with
// the hotline desk's counts → the desk finds the ticket by keyword → its detail shows the
// identity the citizen hid from the department; on the desktop the list and the detail sit side
// by side and 导出 CSV downloads the filtered tickets. `staff-admin` opens the audit log.
// Serious/critical axe-core findings on the new pages fail the run.
// Screenshots go to <repo>/.artifacts/participation-*.png. Exits non-zero on the first failure.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DESKTOP, PHONE, TIMEOUT_MS, accountSelectors, advanceCase, clickTab, fail, inContext, runBrowserTest, signIn, step, textOf, until, visible } from './support.mjs';
import { expectAccessible, expectNoSidewaysScroll } from './checks.mjs';

const H5_URL = process.env.H5_URL;
const CASE_SIM_URL = process.env.CASE_SIM_URL;
// Forwarding, the case system's callbacks and the BFF's notices take a few seconds each.
const PROGRESS_TIMEOUT_MS = Number(process.env.E2E_PROGRESS_TIMEOUT_MS || 60_000);
const artifacts = resolve(dirname(fileURLToPath(import.meta.url)), '../../.artifacts');

// The simulated staff names scripts/start.mjs grants roles to.
const STAFF_HOTLINE = 'staff-hotline';
const STAFF_ADMIN = 'staff-admin';

const viewports = [PHONE, DESKTOP];

const sel = {
  ...accountSelectors,
  logout: '[data-testid="logout"]',
  title: '[data-testid="input-title"] input',
  description: '[data-testid="input-description"] textarea',
  address: '[data-testid="input-address"] input',
  anonymous: '[data-testid="toggle-anonymous"]',
  submit: '[data-testid="submit-ticket"]',
  submitted: '[data-testid="submitted"]',
  trackingNo: '[data-testid="tracking-no"]',
  submittedStatus: '[data-testid="submitted-status"]',
  mineTabBadge: '.weui-tabbar__item:has-text("我的") .taro-tabbar-badge',
  mineUnread: '[data-testid="mine-unread"]',
  openInbox: '[data-testid="open-inbox"]',
  inbox: '[data-testid="inbox"]',
  inboxRow: '[data-testid="inbox-row"]',
  inboxSummary: '[data-testid="inbox-summary"]',
  readAll: '[data-testid="inbox-read-all"]',
  rate: '[data-testid="rate"]',
  ratingSatisfied: '[data-testid="rating-satisfied"]',
  submitRating: '[data-testid="submit-rating"]',
  openWorkbench: '[data-testid="open-workbench"]',
  workbench: '[data-testid="workbench"]',
  workbenchForbidden: '[data-testid="workbench-forbidden"]',
  tool: '[data-testid="workbench-tool"][data-tool="hotline"]',
  desk: '[data-testid="desk"]',
  deskFiltersToggle: '[data-testid="desk-filters-toggle"]',
  deskKeyword: '[data-testid="desk-keyword"] input',
  deskSearch: '[data-testid="desk-search"]',
  deskRow: '[data-testid="desk-row"]',
  deskDetail: '[data-testid="desk-detail"]',
  deskIdentity: '[data-testid="desk-identity"]',
  deskPhone: '[data-testid="desk-contact-phone"]',
  deskList: '[data-testid="desk-list"]',
  deskExport: '[data-testid="desk-export"]',
  deskExportResult: '[data-testid="desk-export-result"]',
  audit: '[data-testid="audit"]',
};

const pageUrl = (path) => new URL(`#${path}`, H5_URL).toString();

async function citizenFlow(browser, profile, apiLog) {
  const { name } = profile;
  const citizen = `e2e_pt_${name}_${Date.now().toString(36)}`;
  const title = `楼道照明损坏无人维修 e2e ${name} ${Date.now().toString(36)}`;
  const ticket = { title, trackingNo: '', caseTicketNo: '', phoneMasked: '' };

  await inContext(browser, profile, { artifacts, prefix: 'participation', apiLog, failure: 'citizen-failure', failOnPageErrors: true }, async (page, shot) => {
    await step(`log in as ${citizen} and bind the phone`, async () => {
      await signIn(page, citizen);
      await page.locator(sel.bindPhone).first().click();
      ticket.phoneMasked = await until(page, sel.userPhone, (t) => /^\d{3}\*{4}\d{4}$/.test(t), 'the masked phone after binding');
    });

    await step('submit a 诉求 with 不公开个人信息', async () => {
      await clickTab(page, '热线');
      await visible(page, sel.form, 'the 诉求 form');
      await page.locator('[data-testid="type-help"]').first().click();
      await page.locator(sel.title).first().fill(title);
      await page.locator(sel.description).first().fill('三号楼二单元楼道照明坏了两周，晚上上下楼很不安全，物业一直没有维修，请帮助协调。');
      await page.locator(sel.address).first().fill('滨江区江南大道 88 号三号楼');
      await page.locator(sel.anonymous).first().click();
      if ((await page.locator(sel.anonymous).first().getAttribute('aria-checked')) !== 'true') fail('不公开个人信息 did not switch on');
      await page.locator(sel.submit).first().click();
      await visible(page, sel.submitted, 'the confirmation');
      ticket.trackingNo = await textOf(page, sel.trackingNo);
      await until(page, sel.submittedStatus, (t) => t.startsWith('已转交'), 'the confirmation did not switch to 已转交', PROGRESS_TIMEOUT_MS);
      ticket.caseTicketNo = (/12345-\d{8}-\d{6}/.exec(await textOf(page, sel.submitted)) || [''])[0];
      if (!ticket.caseTicketNo) fail('the confirmation shows no 12345 ticket number once accepted');
    });

    await step('the case system closes it (办结) and the unread badge appears on 我的', async () => {
      for (let i = 0; i < 3; i++) await advanceCase(CASE_SIM_URL, ticket.caseTicketNo);
      // Each tab's show re-reads the count: alternate tabs until the notices have arrived.
      const deadline = Date.now() + PROGRESS_TIMEOUT_MS;
      let badge = '';
      while (Date.now() < deadline) {
        await clickTab(page, '首页');
        await page.waitForTimeout(400);
        await clickTab(page, '我的');
        await page.waitForTimeout(600);
        badge = (await page.locator(sel.mineTabBadge).first().textContent({ timeout: 500 }).catch(() => '')) || '';
        const unread = await page.locator(sel.mineUnread).first().textContent({ timeout: 500 }).catch(() => '');
        // 受理 and 办结: two messages.
        if (Number(badge) >= 2 && /^\d+ 条未读$/.test((unread || '').trim())) break;
      }
      if (!(Number(badge) >= 2)) fail(`the 我的 tab shows no unread badge of 2 or more within ${PROGRESS_TIMEOUT_MS} ms (badge "${badge}")`);
      const unread = await textOf(page, sel.mineUnread);
      if (!unread.startsWith(`${badge} `)) fail(`我的 says "${unread}" but the tab badge says ${badge}`);
      await shot('mine-badge');
    });

    await step('我的消息 lists the messages newest first, unread marked in text', async () => {
      await page.locator(sel.openInbox).first().click();
      await visible(page, `${sel.inbox}[data-state="ok"]`, 'the inbox');
      const rows = page.locator(sel.inboxRow);
      const first = (await rows.first().innerText()).trim();
      if (!first.includes('诉求已办结') || !first.includes(title)) fail(`the newest message is not the 办结 of "${title}": ${first.slice(0, 160)}`);
      if (!first.includes('未读')) fail('the unread message does not say 未读');
      const summary = await textOf(page, sel.inboxSummary);
      if (!/共 \d+ 条，\d+ 条未读/.test(summary)) fail(`the inbox summary reads "${summary}"`);
      await expectNoSidewaysScroll(page, 'the inbox');
      await expectAccessible(page, `${sel.inbox}[data-state="ok"]`, 'the inbox');
      await shot('inbox');
    });

    if (name === 'phone') {
      await step('with large text (150 %) the inbox still fits the phone', async () => {
        await page.evaluate(() => {
          document.documentElement.dataset.e2eFont = document.documentElement.style.fontSize;
          document.documentElement.style.fontSize = `${parseFloat(getComputedStyle(document.documentElement).fontSize) * 1.5}px`;
        });
        await page.waitForTimeout(200);
        await expectNoSidewaysScroll(page, 'the inbox with large text');
        await shot('inbox-large-text');
        await page.evaluate(() => {
          document.documentElement.style.fontSize = document.documentElement.dataset.e2eFont || '';
        });
      });
    }

    await step('the 办结 message opens the rating page; rating it returns to a read message', async () => {
      await page.locator(sel.inboxRow, { hasText: '诉求已办结' }).first().click();
      await visible(page, `${sel.rate}[data-state="open"]`, 'the rating form');
      await page.locator(sel.ratingSatisfied).first().click();
      await page.locator(sel.submitRating).first().click();
      // The rate page goes back to 我的消息, which reads the list again.
      await visible(page, `${sel.inbox}[data-state="ok"]`, 'the inbox after rating', PROGRESS_TIMEOUT_MS);
      const closedRow = page.locator(sel.inboxRow, { hasText: '诉求已办结' }).first();
      const deadline = Date.now() + TIMEOUT_MS;
      while ((await closedRow.getAttribute('data-read')) !== 'true') {
        if (Date.now() > deadline) fail('the 办结 message is still unread after it was opened');
        await page.waitForTimeout(250);
      }
    });

    await step('全部已读 reads the rest and the badge goes', async () => {
      await page.locator(sel.readAll).first().click();
      await until(page, sel.inboxSummary, (t) => t.endsWith('全部已读'), 'the summary did not say 全部已读');
      if (await page.locator('[data-testid="inbox-unread"]').count()) fail('a message still says 未读 after 全部已读');
      await shot('inbox-read');
      await page.goto(pageUrl('/pages/mine/index'));
      await visible(page, sel.openInbox, 'the 我的消息 entry');
      await until(page, sel.openInbox, (t) => t.includes('暂无未读'), '我的 still counts unread messages');
      if (await page.locator(sel.mineTabBadge).count()) fail('the 我的 tab still shows a badge after 全部已读');
    });

    await step('a citizen is refused the 工作台 with a clear message', async () => {
      if (await page.locator(sel.openWorkbench).count()) fail('我的 offers 工作台 to a citizen');
      await page.goto(pageUrl('/features/workbench/pages/home/index'));
      await visible(page, sel.workbenchForbidden, 'the 工作台 refusal');
      const text = await textOf(page, sel.workbenchForbidden);
      if (!text.includes('没有使用权限')) fail(`the refusal reads "${text}"`);
      await shot('workbench-forbidden');
    });
  });
  return ticket;
}

async function staffFlow(browser, profile, ticket, apiLog) {
  const { name } = profile;
  const options = { acceptDownloads: true };
  await inContext(browser, profile, { artifacts, prefix: 'participation', apiLog, failure: 'staff-failure', options, failOnPageErrors: true }, async (page, shot) => {
    await step(`log in as ${STAFF_HOTLINE}: 我的 shows the role and 工作台`, async () => {
      await signIn(page, STAFF_HOTLINE);
      const card = await textOf(page, sel.userCard);
      if (!card.includes('热线工单')) fail(`the user card of ${STAFF_HOTLINE} does not show the role 热线工单: ${card.slice(0, 120)}`);
      await visible(page, sel.openWorkbench, 'the 工作台 entry (is STAFF_ROLES set by scripts/start.mjs?)');
    });

    await step('工作台 lists the hotline desk with its queue counts', async () => {
      await page.locator(sel.openWorkbench).first().click();
      await visible(page, `${sel.workbench}[data-state="ok"]`, 'the 工作台');
      await visible(page, sel.tool, 'the 12345 desk tool');
      const tool = await textOf(page, sel.tool);
      if (!/\d/.test(tool)) fail(`the desk tool shows no counts: ${tool.slice(0, 160)}`);
      await expectAccessible(page, `${sel.workbench}[data-state="ok"]`, 'the 工作台');
      await shot('workbench');
    });

    await step('the desk finds the ticket by keyword and shows the hidden identity', async () => {
      await page.locator(sel.tool).first().click();
      await visible(page, `${sel.desk}[data-state="ok"]`, 'the hotline desk');
      if (name === 'phone') await page.locator(sel.deskFiltersToggle).first().click();
      await page.locator(sel.deskKeyword).first().fill(ticket.title);
      await page.locator(sel.deskSearch).first().click();
      const row = page.locator(`${sel.deskRow}[data-no="${ticket.trackingNo}"]`).first();
      await visible(page, `${sel.deskRow}[data-no="${ticket.trackingNo}"]`, `the row of ${ticket.trackingNo}`);
      const rowText = (await row.innerText()).trim();
      if (!rowText.includes('不公开身份')) fail(`the row does not mark the hidden identity: ${rowText.slice(0, 160)}`);
      await shot('desk-list');
      await row.click();
      await visible(page, `${sel.deskDetail}[data-state="ok"]`, 'the ticket detail');
      const phone = await textOf(page, sel.deskPhone);
      const [head, tail] = ticket.phoneMasked.split('****');
      if (!/^1\d{10}$/.test(phone) || !phone.startsWith(head) || !phone.endsWith(tail)) fail(`the desk shows "${phone}", not the full number behind ${ticket.phoneMasked}`);
      const identity = await textOf(page, sel.deskIdentity);
      if (!identity.includes('不公开个人信息')) fail(`the identity section does not say the citizen hid it: ${identity.slice(0, 160)}`);
      await expectAccessible(page, `${sel.desk}[data-state="ok"]`, 'the hotline desk');
      await shot('desk-detail');
    });

    if (name === 'desktop') {
      await step('on a desktop the list and the detail sit side by side', async () => {
        const list = await page.locator(sel.deskList).first().boundingBox();
        const detail = await page.locator(sel.deskDetail).first().boundingBox();
        if (!list || !detail) fail('the list or the detail is not shown on the desktop');
        if (!(detail.x >= list.x + list.width - 1 && Math.abs(detail.y - list.y) < 400)) fail(`the detail is not beside the list: list ${JSON.stringify(list)}, detail ${JSON.stringify(detail)}`);
        const fontSize = await page.locator(`${sel.deskRow}[data-no="${ticket.trackingNo}"]`).first().evaluate((el) => parseFloat(getComputedStyle(el.querySelector('.desk-row__title')).fontSize));
        if (fontSize > 20) fail(`the desk's text is the phone layout scaled up (${fontSize} px titles)`);
      });

      await step('导出 CSV downloads the filtered tickets', async () => {
        const download = page.waitForEvent('download', { timeout: TIMEOUT_MS });
        await page.locator(sel.deskExport).first().click();
        const file = await download;
        if (!/^12345诉求-\d{4}-\d{2}-\d{2}\.csv$/.test(file.suggestedFilename())) fail(`the download is named "${file.suggestedFilename()}"`);
        const csv = await readFile(await file.path(), 'utf8');
        if (!csv.includes(ticket.trackingNo)) fail(`the CSV does not list ${ticket.trackingNo}: ${csv.slice(0, 200)}`);
        await visible(page, sel.deskExportResult, 'the export result');
      });
    }

    await step(`${STAFF_ADMIN} opens the audit log`, async () => {
      await signIn(page, STAFF_ADMIN);
      await page.goto(pageUrl('/features/workbench/pages/audit/index'));
      await visible(page, `${sel.audit}[data-state="ok"]`, 'the audit log');
      await shot('audit');
    });
  });
}

runBrowserTest('participation.e2e', ['H5_URL', 'CASE_SIM_URL'], artifacts, async (browser, apiLog) => {
  for (const profile of viewports) {
    console.log(`[${profile.name}] ${profile.viewport.width}×${profile.viewport.height}`);
    const ticket = await citizenFlow(browser, profile, apiLog);
    await staffFlow(browser, profile, ticket, apiLog);
  }
});
