// Browser test of 民意征集 (issue 10), the whole loop: a citizen reads con-001 on the 参与 tab,
// comments on article 3 and on the whole draft, and sees both 待审核 in 我的意见; a moderator
// approves one and rejects one; the consultation closes; staff dispose of the approved comment
// and publish the report; the citizen sees the rejection and the outcome in 我的消息, opens the
// report from the notice, and finds 查看意见采纳情况 on the consultation page.
//
// The staff steps go through the BFF API with a staff-admin token: the staff screens are being
// built at the same time. "The consultation closes" needs the server's clock past closesAt, and
// the stack has no clock to move, so this file starts its own stack (the built H5, SKIP_H5_BUILD)
// whose portal simulator reads a copy of the demo content; the test then moves con-001's close
// into the past in that copy, as the portal would when a consultation ends.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnReady } from '../../scripts/lib.mjs';
import { PHONE, TIMEOUT_MS, accountSelectors, fail, inContext, runBrowserTest, step, textOf, until, visible } from './support.mjs';
import { expectAccessible, expectNoSidewaysScroll } from './checks.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '../..');
const artifacts = resolve(ROOT, '.artifacts');
const NARROW = { ...PHONE, name: 'narrow', viewport: { width: 320, height: 568 } };
const CON = 'con-001';

const sel = {
  ...accountSelectors,
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
  mine: '[data-testid="my-comments"][data-state="ok"]',
  myRow: '[data-testid="my-comment"]',
  inbox: '[data-testid="inbox"]',
  inboxRow: '[data-testid="inbox-row"]',
  report: '[data-testid="report"][data-state="ok"]',
  openReport: '[data-testid="open-report"]',
};

const ARTICLE_TEXT = '建议把新建小区养老服务用房的配建标准提高到每百户不少于30平方米。';
const WHOLE_TEXT = '这里有优惠代购，加微信领取养老补贴名额。';

function freePort() {
  return new Promise((ok) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function startStack(contentDir) {
  const env = { SKIP_H5_BUILD: '1', LOG_LEVEL: 'warn', PORTAL_CONTENT_DIR: contentDir, PORTAL_SIM_RELOAD_MS: '200', CACHE_FRESH_S: '1', CONSULTATION_NOTICE_POLL_MS: '300', REDIS_URL: '' };
  for (const k of ['BFF_PORT', 'H5_PORT', 'PORTAL_SIM_PORT', 'CASE_SIM_PORT', 'WECHAT_SIM_PORT']) env[k] = String(await freePort());
  return spawnReady('stack', [join(ROOT, 'scripts/start.mjs')], { env, timeoutMs: 180_000, onLine: () => {} });
}

function apiClient(bff) {
  return async function api(method, path, { token, body } = {}) {
    const res = await fetch(new URL(path, bff), {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
}

async function expectGood(page, what) {
  await expectNoSidewaysScroll(page, what);
  const h1 = await page.locator('[role="heading"][aria-level="1"]:visible').count();
  if (h1 !== 1) fail(`${what} has ${h1} visible level-1 headings`);
}

async function citizenFlow(browser, profile, apiLog, urls) {
  const { h5, api, closeConsultation } = urls;
  const pageUrl = (path) => new URL(`#${path}`, h5).toString();
  const citizen = `e2e_con_${profile.name}_${Date.now().toString(36)}`;
  await inContext(browser, profile, { artifacts, prefix: 'consultations', apiLog, failOnPageErrors: true }, async (page, shot) => {
    await step(`[${profile.name}] log in as ${citizen}`, async () => {
      await page.goto(pageUrl('/pages/mine/index'), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
      await visible(page, sel.loginName, 'the login form');
      await page.locator(sel.loginName).first().fill(citizen);
      await page.locator(sel.loginSubmit).first().click();
      await visible(page, sel.userCard, 'the user card after login');
    });

    await step(`[${profile.name}] 参与 tab: 征求中 first with the days left, then the 即将开放 cards`, async () => {
      await page.goto(pageUrl('/pages/participate/index'), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
      await visible(page, sel.participate, 'the 参与 tab');
      const groups = await page.locator('[data-testid^="group-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
      if (groups[0] !== 'group-open') fail(`the first group is ${groups[0]}, not 征求中`);
      await until(page, sel.row, (t) => /剩余\d+天|今天截止/.test(t), 'the days left on con-001');
      await visible(page, '[data-testid="soon-open-days"]', 'the 开放日 card');
      await expectGood(page, '参与');
      await expectAccessible(page, sel.participate, '参与');
      await shot('participate');
    });

    await step(`[${profile.name}] the consultation: articles with counts, countdown, basis`, async () => {
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

    await step(`[${profile.name}] comment on article 3`, async () => {
      await page.locator(`${sel.article3}:visible`).first().click();
      await visible(page, sel.articlePage, 'the page of article 3');
      await page.locator(`${sel.commentHere}:visible`).first().click();
      await visible(page, `${sel.form}:visible`, 'the comment form');
      await page.locator(`${sel.text}:visible`).first().fill(ARTICLE_TEXT);
      await until(page, '[data-testid="comment-form"]:visible', (t) => t.includes(`${ARTICLE_TEXT.length}/2000 字`), 'the character counter');
      await expectGood(page, 'the comment form');
      await expectAccessible(page, sel.form, "the comment form");
      await shot('comment-form');
      await page.locator(`${sel.submit}:visible`).first().click();
      await until(page, `${sel.submitted}:visible`, (t) => t.includes('待审核'), 'the 待审核 confirmation');
      await shot('comment-submitted');
    });

    await step(`[${profile.name}] comment on the whole draft`, async () => {
      await page.goto(pageUrl(`/features/consultations/pages/detail/index?id=${CON}`), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
      await visible(page, `${sel.consultation}`, 'the consultation page');
      await page.locator(`${sel.commentWhole}:visible`).first().click();
      await visible(page, `${sel.form}:visible`, 'the whole-draft comment form');
      await page.locator(`${sel.text}:visible`).first().fill(WHOLE_TEXT);
      await page.locator(`${sel.submit}:visible`).first().click();
      await until(page, `${sel.submitted}:visible`, (t) => t.includes('待审核'), 'the 待审核 confirmation');
    });

    await step(`[${profile.name}] 我的意见 shows both 待审核`, async () => {
      await page.locator('[data-testid="view-my-comments"]:visible').first().click();
      await visible(page, sel.mine, '我的意见');
      const states = await page.locator(`${sel.myRow}:visible`).evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
      if (states.length !== 2 || states.some((s) => s !== 'pending')) fail(`我的意见 shows states ${states.join(', ')}`);
      await expectGood(page, '我的意见');
      await expectAccessible(page, sel.mine, '我的意见');
      await shot('mine-pending');
    });

    await step(`[${profile.name}] staff (API, staff-admin): approve the article-3 comment, reject the other`, async () => {
      const login = await api('POST', '/api/v1/auth/wechat-login', { body: { code: 'sim-staff-admin' } });
      if (login.status !== 200) fail(`staff login answered ${login.status}`);
      urls.staff = login.body.accessToken;
      const me = await api('POST', '/api/v1/auth/wechat-login', { body: { code: `sim-${citizen}` } });
      const mine = await api('GET', `/api/v1/me/consultation-comments?consultationId=${CON}`, { token: me.body.accessToken });
      const onArticle = mine.body.items.find((c) => c.articleNo === 3);
      const whole = mine.body.items.find((c) => c.articleNo === null);
      if (!onArticle || !whole) fail(`the citizen's comments are ${JSON.stringify(mine.body.items.map((c) => c.articleNo))}`);
      const ok = await api('POST', `/api/v1/staff/consultation-comments/${onArticle.id}/approve`, { token: urls.staff });
      const no = await api('POST', `/api/v1/staff/consultation-comments/${whole.id}/reject`, { token: urls.staff, body: { reason: 'advertising' } });
      if (ok.status !== 200 || no.status !== 200) fail(`approve ${ok.status}, reject ${no.status}`);
      urls.approvedId = onArticle.id;
      await page.reload({ waitUntil: 'domcontentloaded' });
      await visible(page, sel.mine, '我的意见 again');
      await until(page, `${sel.myRow}[data-state="rejected"]`, (t) => t.includes('未予公开，理由：广告'), 'the rejected comment with its reason');
      await visible(page, `${sel.myRow}[data-state="approved"]`, 'the published comment');
      await shot('mine-moderated');
    });

    await step(`[${profile.name}] the close: staff dispose and publish the report`, async () => {
      await closeConsultation();
      const started = Date.now();
      for (;;) {
        const s = await api('GET', `/api/v1/staff/consultations/${CON}`, { token: urls.staff });
        if (s.body?.phase === 'closed' || s.body?.phase === 'reported') break;
        if (Date.now() - started > TIMEOUT_MS) fail(`con-001 is still ${s.body?.phase} after the close was moved`);
        await new Promise((r) => setTimeout(r, 300));
      }
      const points = await api('GET', `/api/v1/staff/consultation-comments?state=approved&disposed=false&consultationId=${CON}&pageSize=100`, { token: urls.staff });
      const ids = points.body.items.map((c) => c.id);
      const disposed = await api('POST', `/api/v1/staff/consultations/${CON}/dispositions`, {
        token: urls.staff,
        body: { commentIds: ids, disposition: 'partly_adopted', reason: '老旧小区按每百户不少于20平方米补足，新建小区标准维持不变' },
      });
      if (disposed.status !== 200) fail(`dispositions answered ${disposed.status}: ${JSON.stringify(disposed.body)}`);
      const published = await api('POST', `/api/v1/staff/consultations/${CON}/report/publish`, { token: urls.staff });
      if (published.status !== 200) fail(`publish answered ${published.status}: ${JSON.stringify(published.body)}`);
    });

    await step(`[${profile.name}] 我的消息: the outcome notice opens the report`, async () => {
      await page.goto(pageUrl('/features/notifications/pages/inbox/index'), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
      const outcome = `${sel.inboxRow}:has-text("您的意见：部分采纳")`;
      const started = Date.now();
      while (!(await page.locator(outcome).count())) {
        if (Date.now() - started > TIMEOUT_MS) fail('the outcome notice did not arrive in 我的消息');
        await new Promise((r) => setTimeout(r, 1000));
        await page.reload({ waitUntil: 'domcontentloaded' });
        await visible(page, sel.inbox, '我的消息');
      }
      await visible(page, `${sel.inboxRow}:has-text("未予公开")`, 'the rejection notice');
      await shot('inbox');
      await page.locator(outcome).first().click();
      await visible(page, sel.report, 'the report opened from the notice');
      const counts = await textOf(page, `${sel.report} [data-testid="report-counts"]`);
      if (!/收到意见\s*2 条/.test(counts) || !/审核后公开\s*1 条/.test(counts)) fail(`the report counts read: ${counts}`);
      await until(page, `${sel.report} [data-testid="share-partly_adopted"]`, (t) => t.includes('1/1（100%）'), 'the share of 部分采纳');
      await expectGood(page, 'the report');
      await expectAccessible(page, sel.report, 'the report');
      await shot('report');
    });

    await step(`[${profile.name}] the consultation page leads to the report; 我的意见 shows the disposition`, async () => {
      await page.goto(pageUrl(`/features/consultations/pages/detail/index?id=${CON}`), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
      await visible(page, `${sel.consultation}[data-phase="reported"]`, 'the reported consultation');
      await visible(page, `${sel.openReport}:visible`, '查看意见采纳情况');
      await page.goto(pageUrl(`/features/consultations/pages/mine/index?id=${CON}`), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
      await until(page, `${sel.myRow}[data-state="approved"] [data-testid="disposition"]`, (t) => t.includes('处理结果：部分采纳'), 'the disposition in 我的意见');
      await shot('mine-outcome');
    });
  });
}

await runBrowserTest('consultations', [], artifacts, async (browser, apiLog) => {
  for (const profile of [PHONE, NARROW]) {
    const dir = await mkdtemp(join(os.tmpdir(), 'zwgk-con-content-'));
    await cp(join(ROOT, 'packages/upstream-sim/content'), dir, { recursive: true });
    const stack = await startStack(dir);
    try {
      const closeConsultation = async () => {
        const file = join(dir, 'consultations.json');
        const all = JSON.parse(await readFile(file, 'utf8'));
        const closedAt = new Date(Date.now() - 60_000 + 8 * 3_600_000).toISOString().replace(/\.\d+Z$/, '+08:00');
        for (const c of all) if (c.id === CON) c.closesAt = closedAt;
        await writeFile(file, JSON.stringify(all, null, 2));
      };
      await citizenFlow(browser, profile, apiLog, { h5: stack.h5, api: apiClient(stack.bff), closeConsultation });
    } finally {
      stack.child.kill('SIGTERM');
      await new Promise((r) => stack.child.once('exit', r));
      await rm(dir, { recursive: true, force: true });
    }
  }
});
