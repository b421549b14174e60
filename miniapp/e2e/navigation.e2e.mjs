// Browser test of navigation in the H5 build, against the whole stack.
//   node scripts/browser-test.mjs          (starts everything, sets the URLs below)
//   H5_URL=… BFF_URL=… PORTAL_SIM_URL=… node miniapp/e2e/navigation.e2e.mjs
// At 375×667 and 320×568: a page opened from a link has the title bar WeChat would draw (its
// title, 首页 when there is no history, 返回 after a navigation) and a page that fits between the
// bar and the tab bar; a listed interpretation on 首页 opens that interpretation; a policy page
// follows its address when the hash is edited to another policy; nested book-title marks read
// 〈〉; an unknown address and a missing policy show a not-found page with a way out. Any page
// error or console.error fails the run. Screenshots go to <repo>/.artifacts/navigation-*.png.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PHONE, TIMEOUT_MS, accessibilityProblems, clickTab, fail, inContext, runBrowserTest, step, textOf, until, visible } from './support.mjs';

const { H5_URL, BFF_URL, PORTAL_SIM_URL } = process.env;
const artifacts = resolve(dirname(fileURLToPath(import.meta.url)), '../../.artifacts');
const viewports = [PHONE, { ...PHONE, name: 'narrow', viewport: { width: 320, height: 568 } }];

const sel = {
  bar: '#taro-navigation-bar',
  barTitle: '#taro-navigation-bar .taro-navigation-bar-title',
  back: '[data-testid="nav-back"]',
  home: '[data-testid="nav-home"]',
  tabBar: '.weui-tabbar',
  homePage: '[data-testid="home"]',
  interpretationItem: '[data-testid="panel-interpretations"] [data-testid="interpretation-item"]',
  interpretation: '[data-testid="interpretation-detail"]:is([data-state="ok"], [data-state="stale"])',
  policy: '[data-testid="policy-detail"]:is([data-state="ok"], [data-state="stale"])',
  policyTitle: '[data-testid="policy-title"]',
  bannerLink: '[data-testid="validity-banner-link"]',
  notFound: '[data-testid="not-found"]',
  policyNotFound: '[data-testid="policy-detail-not-found"]',
  policyHome: '[data-testid="policy-home"]',
};

// The router keeps earlier pages in the document, hidden: read the one on screen.
const shown = (selector) => `${selector} >> visible=true`;
const at = (hash) => new URL(hash, H5_URL).toString();
const policyHash = (id) => `#/features/policy/pages/policy/index?id=${encodeURIComponent(id)}`;

async function getJson(url) {
  const res = await fetch(url).catch((e) => fail(`GET ${url} failed: ${e.message}`));
  if (!res.ok) fail(`GET ${url} answered ${res.status}`);
  return res.json();
}

/** Two policies that were replaced (from the portal's data), the second one's replacement titled with 《》 if any is. */
async function chooseScenario() {
  const { items } = await getJson(`${PORTAL_SIM_URL}/api/content/policies?pageSize=200`);
  const byId = new Map(items.map((p) => [p.id, p]));
  const replaced = items.filter((p) => p.supersededBy && byId.has(p.supersededBy));
  if (replaced.length < 2) fail('the portal has fewer than two replaced policies; nothing to test');
  const nested = replaced.find((p) => byId.get(p.supersededBy).title.includes('《'));
  const second = nested ?? replaced[1];
  const first = replaced.find((p) => p.id !== second.id && p.supersededBy !== second.id && p.id !== second.supersededBy);
  if (!first) fail('no two unrelated replaced policies in the portal data');
  return { first, firstReplacement: byId.get(first.supersededBy), second, secondReplacement: byId.get(second.supersededBy) };
}

/** The title bar: its text and which of 返回 / 首页 shows. */
async function barState(page) {
  await visible(page, sel.bar, 'the title bar');
  return {
    title: (await textOf(page, sel.barTitle)).trim(),
    back: await page.locator(sel.back).isVisible(),
    home: await page.locator(sel.home).isVisible(),
  };
}

async function expectBar(page, title, control) {
  const want = { back: control === 'back', home: control === 'home' };
  let last;
  const deadline = Date.now() + TIMEOUT_MS;
  while (Date.now() < deadline) {
    last = await barState(page);
    if (last.title === title && last.back === want.back && last.home === want.home) return;
    await page.waitForTimeout(200);
  }
  fail(`the title bar shows ${JSON.stringify(last)}, expected title "${title}" with ${control ?? 'no button'}`);
}

/** The shown page fits the viewport: under the title bar, above the tab bar, nothing wider than the screen. */
async function expectFits(page, what) {
  const box = await page.evaluate(() => {
    const shown = [...document.querySelectorAll('.taro_page')].find((p) => getComputedStyle(p).display !== 'none' && p.getBoundingClientRect().height > 0);
    const rect = (el) => (el ? el.getBoundingClientRect().toJSON() : null);
    const tab = document.querySelector('.weui-tabbar');
    return {
      page: rect(shown),
      bar: rect(document.getElementById('taro-navigation-bar')),
      tab: tab && getComputedStyle(tab).display !== 'none' && tab.getBoundingClientRect().height > 0 ? rect(tab) : null,
      width: window.innerWidth,
      height: window.innerHeight,
      scrollWidth: document.documentElement.scrollWidth,
      docScroll: document.scrollingElement.scrollHeight - window.innerHeight,
    };
  });
  if (!box.page || !box.bar) fail(`${what}: no shown page or title bar`);
  if (box.page.top < box.bar.bottom - 1) fail(`${what}: the page starts at ${box.page.top}px, under the title bar ending at ${box.bar.bottom}px`);
  const floor = box.tab ? box.tab.top : box.height;
  if (box.page.bottom > floor + 1) fail(`${what}: the page ends at ${box.page.bottom}px, past ${box.tab ? 'the tab bar' : 'the screen'} at ${floor}px`);
  if (box.scrollWidth > box.width + 1) fail(`${what}: the document is ${box.scrollWidth}px wide on a ${box.width}px screen`);
  if (box.docScroll > 1) fail(`${what}: the document itself scrolls by ${box.docScroll}px (the bar or the tab bar can scroll away)`);
}

async function runViewport(browser, profile, scenario, apiLog) {
  const { first, firstReplacement, second, secondReplacement } = scenario;
  console.log(`[${profile.name}] ${profile.viewport.width}×${profile.viewport.height}`);
  await inContext(browser, profile, { artifacts, prefix: 'navigation', apiLog, failOnPageErrors: true }, async (page, shot) => {
    await step('a policy opened from a link: its title, 首页 (no history), and it fits the screen', async () => {
      await page.goto(at(policyHash(first.id)), { timeout: TIMEOUT_MS });
      await visible(page, sel.policy, `the policy page of ${first.id}`);
      await expectBar(page, '政策文件', 'home');
      await expectFits(page, 'the policy page');
      const problems = await accessibilityProblems(page, sel.bar);
      if (problems.length) fail(`the title bar has serious accessibility problems:\n    ${problems.join('\n    ')}`);
      await shot('policy');
    });

    await step('首页 from the title bar: the tab bar shows, no back button', async () => {
      await page.locator(sel.home).click();
      await visible(page, sel.homePage, 'the home page');
      await visible(page, sel.tabBar, 'the tab bar');
      await expectBar(page, '阳光政务', null);
      await expectFits(page, 'the home page');
      await visible(page, sel.interpretationItem, 'an interpretation on 首页');
      await shot('home');
    });

    await step('a listed interpretation opens that interpretation; 返回 leads back to 首页', async () => {
      const item = page.locator(sel.interpretationItem).first();
      const listed = (await item.locator('.feed-item__title').innerText()).trim();
      await item.click();
      await visible(page, sel.interpretation, 'the interpretation page');
      const title = (await textOf(page, shown(`${sel.interpretation} .pol-head__title`))).trim();
      if (title !== listed) fail(`首页 listed "${listed}" and the page shows "${title}"`);
      await expectBar(page, '政策解读', 'back');
      await page.locator(sel.back).click();
      await visible(page, sel.homePage, 'the home page after 返回');
      await expectBar(page, '阳光政务', null);
    });

    await step('the page follows its address: 现行政策, then the hash edited to another policy', async () => {
      await page.goto(at(policyHash(first.id)), { timeout: TIMEOUT_MS });
      await until(page, shown(`${sel.policy} ${sel.policyTitle}`), (t) => t === first.title, `the page of ${first.id} did not show its title`);
      await page.locator(shown(`${sel.policy} ${sel.bannerLink}`)).first().click();
      await until(page, shown(`${sel.policy} ${sel.policyTitle}`), (t) => t === firstReplacement.title, `现行政策 did not open ${firstReplacement.id}`);
      await expectBar(page, '政策文件', 'back');
      await page.evaluate((hash) => (window.location.hash = hash), policyHash(second.id));
      await until(page, shown(`${sel.policy} ${sel.policyTitle}`), (t) => t === second.title, `after editing the hash to ${second.id} the page did not show "${second.title}"`);
    });

    await step('book-title marks inside a title read 〈〉', async () => {
      const link = await textOf(page, shown(`${sel.policy} ${sel.bannerLink}`));
      const inner = secondReplacement.title.replace(/《/g, '〈').replace(/》/g, '〉');
      if (!link.includes(`《${inner}》`)) fail(`the 现行政策 link reads "${link}", expected 《${inner}》`);
      await shot('nested-titles');
    });

    await step('an unknown address shows the not-found page, whose 返回首页 leads home', async () => {
      await page.goto(at('#/pages/nope/index'), { timeout: TIMEOUT_MS });
      await visible(page, sel.notFound, 'the not-found page');
      await expectBar(page, '页面不存在', 'home');
      if (!(await page.locator(`${sel.notFound} [role="heading"][aria-level="1"]`).count())) fail('the not-found page has no heading');
      await expectFits(page, 'the not-found page');
      await shot('unknown-route');
      await page.locator('[data-testid="not-found-home"]').click();
      await visible(page, sel.homePage, 'the home page from the not-found page');
    });

    await step('a policy that does not exist offers the way to the policy list', async () => {
      await page.goto(at(policyHash('pol-does-not-exist')), { timeout: TIMEOUT_MS });
      await visible(page, sel.policyNotFound, 'the policy not-found state');
      await shot('policy-not-found');
      await page.locator('[data-testid="policy-detail-not-found-action"]').click();
      await visible(page, sel.policyHome, 'the 政策 tab');
      await visible(page, sel.tabBar, 'the tab bar on the 政策 tab');
      await clickTab(page, '首页');
      await visible(page, sel.homePage, 'the home page by the tab bar');
    });
  });
}

runBrowserTest('navigation.e2e', ['H5_URL', 'BFF_URL', 'PORTAL_SIM_URL'], artifacts, async (browser, apiLog) => {
  const scenario = await chooseScenario();
  for (const profile of viewports) await runViewport(browser, profile, scenario, apiLog);
});
