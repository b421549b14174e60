// Browser test of 民意征集 (issue 10), the whole loop, on the shared stack of
// scripts/browser-test.mjs (E2E_ONLY=consultations npm run test:browser):
//   - a consultation of this run is published on the portal simulator (PUT /__sim/content/…, a
//     copy of the demo draft con-001 under a new id, open since an hour ago);
//   - citizen A (375×667) and citizen B (320 px) find it on the 参与 tab, read the draft, comment
//     on article 3 and on the whole draft, and see both 待审核 in 我的意见; two more citizens
//     comment through the API, and those two are approved through the API;
//   - staff-admin, in the 工作台 at 375×667: the moderator's tool with its count → the queue
//     (oldest first, pre-screen flags) → approves the two comments on article 3 and rejects the
//     two on the whole draft with a reason (one with a note, also at 320 px and with large text);
//     citizen A sees the result in 我的意见;
//   - the portal moves the close to now (the same hook): the BFF sees it once its cache is no
//     longer fresh (browser-test.mjs runs the stack with a short CACHE_FRESH_S);
//   - staff-admin on a 1280×800 desktop: the report refuses to publish naming how many remain →
//     意见处理 side by side → the two comments on article 3 grouped into a 意见要点 (采纳) → the
//     rest disposed in bulk (未采纳, reason required) → 导出意见 (CSV) → 发布采纳情况; 意见处理
//     and the report also at 320 px and with large text;
//   - citizens A and B find the outcome and the rejection in 我的消息, open the report from the
//     notice, and the consultation page leads to it.
// Uncaught page errors and serious/critical axe-core findings fail the run. Screenshots go to
// <repo>/.artifacts/consultations-*.png. Exits non-zero on the first failure.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DESKTOP, PHONE, TIMEOUT_MS, accountSelectors, fail, inContext, runBrowserTest, step, textOf, until, visible } from './support.mjs';
import { expectAccessible, expectNoSidewaysScroll } from './checks.mjs';
import { api, chinaIso, confirmModal, expectAccessibleForm, expectGood, json, pageUrl, putContent, signIn, sleep, tokenOf, waitFor, withLargeText } from './flows.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = resolve(here, '../../.artifacts');
const { PORTAL_SIM_URL } = process.env;
const NARROW = { ...PHONE, name: 'narrow', viewport: { width: 320, height: 568 } };
// Staff contexts are named apart from the citizens', so that their screenshots do not collide.
const STAFF_PHONE = { ...PHONE, name: 'staff-phone' };
const STAFF_DESKTOP = { ...DESKTOP, name: 'staff-desktop', viewport: { width: 1280, height: 800 } };
const STAFF_NARROW = { ...PHONE, name: 'staff-narrow', viewport: { width: 320, height: 640 } };
const STAFF_ADMIN = 'staff-admin';
const RUN = Date.now().toString(36);
const CON = `con-e2e-${RUN}`;
/** The demo draft whose text (and basis documents, linked to our policy pages) the run's consultation copies. */
const TEMPLATE = 'con-001';

const sel = {
  ...accountSelectors,
  logout: '[data-testid="logout"]',
  // citizens
  participate: '[data-testid="participate"][data-state="ok"]',
  row: `[data-testid="consultation-row"][data-id="${CON}"]`,
  consultation: '[data-testid="consultation"][data-state="ok"]',
  article3: '[data-testid="article"][data-no="3"]',
  articlePage: '[data-testid="article-page"][data-state="ok"]',
  commentHere: '[data-testid="comment-here"]',
  commentWhole: '[data-testid="comment-whole"]',
  form: '[data-testid="comment-form"]',
  text: '[data-testid="input-comment"] textarea',
  submit: '[data-testid="submit-comment"]',
  submitted: '[data-testid="comment-submitted"]',
  myComments: '[data-testid="my-comments"][data-state="ok"]',
  myRow: '[data-testid="my-comment"]',
  inbox: '[data-testid="inbox"]',
  inboxRow: '[data-testid="inbox-row"]',
  publicReport: '[data-testid="report"][data-state="ok"]',
  openReport: '[data-testid="open-report"]',
  // staff
  workbench: '[data-testid="workbench"]',
  tool: '[data-testid="workbench-tool"][data-tool="consultations"]',
  moderation: '[data-testid="moderation"]',
  modRow: (id) => `[data-testid="moderation-row"][data-id="${id}"]`,
  detail: '[data-testid="moderation-detail"]',
  flags: '[data-testid="moderation-flags"]',
  approve: '[data-testid="moderation-approve"]',
  reason: (r) => `[data-testid="reject-reason-${r}"]`,
  note: '[data-testid="reject-note"] textarea',
  rejectSubmit: '[data-testid="moderation-reject-submit"]',
  result: '[data-testid="moderation-result"]',
  dispositions: '[data-testid="dispositions"]',
  dispoList: '[data-testid="dispositions-list"]',
  dispoApply: '[data-testid="dispositions-apply"]',
  dispoRow: (id) => `[data-testid="dispositions-row"][data-id="${id}"]`,
  progress: '[data-testid="dispositions-progress"]',
  selectAll: '[data-testid="dispositions-select-all"]',
  mode: (m) => `[data-testid="dispo-mode-${m}"]`,
  disposition: (d) => `[data-testid="dispo-disposition-${d}"]`,
  pointTitle: '[data-testid="point-title"] input',
  dispoReason: '[data-testid="dispo-reason"] textarea',
  applySubmit: '[data-testid="dispositions-apply-submit"]',
  applyResult: '[data-testid="dispositions-apply-result"]',
  exportBtn: '[data-testid="dispositions-export"]',
  exportResult: '[data-testid="dispositions-export-result"]',
  report: '[data-testid="report"]',
  publish: '[data-testid="report-publish"]',
  publishResult: '[data-testid="report-publish-result"]',
  workingDays: '[data-testid="report-working-days"]',
  publicLink: '[data-testid="report-public-link"]',
};

/** What each citizen of the browser writes: on article 3, and on the whole draft (rejected later). */
const CITIZENS = {
  a: {
    profile: PHONE,
    name: `e2e_con_a_${RUN}`,
    article: '建议把新建小区养老服务用房的配建标准提高到每百户不少于30平方米。',
    whole: '这里有优惠代购，加微信领取养老补贴名额。',
  },
  b: {
    profile: NARROW,
    name: `e2e_con_b_${RUN}`,
    article: '新建小区配建的养老服务用房应当同步交付，建议明确逾期交付的责任。',
    whole: '代办养老补贴，电话 13812345678，价格实惠，欢迎咨询！',
  },
};
const POINT_TITLE = '提高并落实新建小区养老服务用房配建标准';
const NOT_ADOPTED_REASON = '街道综合养老服务中心的布局需与区级规划衔接，暂按本办法执行。';
const REJECT_NOTE = '含商业广告和联系电话';

/** A citizen in the browser: the 参与 tab, the draft, a comment on article 3 and one on the whole draft, 我的意见. */
async function citizenComments(page, shot, who) {
  const tag = `[${who.profile.name}]`;
  await step(`${tag} log in as ${who.name}`, () => signIn(page, who.name));

  await step(`${tag} 参与 tab: 征求中 first with the days left, then the other ways to take part`, async () => {
    await page.goto(pageUrl('/pages/participate/index'), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
    await visible(page, sel.participate, 'the 参与 tab');
    const groups = await page.locator('[data-testid^="group-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    if (groups[0] !== 'group-open') fail(`the first group is ${groups[0]}, not 征求中`);
    await until(page, sel.row, (t) => /剩余\d+天|今天截止/.test(t), `the days left on ${CON}`);
    await visible(page, '[data-testid="entry-open-days"]', 'the 政府开放日 entry');
    await expectGood(page, '参与');
    await expectAccessible(page, sel.participate, '参与');
    await shot('participate');
  });

  await step(`${tag} the consultation: articles with counts, countdown, basis`, async () => {
    await page.locator(sel.row).first().click();
    await visible(page, sel.consultation, 'the consultation page');
    await until(page, '[data-testid="countdown"]', (t) => /^距截止还有/.test(t), 'the countdown');
    const articles = await page.locator('[data-testid="article"]:visible').count();
    if (articles < 3) fail(`the draft shows ${articles} articles`);
    await visible(page, '[data-testid="basis-link"]', 'a basis document linked to our policy page');
    await expectGood(page, 'the consultation page');
    await expectAccessible(page, sel.consultation, 'the consultation page');
    await shot('detail');
  });

  await step(`${tag} comment on article 3`, async () => {
    await page.locator(`${sel.article3}:visible`).first().click();
    await visible(page, sel.articlePage, 'the page of article 3');
    await page.locator(`${sel.commentHere}:visible`).first().click();
    await visible(page, `${sel.form}:visible`, 'the comment form');
    await page.locator(`${sel.text}:visible`).first().fill(who.article);
    await until(page, `${sel.form}:visible`, (t) => t.includes(`${who.article.length}/2000 字`), 'the character counter');
    await expectGood(page, 'the comment form');
    await expectAccessibleForm(page, sel.form, 'the comment form');
    await shot('comment-form');
    await page.locator(`${sel.submit}:visible`).first().click();
    await until(page, `${sel.submitted}:visible`, (t) => t.includes('待审核'), 'the 待审核 confirmation');
    await shot('comment-submitted');
  });

  await step(`${tag} comment on the whole draft`, async () => {
    await page.goto(pageUrl(`/features/consultations/pages/detail/index?id=${CON}`), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
    await visible(page, sel.consultation, 'the consultation page');
    await page.locator(`${sel.commentWhole}:visible`).first().click();
    await visible(page, `${sel.form}:visible`, 'the whole-draft comment form');
    await page.locator(`${sel.text}:visible`).first().fill(who.whole);
    await page.locator(`${sel.submit}:visible`).first().click();
    await until(page, `${sel.submitted}:visible`, (t) => t.includes('待审核'), 'the 待审核 confirmation');
  });

  await step(`${tag} 我的意见 shows both 待审核`, async () => {
    await page.locator('[data-testid="view-my-comments"]:visible').first().click();
    await visible(page, sel.myComments, '我的意见');
    const states = await page.locator(`${sel.myRow}:visible`).evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    if (states.length !== 2 || states.some((s) => s !== 'pending')) fail(`我的意见 shows states ${states.join(', ')}`);
    await expectGood(page, '我的意见');
    await expectAccessible(page, sel.myComments, '我的意见');
    await shot('mine-pending');
  });

  // The ids, as the citizen's own API lists them, for the staff steps.
  const mine = await api('GET', `/api/v1/me/consultation-comments?consultationId=${CON}`, { token: await tokenOf(who.name) });
  who.onArticle = mine.body?.items?.find((c) => c.articleNo === 3)?.id;
  who.onWhole = mine.body?.items?.find((c) => c.articleNo === null)?.id;
  if (!who.onArticle || !who.onWhole) fail(`the comments of ${who.name} are ${JSON.stringify(mine.body)}`);
}

/** A citizen in the browser after the report: the notices in 我的消息, the report, the consultation page, 我的意见. */
async function citizenOutcome(page, shot, who, counts) {
  const tag = `[${who.profile.name}]`;
  await step(`${tag} 我的消息: the rejection, and the outcome notice that opens the report`, async () => {
    await page.goto(pageUrl('/features/notifications/pages/inbox/index'), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
    const outcome = `${sel.inboxRow}:has-text("您的意见：采纳")`;
    const started = Date.now();
    await visible(page, sel.inbox, '我的消息');
    while (!(await page.locator(outcome).count())) {
      if (Date.now() - started > TIMEOUT_MS) fail(`the outcome notice did not arrive in 我的消息; it shows: ${(await textOf(page, sel.inbox)).slice(0, 300)}`);
      await sleep(1000);
      await page.reload({ waitUntil: 'domcontentloaded' });
      await visible(page, sel.inbox, '我的消息');
    }
    await visible(page, `${sel.inboxRow}:has-text("未予公开")`, 'the rejection notice');
    await expectGood(page, '我的消息');
    await shot('inbox');
    await page.locator(outcome).first().click();
    await visible(page, sel.publicReport, 'the report opened from the notice');
    const figures = await textOf(page, `${sel.publicReport} [data-testid="report-counts"]`);
    if (!new RegExp(`收到意见\\s*${counts.received} 条`).test(figures) || !new RegExp(`审核后公开\\s*${counts.published} 条`).test(figures) || !/其中广告\s*2 条/.test(figures))
      fail(`the report counts read: ${figures}`);
    await until(page, `${sel.publicReport} [data-testid="share-adopted"]`, (t) => t.includes(`2 条 · 2/${counts.published}（50%）`), 'the share of 采纳');
    await until(page, `${sel.publicReport} [data-testid="report-points"]`, (t) => t.includes(POINT_TITLE), 'the 意见要点 in the report');
    await expectGood(page, 'the report');
    await expectAccessible(page, sel.publicReport, 'the report');
    await shot('report');
  });

  await step(`${tag} the consultation page leads to the report; 我的意见 shows the disposition`, async () => {
    await page.goto(pageUrl(`/features/consultations/pages/detail/index?id=${CON}`), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
    await visible(page, `${sel.consultation}[data-phase="reported"]`, 'the reported consultation');
    await visible(page, `${sel.openReport}:visible`, '查看意见采纳情况');
    await shot('detail-reported');
    await page.locator(`${sel.openReport}:visible`).first().click();
    await visible(page, sel.publicReport, 'the report opened from the consultation page');
    await page.goto(pageUrl(`/features/consultations/pages/mine/index?id=${CON}`), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
    await until(page, `${sel.myRow}[data-state="approved"] [data-testid="disposition"]`, (t) => t.includes('处理结果：采纳'), 'the disposition in 我的意见');
    await visible(page, `${sel.myRow}[data-state="rejected"]`, 'the rejected comment');
    await shot('mine-outcome');
  });
}

/** staff-admin at 375×667: the moderator's tool, the queue, two approvals and two rejections. */
async function moderate(page, shot, a, b) {
  await step(`${STAFF_ADMIN}: 工作台 shows the moderator's tool with its queue count`, async () => {
    await signIn(page, STAFF_ADMIN);
    await page.goto(pageUrl('/features/workbench/pages/home/index'));
    await visible(page, `${sel.workbench}[data-state="ok"]`, 'the workbench');
    const tool = await until(page, sel.tool, (t) => /\d+\s*待审核意见/.test(t), 'the moderator tool with 待审核意见');
    const pending = Number(/(\d+)\s*待审核意见/.exec(tool)[1]);
    if (pending < 4) fail(`the tool counts ${pending} pending comments, expected at least 4: ${tool.slice(0, 200)}`);
    await expectGood(page, 'the workbench');
    await shot('workbench');
  });

  await step('the queue lists the pending comments with their consultation, article and flags, oldest first', async () => {
    await page.locator(sel.tool).first().click();
    await visible(page, `${sel.moderation}[data-state="ok"]`, 'the moderation queue');
    await visible(page, sel.modRow(b.onWhole), 'the flagged comment in the queue');
    const flagged = await textOf(page, sel.modRow(b.onWhole));
    for (const want of ['含电话号码', '对草案整体', CON]) if (!flagged.includes(want)) fail(`the flagged row does not show "${want}": ${flagged.slice(0, 200)}`);
    const first = await textOf(page, sel.modRow(a.onArticle));
    if (!first.includes('第三条')) fail(`the row of the comment on article 3 does not name it: ${first.slice(0, 200)}`);
    const order = await page.locator('[data-testid="moderation-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    const at = [a.onArticle, a.onWhole, b.onArticle, b.onWhole].map((id) => order.indexOf(id));
    if (at.some((i, k) => i < 0 || (k > 0 && i < at[k - 1]))) fail(`the queue is not oldest first: positions ${at.join(', ')} in ${order.length} rows`);
    await expectGood(page, 'the queue');
    await expectAccessible(page, `${sel.moderation}[data-state="ok"]`, 'the moderation queue');
    await shot('queue');
  });

  await step('approve the two comments on article 3', async () => {
    for (const [k, id] of [a.onArticle, b.onArticle].entries()) {
      await page.locator(sel.modRow(id)).first().click();
      await visible(page, sel.detail, 'the comment under review');
      if (k === 0) {
        await expectAccessibleForm(page, sel.detail, 'the comment under review');
        await shot('review');
      }
      await page.locator(sel.approve).first().click();
      await until(page, sel.result, (t) => t.includes('已审核通过'), 'the approval result');
      if (await page.locator(sel.modRow(id)).count()) fail(`the approved comment ${id} is still in the queue`);
    }
  });

  await step("reject A's comment on the whole draft as 广告", async () => {
    await page.locator(sel.modRow(a.onWhole)).first().click();
    await visible(page, sel.detail, 'the comment under review');
    await page.locator(sel.reason('advertising')).first().click();
    await page.locator(sel.rejectSubmit).first().click();
    await until(page, sel.result, (t) => t.includes('已不予公开'), 'the rejection result');
  });

  await step("reject B's advertisement with a reason and a note (at 320 px and with large text too)", async () => {
    await page.locator(sel.modRow(b.onWhole)).first().click();
    await visible(page, sel.flags, 'the pre-screen flags of the comment');
    const flags = await textOf(page, sel.flags);
    if (!flags.includes('含电话号码')) fail(`the review does not highlight the phone number flag: ${flags}`);
    await page.locator(sel.rejectSubmit).first().click();
    await until(page, '[data-testid="error-reject-reason"]', (t) => t.includes('请选择不予公开的理由'), 'the missing reason message');
    await page.locator(sel.reason('advertising')).first().click();
    await page.locator(sel.note).first().fill(REJECT_NOTE);
    await page.setViewportSize({ width: 320, height: 640 });
    await page.waitForTimeout(200);
    await expectNoSidewaysScroll(page, 'the review at 320 px');
    await shot('review-320');
    await withLargeText(page, 'the review', shot, 'review-large-text');
    await page.setViewportSize(PHONE.viewport);
    await page.locator(sel.rejectSubmit).first().click();
    await until(page, sel.result, (t) => t.includes('已不予公开'), 'the rejection result');
    const r = await api('GET', `/api/v1/staff/consultation-comments?state=rejected&consultationId=${CON}`, { token: await tokenOf(STAFF_ADMIN) });
    const rejected = r.body?.items?.find((c) => c.id === b.onWhole);
    if (!rejected || rejected.rejectReason !== 'advertising' || rejected.rejectNote !== REJECT_NOTE) fail(`the BFF holds the rejection as ${JSON.stringify(rejected)}`);
    await shot('queue-after');
  });
}

/** staff-admin on a desktop after the close: the refusal, 意见处理 (a point and a bulk disposition), export, publication. */
async function disposeAndPublish(page, shot, ids) {
  const total = ids.approved.length;
  await signIn(page, STAFF_ADMIN);

  await step('发布 before every comment is disposed: the refusal names how many remain', async () => {
    await page.goto(pageUrl(`/features/workbench/pages/report/index?id=${CON}`));
    await visible(page, `${sel.report}[data-state="ok"]`, 'the report preview');
    await until(page, sel.workingDays, (t) => t.includes('已过 0 个工作日'), 'the working days since the close');
    await page.locator(sel.publish).first().click();
    await confirmModal(page, '发布');
    await until(page, sel.publishResult, (t) => t.includes(`还有 ${total} 条已公开的意见尚未处置`), `the refusal naming the ${total} undisposed comments`);
    await shot('report-refused');
  });

  await step(`意见处理: the list and the action panel side by side, 已处置 0 / ${total}`, async () => {
    await page.goto(pageUrl(`/features/workbench/pages/dispositions/index?id=${CON}`));
    await visible(page, `${sel.dispositions}[data-state="ok"]`, '意见处理');
    await visible(page, sel.dispoList, 'the approved comments');
    await until(page, sel.progress, (t) => t.includes(`已处置 0 / ${total}`), `the progress 0 / ${total}`);
    const list = await page.locator(sel.dispoList).first().boundingBox();
    const panel = await page.locator(sel.dispoApply).first().boundingBox();
    if (!list || !panel || !(panel.x >= list.x + list.width - 1)) fail(`the action panel is not beside the list: ${JSON.stringify({ list, panel })}`);
    await expectGood(page, '意见处理');
    await expectAccessibleForm(page, `${sel.dispositions}[data-state="ok"]`, '意见处理');
    await shot('dispositions');
  });

  await step('group the two comments on article 3 into a 意见要点 (采纳)', async () => {
    for (const c of ids.point) await page.locator(`${sel.dispoRow(c)} [data-testid="dispositions-check"]`).first().click();
    await page.locator(sel.mode('point')).first().click();
    await page.locator(sel.pointTitle).first().fill(POINT_TITLE);
    await page.locator(sel.disposition('adopted')).first().click();
    await page.locator(sel.applySubmit).first().click();
    await until(page, sel.applyResult, (t) => t.includes(`已将 ${ids.point.length} 条意见归为意见要点`), 'the new point');
    await until(page, sel.progress, (t) => t.includes(`已处置 ${ids.point.length} / ${total}`), 'the progress after the point');
  });

  await step('dispose the rest in bulk: select all, 未采纳 with a reason', async () => {
    const rest = total - ids.point.length;
    await page.locator(sel.mode('dispose')).first().click();
    for (const c of ids.bulk) await visible(page, sel.dispoRow(c), 'a remaining comment');
    await page.locator(sel.selectAll).first().click();
    await until(page, '[data-testid="dispositions-selected"]', (t) => t.includes(`已选 ${rest} 条`), 'the selection of the remaining comments');
    await page.locator(sel.disposition('not_adopted')).first().click();
    await page.locator(sel.applySubmit).first().click();
    await until(page, '[data-testid="error-dispo-reason"]', (t) => t.includes('须填写理由'), 'the missing reason message');
    await page.locator(sel.dispoReason).first().fill(NOT_ADOPTED_REASON);
    await page.locator(sel.applySubmit).first().click();
    await until(page, sel.applyResult, (t) => t.includes('还有 0 条尚未处置'), 'the bulk disposition');
    await until(page, sel.progress, (t) => t.includes(`已处置 ${total} / ${total}`), `the progress ${total} / ${total}`);
    await shot('dispositions-done');
  });

  await step('导出意见 downloads every comment as CSV', async () => {
    const download = page.waitForEvent('download', { timeout: TIMEOUT_MS });
    await page.locator(sel.exportBtn).first().click();
    const file = await download;
    if (!new RegExp(`^意见-${CON}-\\d{4}-\\d{2}-\\d{2}\\.csv$`).test(file.suggestedFilename())) fail(`the download is named "${file.suggestedFilename()}"`);
    const csv = await readFile(await file.path(), 'utf8');
    for (const c of ids.all) if (!csv.includes(c)) fail(`the CSV does not list comment ${c}: ${csv.slice(0, 300)}`);
    await visible(page, sel.exportResult, 'the export result');
  });

  await step('发布采纳情况, then the link to the public report', async () => {
    await page.locator('[data-testid="dispositions-to-report"]').first().click();
    await visible(page, `${sel.report}[data-state="ok"]`, 'the report preview');
    await until(page, '[data-testid="report-disposition-adopted"]', (t) => t.includes(`2 条，2 / ${total}`), 'the share of 采纳');
    await page.locator(sel.publish).first().click();
    await confirmModal(page, '发布');
    await until(page, sel.publishResult, (t) => t.includes('意见采纳情况已公布'), 'the publication');
    await visible(page, sel.publicLink, 'the link to the public report');
    const pub = await api('GET', `/api/v1/consultations/${CON}/report`);
    if (pub.status !== 200 || !pub.body.report.publishedAt) fail(`the public report answers ${pub.status}`);
    await expectGood(page, 'the published report');
    await expectAccessible(page, `${sel.report}[data-state="ok"]`, 'the published report');
    await shot('report-published');
  });
}

/** staff-admin at 320 px: 意见处理 (also with large text) and the published report fit. */
async function staffNarrow(page, shot, ids) {
  await step('意见处理 and the report fit 320 px', async () => {
    await signIn(page, STAFF_ADMIN);
    await page.goto(pageUrl(`/features/workbench/pages/dispositions/index?id=${CON}`));
    await visible(page, `${sel.dispositions}[data-state="ok"]`, '意见处理');
    await page.locator('[data-testid="toggle-dispo-undisposed"]').first().click();
    await visible(page, sel.dispoRow(ids.bulk[0]), 'the disposed comments');
    await expectGood(page, '意见处理 at 320 px');
    await shot('dispositions');
    await withLargeText(page, '意见处理', shot, 'dispositions-large-text');
    await page.goto(pageUrl(`/features/workbench/pages/report/index?id=${CON}`));
    await visible(page, sel.publicLink, 'the published report');
    await expectGood(page, 'the report at 320 px');
    await shot('report');
  });
}

runBrowserTest('consultations.e2e', ['H5_URL', 'BFF_URL', 'PORTAL_SIM_URL'], artifacts, async (browser, apiLog) => {
  const ctx = (failure, options = {}) => ({ artifacts, prefix: 'consultations', apiLog, failure, failOnPageErrors: true, options });
  const { a, b } = CITIZENS;
  let record = null;

  await step(`publish ${CON} on the portal (the draft of ${TEMPLATE}), open since an hour ago`, async () => {
    const template = await json('GET', new URL(`/api/content/consultations/${TEMPLATE}`, PORTAL_SIM_URL));
    if (template.status !== 200) fail(`the portal simulator has no ${TEMPLATE}: ${template.status}`);
    const { modifiedAt: _m, revision: _r, ...draft } = template.body;
    record = { ...draft, id: CON, title: `${draft.title}（e2e ${CON}）`, opensAt: chinaIso(Date.now() - 3_600_000), closesAt: chinaIso(Date.now() + 30 * 60_000) };
    await putContent('consultations', record);
    // A new id is fetched on its own at once; the 参与 list shows it once the cached list is refreshed.
    await waitFor(async () => {
      const one = await api('GET', `/api/v1/consultations/${CON}`);
      const all = await api('GET', '/api/v1/consultations');
      return one.body?.item?.canComment === true && all.body?.items?.some((c) => c.id === CON);
    }, `the BFF lists ${CON} as open (the stack needs a short CACHE_FRESH_S, as browser-test.mjs sets)`, 90_000);
  });

  await inContext(browser, a.profile, ctx('failure'), async (pageA, shotA) => {
    await citizenComments(pageA, shotA, a);
    await inContext(browser, b.profile, ctx('failure'), async (pageB, shotB) => {
      await citizenComments(pageB, shotB, b);

      const others = [];
      await step('two more citizens comment on article 2 through the API; staff approve them through the API', async () => {
        const texts = ['建议明确社区养老服务站的最低开放时间，方便双职工家庭。', '街道综合养老服务中心建议增加认知症照护功能。'];
        for (const [i, text] of texts.entries()) {
          const who = `e2e_con_${'cd'[i]}_${RUN}`;
          const r = await api('POST', `/api/v1/consultations/${CON}/comments`, {
            token: await tokenOf(who),
            body: { articleNo: 2, text, ...(i === 0 ? { realName: '李四' } : {}) },
            headers: { 'Idempotency-Key': `e2e-${who}` },
          });
          if (r.status !== 201) fail(`a comment of ${who} answered ${r.status}: ${JSON.stringify(r.body)}`);
          const ok = await api('POST', `/api/v1/staff/consultation-comments/${r.body.id}/approve`, { token: await tokenOf(STAFF_ADMIN) });
          if (ok.status !== 200) fail(`approving ${r.body.id} through the API answered ${ok.status}`);
          others.push(r.body.id);
        }
      });

      await inContext(browser, STAFF_PHONE, ctx('failure'), (page, shot) => moderate(page, shot, a, b));

      await step('[phone] 我的意见 shows the rejection with its reason and the published comment', async () => {
        await pageA.goto(pageUrl(`/features/consultations/pages/mine/index?id=${CON}`), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
        await visible(pageA, sel.myComments, '我的意见 again');
        await until(pageA, `${sel.myRow}[data-state="rejected"]`, (t) => t.includes('未予公开，理由：广告'), 'the rejected comment with its reason');
        await visible(pageA, `${sel.myRow}[data-state="approved"]`, 'the published comment');
        await shotA('mine-moderated');
      });

      await step(`the portal closes ${CON} now; the BFF sees it closed`, async () => {
        await putContent('consultations', { ...record, closesAt: chinaIso(Date.now() - 1000) });
        const token = await tokenOf(STAFF_ADMIN);
        await waitFor(async () => (await api('GET', `/api/v1/staff/consultations/${CON}`, { token })).body?.phase === 'closed', `${CON} shows as closed`, 30_000);
        const late = await api('POST', `/api/v1/consultations/${CON}/comments`, { token: await tokenOf(a.name), body: { text: '截止以后的意见' }, headers: { 'Idempotency-Key': `e2e-late-${RUN}` } });
        if (late.status !== 409) fail(`a comment after the close answered ${late.status}, not 409`);
      });

      const ids = {
        approved: [a.onArticle, b.onArticle, ...others],
        point: [a.onArticle, b.onArticle],
        bulk: others,
        all: [a.onArticle, a.onWhole, b.onArticle, b.onWhole, ...others],
      };
      await inContext(browser, STAFF_DESKTOP, ctx('failure', { acceptDownloads: true }), (page, shot) => disposeAndPublish(page, shot, ids));
      await inContext(browser, STAFF_NARROW, ctx('failure'), (page, shot) => staffNarrow(page, shot, ids));

      const counts = { received: ids.all.length, published: ids.approved.length };
      await citizenOutcome(pageA, shotA, a, counts);
      await citizenOutcome(pageB, shotB, b, counts);
    });
  });
});
