// Browser test of the staff side of 民意征集 (issue 10) in the H5 build: moderation, 意见处理 and
// the adoption report.
//   node scripts/browser-test.mjs          (runs it with the others)
//   node miniapp/e2e/moderation.e2e.mjs    (on its own)
// Dispositions need a consultation that has closed and holds approved comments, and the BFF's
// clock is the real one. So this test starts a stack of its own (scripts/start.mjs on free
// ports) whose portal simulator reads a copy of the demo content; once it is up, a consultation
// closing CLOSE_IN_S seconds later is added to that copy (the simulator reloads its files).
// Citizens comment through the BFF API while it is open; a moderator approves two more through
// the API. Then, as `staff-admin` in the browser at 375×667: 工作台 shows the moderator's tool
// with its queue count → the queue (oldest first) shows the comments with their pre-screen
// flags → approve one, reject one with a reason and a note (also at 320 px and with large
// text). After the close, on a 1280×800 desktop: 意见处理 side by side → the report refuses to
// publish naming how many remain → two comments grouped into a 意见要点 (采纳), the rest
// disposed in bulk (未采纳 with a reason) → 已处置 3 / 3 → 导出意见 downloads the CSV → 发布采纳情况
// → the link to the public report. Serious/critical axe-core findings fail the run.
// Screenshots go to <repo>/.artifacts/moderation-*.png. Exits non-zero on the first failure.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DESKTOP, PHONE, TIMEOUT_MS, accountSelectors, fail, inContext, runBrowserTest, step, textOf, until, visible } from './support.mjs';
import { expectAccessible, expectNoSidewaysScroll } from './checks.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '../..');
const artifacts = resolve(ROOT, '.artifacts');
const CLOSE_IN_S = Number(process.env.E2E_CLOSE_IN_S || 45);
const STAFF_ADMIN = 'staff-admin';
const DESKTOP_800 = { ...DESKTOP, viewport: { width: 1280, height: 800 } };

const sel = {
  ...accountSelectors,
  logout: '[data-testid="logout"]',
  workbench: '[data-testid="workbench"]',
  tool: '[data-testid="workbench-tool"][data-tool="consultations"]',
  moderation: '[data-testid="moderation"]',
  row: (id) => `[data-testid="moderation-row"][data-id="${id}"]`,
  detail: '[data-testid="moderation-detail"]',
  flags: '[data-testid="moderation-flags"]',
  approve: '[data-testid="moderation-approve"]',
  reason: (r) => `[data-testid="reject-reason-${r}"]`,
  note: '[data-testid="reject-note"] textarea',
  rejectSubmit: '[data-testid="moderation-reject-submit"]',
  result: '[data-testid="moderation-result"]',
  back: '[data-testid="moderation-back"]',
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

function freePort() {
  return new Promise((done) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });
}

/** scripts/start.mjs on free ports with the portal reading `contentDir`; resolves to its URLs and child. */
async function startStack(contentDir) {
  const env = { ...process.env, LOG_LEVEL: 'warn', PORTAL_CONTENT_DIR: contentDir, PORTAL_SIM_RELOAD_MS: '500', CACHE_FRESH_S: '1' };
  for (const k of ['BFF_PORT', 'H5_PORT', 'PORTAL_SIM_PORT', 'CASE_SIM_PORT', 'WECHAT_SIM_PORT']) env[k] = String(await freePort());
  for (const k of ['STAFF_ROLES', 'PORTAL_BASE_URL', 'CASE_SYSTEM_BASE_URL', 'WECHAT_API_BASE_URL']) delete env[k];
  const child = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  readline.createInterface({ input: child.stdout }).on('line', () => {});
  const urls = await new Promise((ok, ko) => {
    const timer = setTimeout(() => ko(new Error('the stack did not start within 300 s')), 300_000);
    child.on('message', (m) => {
      if (m?.event !== 'ready') return;
      clearTimeout(timer);
      ok(m);
    });
    child.once('exit', (code) => ko(new Error(`the stack exited with code ${code} before it was ready`)));
  });
  return { ...urls, child };
}

async function stopStack(child) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

/** The BFF's JSON API as a simulated WeChat user. */
function apiOf(bff) {
  const tokens = new Map();
  async function req(method, path, { token, body, headers = {} } = {}) {
    const res = await fetch(bff + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: json };
  }
  async function tokenOf(name) {
    if (!tokens.has(name)) {
      const r = await req('POST', '/api/v1/auth/wechat-login', { body: { code: `sim-${name}` } });
      if (r.status !== 200) fail(`login of ${name} through the BFF answered ${r.status}`);
      tokens.set(name, r.body.accessToken);
    }
    return tokens.get(name);
  }
  return { req, tokenOf };
}

/** A consultation of three articles, open since an hour ago, closing in `closeInS` seconds. */
function consultation(id, closeInS) {
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace('Z', '+00:00');
  return {
    id,
    title: `关于《江海市社区公园开放时间管理规定（征求意见稿）》公开征求意见的公告（e2e ${id}）`,
    issuer: '江海市园林绿化局',
    summary: '为方便市民晨练和夜间休闲，市园林绿化局起草了社区公园开放时间管理规定征求意见稿，现公开征求意见。',
    draftText:
      '第一条 为规范本市社区公园开放管理，方便市民休闲健身，制定本规定。\n' +
      '第二条 社区公园原则上每日5时至23时开放，具体时间由管理单位公示。\n' +
      '第三条 夜间开放时段，管理单位应当保证主要园路照明并安排巡查人员。',
    basis: [{ title: '江海市公园条例' }],
    opensAt: iso(Date.now() - 3_600_000),
    closesAt: iso(Date.now() + closeInS * 1000),
  };
}

const pageUrl = (h5, path) => new URL(`#${path}`, h5).toString();

async function signIn(page, h5, name) {
  await page.goto(pageUrl(h5, '/pages/mine/index'), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
  await visible(page, sel.mine, 'the 我的 page');
  if (await page.locator(sel.userCard).count()) await page.locator(sel.logout).first().click();
  await visible(page, sel.loginName, 'the login form');
  await page.locator(sel.loginName).first().fill(name);
  await page.locator(sel.loginSubmit).first().click();
  await visible(page, sel.userCard, `the user card of ${name}`);
}

/** With the root font at 150 % (关怀版 large text) the page still fits; then back. */
async function withLargeText(page, what, shot, name) {
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
 * a clipped container: a textarea below the fold reads as labelled by its hint alone
 * (label-title-only). So the page's textarea is scrolled into view before the check.
 */
async function expectAccessibleForm(page, selector, what) {
  const area = page.locator(`${selector} textarea`).first();
  if (await area.count()) await area.scrollIntoViewIfNeeded();
  await expectAccessible(page, selector, what);
}

/** Taps the H5 modal's confirm button (services/dialog.ts: Taro.showModal). */
async function confirmModal(page, label) {
  const button = page.locator('.taro__modal .taro-model__confirm', { hasText: label }).last();
  await button.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  await button.click();
}

runBrowserTest('moderation.e2e', [], artifacts, async (browser, apiLog) => {
  const content = await mkdtemp(join(tmpdir(), 'zwgk-moderation-'));
  await cp(join(ROOT, 'packages/upstream-sim/content'), content, { recursive: true });
  let stack = null;
  try {
    await step('start a stack of its own, reading a copy of the portal content', async () => {
      stack = await startStack(content);
    });
    const { h5, bff } = stack;
    const api = apiOf(bff);
    const id = `con-e2e-${Date.now().toString(36)}`;
    const closesAtMs = Date.now() + CLOSE_IN_S * 1000;
    const run = Date.now().toString(36);
    const comments = {};

    await step(`publish ${id} on the portal, closing in ${CLOSE_IN_S} s`, async () => {
      const file = join(content, 'consultations.json');
      const list = JSON.parse(await readFile(file, 'utf8'));
      list.push(consultation(id, CLOSE_IN_S));
      await writeFile(file, `${JSON.stringify(list, null, 2)}\n`);
      const deadline = Date.now() + 20_000;
      let last = null;
      while (Date.now() < deadline) {
        last = await api.req('GET', `/api/v1/consultations/${id}`);
        if (last.status === 200 && last.body.item.canComment) return;
        await new Promise((r) => setTimeout(r, 300));
      }
      fail(`the BFF does not serve ${id} as open: ${last?.status} ${JSON.stringify(last?.body)?.slice(0, 200)}`);
    });

    await step('citizens comment on article 3, article 2 and the whole draft (one with a phone number)', async () => {
      const post = async (who, body) => {
        const r = await api.req('POST', `/api/v1/consultations/${id}/comments`, { token: await api.tokenOf(who), body, headers: { 'Idempotency-Key': `e2e-${who}-${run}` } });
        if (r.status !== 201) fail(`a comment of ${who} answered ${r.status}: ${JSON.stringify(r.body)}`);
        return r.body.id;
      };
      comments.approveInBrowser = await post(`e2e_mod_a_${run}`, { articleNo: 3, text: '建议夜间开放时段在儿童游乐区增加照明和监控，保障安全。' });
      comments.rejectInBrowser = await post(`e2e_mod_b_${run}`, { text: '公园门口卖早点的电话 13812345678，欢迎订购，价格实惠！' });
      comments.c = await post(`e2e_mod_c_${run}`, { articleNo: 3, text: '夜间照明建议采用节能灯具，并避免直射周边住宅。' });
      comments.d = await post(`e2e_mod_d_${run}`, { articleNo: 2, text: '建议夏季开放到24时，冬季可以提前到22时关闭。', realName: '李四' });
      // Two approved through the API, so that three wait for a disposition after the close.
      const staff = await api.tokenOf(STAFF_ADMIN);
      for (const c of [comments.c, comments.d]) {
        const r = await api.req('POST', `/api/v1/staff/consultation-comments/${c}/approve`, { token: staff });
        if (r.status !== 200) fail(`approving ${c} through the API answered ${r.status}`);
      }
    });

    await inContext(browser, PHONE, { artifacts, prefix: 'moderation', apiLog, failure: 'phone-failure', failOnPageErrors: true }, async (page, shot) => {
      await step(`${STAFF_ADMIN}: 工作台 shows the moderator's tool with its queue count`, async () => {
        await signIn(page, h5, STAFF_ADMIN);
        await page.goto(pageUrl(h5, '/features/workbench/pages/home/index'));
        await visible(page, `${sel.workbench}[data-state="ok"]`, 'the workbench');
        const tool = await until(page, sel.tool, (t) => /\d+\s*待审核意见/.test(t), 'the moderator tool with 待审核意见');
        const pending = Number(/(\d+)\s*待审核意见/.exec(tool)[1]);
        if (pending < 2) fail(`the tool counts ${pending} pending comments, expected at least 2: ${tool.slice(0, 200)}`);
        await shot('workbench');
      });

      await step('the queue lists the pending comments with their consultation, article and flags', async () => {
        await page.locator(sel.tool).first().click();
        await visible(page, `${sel.moderation}[data-state="ok"]`, 'the moderation queue');
        await visible(page, sel.row(comments.rejectInBrowser), 'the flagged comment in the queue');
        const flagged = await textOf(page, sel.row(comments.rejectInBrowser));
        for (const want of ['含电话号码', '对草案整体', id]) if (!flagged.includes(want)) fail(`the flagged row does not show "${want}": ${flagged.slice(0, 200)}`);
        const first = await textOf(page, sel.row(comments.approveInBrowser));
        if (!first.includes('第三条')) fail(`the row of the comment on article 3 does not name it: ${first.slice(0, 200)}`);
        // Oldest first: the comment submitted first comes before the other.
        const order = await page.locator('[data-testid="moderation-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
        if (order.indexOf(comments.approveInBrowser) > order.indexOf(comments.rejectInBrowser)) fail(`the queue is not oldest first: ${order.join(', ')}`);
        await expectNoSidewaysScroll(page, 'the queue');
        await expectAccessible(page, `${sel.moderation}[data-state="ok"]`, 'the moderation queue');
        await shot('queue');
      });

      await step('approve the comment on article 3', async () => {
        await page.locator(sel.row(comments.approveInBrowser)).first().click();
        await visible(page, sel.detail, 'the comment under review');
        await expectAccessibleForm(page, sel.detail, 'the comment under review');
        await shot('review');
        await page.locator(sel.approve).first().click();
        await until(page, sel.result, (t) => t.includes('已审核通过'), 'the approval result');
        if (await page.locator(sel.row(comments.approveInBrowser)).count()) fail('the approved comment is still in the queue');
      });

      await step('reject the advertisement with a reason and a note (at 320 px and with large text too)', async () => {
        await page.locator(sel.row(comments.rejectInBrowser)).first().click();
        await visible(page, sel.flags, 'the pre-screen flags of the comment');
        const flags = await textOf(page, sel.flags);
        if (!flags.includes('含电话号码')) fail(`the review does not highlight the phone number flag: ${flags}`);
        await page.locator(sel.rejectSubmit).first().click();
        await until(page, '[data-testid="error-reject-reason"]', (t) => t.includes('请选择不予公开的理由'), 'the missing reason message');
        await page.locator(sel.reason('advertising')).first().click();
        await page.locator(sel.note).first().fill('含商业广告和联系电话');
        await page.setViewportSize({ width: 320, height: 640 });
        await page.waitForTimeout(200);
        await expectNoSidewaysScroll(page, 'the review at 320 px');
        await shot('review-320');
        await withLargeText(page, 'the review', shot, 'review-large-text');
        await page.setViewportSize(PHONE.viewport);
        await page.locator(sel.rejectSubmit).first().click();
        await until(page, sel.result, (t) => t.includes('已不予公开'), 'the rejection result');
        const r = await api.req('GET', `/api/v1/staff/consultation-comments?state=rejected&consultationId=${id}`, { token: await api.tokenOf(STAFF_ADMIN) });
        const rejected = r.body?.items?.find((c) => c.id === comments.rejectInBrowser);
        if (!rejected || rejected.rejectReason !== 'advertising' || rejected.rejectNote !== '含商业广告和联系电话') fail(`the BFF holds the rejection as ${JSON.stringify(rejected)}`);
        await shot('queue-after');
      });
    });

    await step(`wait for the close (${Math.max(0, Math.round((closesAtMs - Date.now()) / 1000))} s)`, async () => {
      const token = await api.tokenOf(STAFF_ADMIN);
      const deadline = closesAtMs + 30_000;
      while (Date.now() < deadline) {
        const r = await api.req('GET', `/api/v1/staff/consultations/${id}`, { token });
        if (r.status === 200 && r.body.phase === 'closed') return;
        await new Promise((res) => setTimeout(res, 1000));
      }
      fail(`${id} is not closed 30 s after its closing time`);
    });

    await inContext(browser, DESKTOP_800, { artifacts, prefix: 'moderation', apiLog, failure: 'desktop-failure', failOnPageErrors: true, options: { acceptDownloads: true } }, async (page, shot) => {
      await signIn(page, h5, STAFF_ADMIN);

      await step('发布 before every comment is disposed: the refusal names how many remain', async () => {
        await page.goto(pageUrl(h5, `/features/workbench/pages/report/index?id=${id}`));
        await visible(page, `${sel.report}[data-state="ok"]`, 'the report preview');
        await until(page, sel.workingDays, (t) => t.includes('已过 0 个工作日'), 'the working days since the close');
        await page.locator(sel.publish).first().click();
        await confirmModal(page, '发布');
        await until(page, sel.publishResult, (t) => t.includes('还有 3 条已公开的意见尚未处置'), 'the refusal naming the 3 undisposed comments');
        await shot('report-refused');
      });

      await step('意见处理: the list and the action panel side by side, 已处置 0 / 3', async () => {
        await page.goto(pageUrl(h5, `/features/workbench/pages/dispositions/index?id=${id}`));
        await visible(page, `${sel.dispositions}[data-state="ok"]`, '意见处理');
        await visible(page, sel.dispoList, 'the approved comments');
        await until(page, sel.progress, (t) => t.includes('已处置 0 / 3'), 'the progress 0 / 3');
        const list = await page.locator(sel.dispoList).first().boundingBox();
        const panel = await page.locator(sel.dispoApply).first().boundingBox();
        if (!list || !panel || !(panel.x >= list.x + list.width - 1)) fail(`the action panel is not beside the list: ${JSON.stringify({ list, panel })}`);
        await expectAccessibleForm(page, `${sel.dispositions}[data-state="ok"]`, '意见处理');
        await shot('dispositions');
      });

      await step('group the two comments on article 3 into a 意见要点 (采纳)', async () => {
        for (const c of [comments.approveInBrowser, comments.c]) await page.locator(`${sel.dispoRow(c)} [data-testid="dispositions-check"]`).first().click();
        await page.locator(sel.mode('point')).first().click();
        await page.locator(sel.pointTitle).first().fill('夜间开放应加强照明');
        await page.locator(sel.disposition('adopted')).first().click();
        await page.locator(sel.applySubmit).first().click();
        await until(page, sel.applyResult, (t) => t.includes('已将 2 条意见归为意见要点'), 'the new point');
        await until(page, sel.progress, (t) => t.includes('已处置 2 / 3'), 'the progress 2 / 3');
      });

      await step('dispose the rest in bulk: select all, 未采纳 with a reason', async () => {
        await page.locator(sel.mode('dispose')).first().click();
        await visible(page, sel.dispoRow(comments.d), 'the remaining comment');
        await page.locator(sel.selectAll).first().click();
        await until(page, '[data-testid="dispositions-selected"]', (t) => t.includes('已选 1 条'), 'the selection of the remaining comment');
        await page.locator(sel.disposition('not_adopted')).first().click();
        await page.locator(sel.applySubmit).first().click();
        await until(page, '[data-testid="error-dispo-reason"]', (t) => t.includes('须填写理由'), 'the missing reason message');
        await page.locator(sel.dispoReason).first().fill('开放时间需兼顾周边居民休息，暂按现行时间执行。');
        await page.locator(sel.applySubmit).first().click();
        await until(page, sel.applyResult, (t) => t.includes('还有 0 条尚未处置'), 'the bulk disposition');
        await until(page, sel.progress, (t) => t.includes('已处置 3 / 3'), 'the progress 3 / 3');
        await shot('dispositions-done');
      });

      await step('导出意见 downloads every comment as CSV', async () => {
        const download = page.waitForEvent('download', { timeout: TIMEOUT_MS });
        await page.locator(sel.exportBtn).first().click();
        const file = await download;
        if (!new RegExp(`^意见-${id}-\\d{4}-\\d{2}-\\d{2}\\.csv$`).test(file.suggestedFilename())) fail(`the download is named "${file.suggestedFilename()}"`);
        const csv = await readFile(await file.path(), 'utf8');
        for (const c of Object.values(comments)) if (!csv.includes(c)) fail(`the CSV does not list comment ${c}: ${csv.slice(0, 300)}`);
        await visible(page, sel.exportResult, 'the export result');
      });

      await step('发布采纳情况, then the link to the public report', async () => {
        await page.locator('[data-testid="dispositions-to-report"]').first().click();
        await visible(page, `${sel.report}[data-state="ok"]`, 'the report preview');
        await until(page, '[data-testid="report-disposition-adopted"]', (t) => t.includes('2 条，2 / 3'), 'the share of 采纳');
        await page.locator(sel.publish).first().click();
        await confirmModal(page, '发布');
        await until(page, sel.publishResult, (t) => t.includes('意见采纳情况已公布'), 'the publication');
        await visible(page, sel.publicLink, 'the link to the public report');
        const pub = await api.req('GET', `/api/v1/consultations/${id}/report`);
        if (pub.status !== 200 || !pub.body.report.publishedAt) fail(`the public report answers ${pub.status}`);
        await expectAccessible(page, `${sel.report}[data-state="ok"]`, 'the published report');
        await shot('report-published');
      });
    });

    await inContext(browser, { ...PHONE, name: 'narrow', viewport: { width: 320, height: 640 } }, { artifacts, prefix: 'moderation', apiLog, failure: 'narrow-failure', failOnPageErrors: true }, async (page, shot) => {
      await step('意见处理 and the report fit 320 px', async () => {
        await signIn(page, h5, STAFF_ADMIN);
        await page.goto(pageUrl(h5, `/features/workbench/pages/dispositions/index?id=${id}`));
        await visible(page, `${sel.dispositions}[data-state="ok"]`, '意见处理');
        await page.locator('[data-testid="toggle-dispo-undisposed"]').first().click();
        await visible(page, sel.dispoRow(comments.d), 'the disposed comments');
        await expectNoSidewaysScroll(page, '意见处理 at 320 px');
        await shot('dispositions');
        await withLargeText(page, '意见处理', shot, 'dispositions-large-text');
        await page.goto(pageUrl(h5, `/features/workbench/pages/report/index?id=${id}`));
        await visible(page, sel.publicLink, 'the published report');
        await expectNoSidewaysScroll(page, 'the report at 320 px');
        await shot('report');
      });
    });
  } finally {
    if (stack) await stopStack(stack.child);
    await rm(content, { recursive: true, force: true });
  }
});
