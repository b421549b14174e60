// Browser test of the account in the H5 build, against the whole stack.
//   node scripts/browser-test.mjs          (starts everything, sets the URLs below)
//   H5_URL=… BFF_URL=… node miniapp/e2e/account.e2e.mjs
// Per viewport (375×667 and 320×568), as a fresh simulated citizen: log in at 我的, set a
// nickname and bind the phone → 我的 shows the nickname, its initial as the avatar and the masked
// phone, never an id → a 诉求 of theirs exists (sent to the BFF as the same WeChat identity) →
// log out: the login card still offers the same name → signed out, the ticket's link shows the
// login prompt → 去登录 → log in at 我的 → back on that ticket → 注销账号: the dialog says what is
// erased and what is kept, 确认注销 needs the confirmation → signed out, and the same identity
// then logs into an empty account. Page errors, sideways scrolling and serious/critical axe
// findings fail the run. Screenshots: <repo>/.artifacts/account-*.png.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PHONE, TIMEOUT_MS, accountSelectors, fail, inContext, runBrowserTest, step, textOf, until, visible } from './support.mjs';
import { expectAccessible, expectNoSidewaysScroll } from './checks.mjs';

const H5_URL = process.env.H5_URL;
const BFF_URL = process.env.BFF_URL;
const artifacts = resolve(dirname(fileURLToPath(import.meta.url)), '../../.artifacts');
const NARROW = { ...PHONE, name: 'narrow', viewport: { width: 320, height: 568 } };

const sel = {
  ...accountSelectors,
  logout: '[data-testid="logout"]',
  userName: '[data-testid="user-name"]',
  userAvatar: '[data-testid="user-avatar"]',
  nickname: '[data-testid="input-nickname"] input',
  nicknameSave: '[data-testid="nickname-save"]',
  ticket: '[data-testid="ticket"]',
  ticketLogin: '[data-testid="ticket-login"]',
  ticketLoginAction: '[data-testid="ticket-login-action"]',
  openDelete: '[data-testid="open-delete-account"]',
  dialog: '[data-testid="delete-account-dialog"]',
  understood: '[data-testid="toggle-delete-understood"]',
  confirm: '[data-testid="delete-confirm"]',
  deleted: '[data-testid="mine-deleted"]',
  loginCard: '[data-testid="login-card"]',
};

const pageUrl = (path) => new URL(`#${path}`, H5_URL).toString();

async function api(method, path, { token, body, headers = {} } = {}) {
  const res = await fetch(new URL(path, BFF_URL), {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function accountFlow(browser, profile, apiLog) {
  const citizen = `e2e_acct_${profile.name}_${Date.now().toString(36)}`;
  const nickname = profile.name === 'narrow' ? '晓明同学的名字有点长' : '晓明';
  const errors = [];
  await inContext(browser, profile, { artifacts, prefix: 'account', apiLog, failOnPageErrors: true }, async (page, shot) => {
    page.on('pageerror', (err) => errors.push(err.message));
    let trackingNo = '';

    await step(`log in as ${citizen}, set the nickname ${nickname} and bind the phone`, async () => {
      await page.goto(pageUrl('/pages/mine/index'), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
      await visible(page, sel.loginName, 'the login form');
      await page.locator(sel.loginName).first().fill(citizen);
      await page.locator(sel.loginSubmit).first().click();
      await visible(page, sel.nickname, 'the nickname field of a new account');
      await page.locator(sel.nickname).first().fill(nickname);
      await page.locator(sel.nicknameSave).first().click();
      await until(page, sel.userName, (t) => t === nickname, 'the nickname on 我的');
      await page.locator(sel.bindPhone).first().click();
      await until(page, sel.userPhone, (t) => /^\d{3}\*{4}\d{4}$/.test(t), 'the masked phone');
      const avatar = await textOf(page, sel.userAvatar);
      if (avatar !== nickname[0]) fail(`the avatar shows "${avatar}", not the nickname's first character`);
      const card = await textOf(page, sel.userCard);
      if (/用户 [0-9a-f]{4}|[0-9a-f]{24}/.test(card)) fail(`我的 shows an internal id: ${card}`);
      await expectNoSidewaysScroll(page, '我的');
      await expectAccessible(page, sel.mine, '我的');
      await shot('mine');
    });

    await step('a 诉求 of the same WeChat identity exists', async () => {
      const login = await api('POST', '/api/v1/auth/wechat-login', { body: { code: `sim-${citizen}` } });
      if (login.status !== 200) fail(`login through the BFF answered ${login.status}`);
      const r = await api('POST', '/api/v1/hotline/tickets', {
        token: login.body.accessToken,
        headers: { 'Idempotency-Key': `e2e-${citizen}` },
        body: { type: 'help', title: `路灯不亮 e2e ${citizen}`, description: '小区门口的路灯已经坏了一周，晚上行人看不清路，请帮助维修。', contactAllowed: false, anonymous: false },
      });
      if (r.status !== 201) fail(`submitting answered ${r.status}: ${JSON.stringify(r.body)}`);
      trackingNo = r.body.trackingNo;
    });

    await step('log out: the login card still offers the same name', async () => {
      await page.locator(sel.logout).first().click();
      await visible(page, sel.loginCard, 'the login card');
      const offered = await page.locator(sel.loginName).first().inputValue();
      if (offered !== citizen) fail(`after logout the login card offers "${offered}", not "${citizen}"`);
    });

    await step('signed out, the ticket link asks to log in; 去登录 and the login bring the citizen back to that ticket', async () => {
      await page.goto(pageUrl(`/features/hotline/pages/ticket/index?no=${encodeURIComponent(trackingNo)}`), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
      await visible(page, sel.ticketLogin, 'the login prompt on the ticket page');
      await expectNoSidewaysScroll(page, 'the login prompt');
      await expectAccessible(page, sel.ticketLogin, 'the login prompt');
      await shot('ticket-login');
      await page.locator(sel.ticketLoginAction).first().click();
      await visible(page, sel.loginSubmit, 'the login card on 我的');
      await page.locator(sel.loginSubmit).first().click();
      await visible(page, `${sel.ticket}[data-state="ok"]`, 'the ticket after logging in');
      if (!decodeURIComponent(page.url()).includes(`no=${trackingNo}`)) fail(`after the login the page is ${page.url()}, not the ticket ${trackingNo}`);
      const shown = await textOf(page, sel.ticket);
      if (!shown.includes(trackingNo)) fail(`the ticket page does not show ${trackingNo}`);
    });

    await step('注销账号: the dialog says what is erased and kept, and deleting signs out', async () => {
      await page.goto(pageUrl('/pages/mine/index'), { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
      await visible(page, sel.openDelete, '注销账号');
      await page.locator(sel.openDelete).first().click();
      await visible(page, sel.dialog, 'the deletion dialog');
      const text = await textOf(page, sel.dialog);
      for (const words of ['将被删除', '匿名保留', '昵称', '手机号', '照片', '无法恢复']) if (!text.includes(words)) fail(`the deletion dialog does not say ${words}`);
      // Taro's H5 button is a custom element: its disabled state is the attribute.
      if ((await page.locator(sel.confirm).first().getAttribute('disabled')) === null) fail('确认注销 can be pressed before the confirmation');
      await page.locator(sel.understood).first().click();
      await expectNoSidewaysScroll(page, 'the deletion dialog');
      await expectAccessible(page, sel.dialog, 'the deletion dialog');
      await shot('delete-dialog');
      await page.locator(sel.confirm).first().click();
      await visible(page, sel.deleted, 'the note that the account is deleted');
      await visible(page, sel.loginCard, 'the login card after deleting');
    });

    await step('the same WeChat identity now logs into an empty account', async () => {
      const again = await api('POST', '/api/v1/auth/wechat-login', { body: { code: `sim-${citizen}` } });
      if (again.body.user.nickname !== null || again.body.user.phoneMasked !== null) fail(`the new account still has a profile: ${JSON.stringify(again.body.user)}`);
      const list = await api('GET', '/api/v1/hotline/tickets', { token: again.body.accessToken });
      if (list.body.total !== 0) fail(`the new account lists ${list.body.total} 诉求`);
    });
  });
  if (errors.length) fail(`page errors: ${errors.join(' | ')}`);
}

await runBrowserTest('account.e2e', ['H5_URL', 'BFF_URL'], artifacts, async (browser, apiLog) => {
  for (const profile of [PHONE, NARROW]) {
    console.log(`account.e2e (${profile.name} ${profile.viewport.width}×${profile.viewport.height})`);
    await accountFlow(browser, profile, apiLog);
  }
});
