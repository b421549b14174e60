// Browser test of the 政策 knowledge base on the H5 build against a running stack.
//   H5_URL=... BFF_URL=... PORTAL_SIM_URL=... node miniapp/e2e/policy.e2e.mjs
// From 首页's search box: type a question whose best Q&A belongs to a policy that is no longer
// in force, open that Q&A, see its validity banner, jump to its policy and see the policy's
// banner with the link to the policy that replaced it. The query and every expectation are
// derived from the portal simulator's data and the live search route, not hard-coded answers.
// Any uncaught exception or console.error fails the run.
// Screenshots go to <repo>/.artifacts/. Exits non-zero with a message on the first failure.
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, watchPageErrors } from './support.mjs';

const { H5_URL, BFF_URL, PORTAL_SIM_URL } = process.env;
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 20_000);
const artifacts = resolve(dirname(fileURLToPath(import.meta.url)), '../../.artifacts');

const viewports = [
  { name: 'phone', viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  { name: 'desktop', viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, isMobile: false },
];

const sel = {
  home: '[data-testid="home"]',
  homeSearch: '[data-testid="home-search"]',
  search: '[data-testid="search"]',
  searchInput: '[data-testid="search-input"] input',
  searchError: '[data-testid="search-error"]',
  hit: '[data-testid="search-hit"]',
  // Loaded (fresh or stale); :is keeps each a single compound selector, so descendants can follow it.
  qa: '[data-testid="qa-detail"]:is([data-state="ok"], [data-state="stale"])',
  qaQuestion: '[data-testid="qa-question"]',
  policyLink: '[data-testid="policy-link"]',
  policy: '[data-testid="policy-detail"]:is([data-state="ok"], [data-state="stale"])',
  policyTitle: '[data-testid="policy-title"]',
  banner: '[data-testid="validity-banner"]',
  bannerLink: '[data-testid="validity-banner-link"]',
};

const statusWords = { amended: '已修改', repealed: '已废止', expired: '已失效' };

/** A title as the app sets it in book-title marks: 《…》 around it, one level of inner 《》 as 〈〉. */
const inBookMarks = (title) => `《${title.replace(/《/g, '〈').replace(/》/g, '〉')}》`;

class E2eFailure extends Error {}
function fail(message) {
  throw new E2eFailure(message);
}

async function step(label, work) {
  process.stdout.write(`  · ${label} … `);
  const started = Date.now();
  await work();
  process.stdout.write(`ok (${Date.now() - started} ms)\n`);
}

async function getJson(url) {
  let res;
  try {
    res = await fetch(url);
  } catch (error) {
    fail(`GET ${url} failed: ${error.message}`);
  }
  const text = await res.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, text };
}

/**
 * Picks the scenario from the data: for each Q&A of the portal whose policy is not in force,
 * its own question is the query; the first one whose top search hit is a Q&A of a policy not
 * in force wins. Fails clearly when the search route is not live.
 */
async function chooseScenario() {
  const [policies, qas] = await Promise.all(
    ['policies', 'qas'].map(async (c) => (await getJson(`${PORTAL_SIM_URL}/api/content/${c}?pageSize=200`)).body.items),
  );
  const byId = new Map(policies.map((p) => [p.id, p]));
  const outdated = qas.filter((q) => q.policyId && byId.get(q.policyId) && byId.get(q.policyId).status !== 'in_force');
  if (!outdated.length) fail('the portal content has no Q&A of a policy that is no longer in force; nothing to test');

  const probe = await getJson(`${BFF_URL}/api/v1/qa/search?q=${encodeURIComponent(outdated[0].question)}`);
  if (probe.status === 404) fail('GET /api/v1/qa/search is not live on the BFF (404): the search engine route has not landed yet');
  if (probe.status !== 200) fail(`GET /api/v1/qa/search answered ${probe.status}: ${probe.text.slice(0, 200)}`);

  for (const qa of outdated) {
    // A shortened, spoken form of the question: what a citizen would type.
    const query = qa.question.replace(/[？?。！!，,“”"]/g, ' ').trim();
    const r = await getJson(`${BFF_URL}/api/v1/qa/search?q=${encodeURIComponent(query)}`);
    const top = r.body?.items?.[0];
    if (!top) continue;
    const topQa = qas.find((q) => q.id === top.id);
    const policy = topQa?.policyId ? byId.get(topQa.policyId) : null;
    if (policy && policy.status !== 'in_force') {
      return { query, qa: topQa, policy, replacement: policy.supersededBy ? byId.get(policy.supersededBy) : null };
    }
  }
  fail(`no query among ${outdated.length} candidates put a Q&A of an outdated policy first; candidates: ${outdated.map((q) => q.id).join(', ')}`);
}

async function visible(page, selector, what) {
  try {
    await page.locator(selector).first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  } catch {
    const shown = await page
      .locator('[data-testid$="-error"], [data-testid$="-not-found"]')
      .first()
      .textContent({ timeout: 500 })
      .catch(() => null);
    fail(`${what} did not appear within ${TIMEOUT_MS} ms (selector ${selector})${shown ? `; the page shows: ${shown.trim()}` : ''}`);
  }
}

async function runViewport(browser, profile, scenario, apiLog) {
  const { name, ...contextOptions } = profile;
  console.log(`[${name}] ${profile.viewport.width}×${profile.viewport.height}: "${scenario.query}" → ${scenario.qa.id} → ${scenario.policy.id} (${scenario.policy.status})`);
  const context = await browser.newContext({ ...contextOptions, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('response', (res) => {
    if (res.url().includes('/api/')) apiLog.push(`${name} ${res.request().method()} ${new URL(res.url()).pathname}${new URL(res.url()).search} → ${res.status()}`);
  });
  page.on('pageerror', (err) => apiLog.push(`${name} page error: ${err.message}`));
  const pageErrors = watchPageErrors(page);
  const shot = (label) => page.screenshot({ path: resolve(artifacts, `policy-${label}-${name}.png`), fullPage: true });

  try {
    await step('open 首页 and tap its search box', async () => {
      const res = await page.goto(H5_URL, { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
      if (!res || !res.ok()) fail(`GET ${H5_URL} answered ${res ? res.status() : 'nothing'}`);
      await visible(page, sel.homeSearch, 'the home search box');
      await page.locator(sel.homeSearch).first().click();
      await visible(page, sel.search, 'the search page');
    });

    await step('type the question and see instant results with highlights', async () => {
      const input = page.locator(sel.searchInput).first();
      await input.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
      await input.pressSequentially(scenario.query, { delay: 15 });
      await visible(page, `${sel.hit}[data-id="${scenario.qa.id}"]`, `the search hit ${scenario.qa.id}`);
      const first = page.locator(sel.hit).first();
      const firstId = await first.getAttribute('data-id');
      if (firstId !== scenario.qa.id) fail(`the first hit is ${firstId}, the BFF ranks ${scenario.qa.id} first for "${scenario.query}"`);
      const hitText = (await first.innerText()).trim();
      if (!hitText.includes(scenario.qa.question)) fail(`the first hit does not show the question "${scenario.qa.question}": ${hitText.slice(0, 120)}`);
      if (!(await first.locator('[data-testid="hl"]').count())) fail('the first hit has no highlighted words');
      await shot('search');
    });

    await step('open the Q&A and see the validity banner of its policy', async () => {
      await page.locator(sel.hit).first().click();
      await visible(page, sel.qa, 'the Q&A page');
      const question = (await page.locator(sel.qaQuestion).first().innerText()).trim();
      if (question !== scenario.qa.question) fail(`the Q&A page shows "${question}", expected "${scenario.qa.question}"`);
      const banner = page.locator(`${sel.qa} ${sel.banner}`).first();
      await banner.waitFor({ state: 'visible', timeout: TIMEOUT_MS }).catch(() => fail('the Q&A page shows no validity banner'));
      const text = (await banner.innerText()).trim();
      const word = statusWords[scenario.policy.status];
      if (!text.includes(word) || !text.includes(inBookMarks(scenario.policy.title))) fail(`the Q&A banner should name ${inBookMarks(scenario.policy.title)} and ${word}: ${text}`);
      await shot('qa');
    });

    await step('jump to its policy and see the banner with the replacing policy', async () => {
      await page.locator(`${sel.qa} ${sel.policyLink}`).first().click();
      await visible(page, sel.policy, 'the policy page');
      const title = (await page.locator(`${sel.policy} ${sel.policyTitle}`).first().innerText()).trim();
      if (title !== scenario.policy.title) fail(`the policy page shows "${title}", expected "${scenario.policy.title}"`);
      const banner = page.locator(`${sel.policy} ${sel.banner}`).first();
      await banner.waitFor({ state: 'visible', timeout: TIMEOUT_MS }).catch(() => fail('the policy page shows no validity banner'));
      const status = await banner.getAttribute('data-status');
      if (status !== scenario.policy.status) fail(`the banner says ${status}, the portal says ${scenario.policy.status}`);
      if (scenario.replacement) {
        const link = (await banner.locator(sel.bannerLink).innerText()).trim();
        if (!link.includes(inBookMarks(scenario.replacement.title))) fail(`the banner does not link to ${inBookMarks(scenario.replacement.title)}: ${link}`);
      }
      await shot('policy');
    });

    await step('the 政策 tab lists topics, popular questions and policies, and shows this visit', async () => {
      await page.goto(new URL('#/pages/policy/index', H5_URL).toString(), { timeout: TIMEOUT_MS });
      await visible(page, '[data-testid="policy-item"]', 'a policy in the 政策 tab');
      await visible(page, '[data-testid="topic-chip"]', 'a topic chip');
      await visible(page, '[data-testid="popular-qa"]', 'a popular question');
      const recent = (await page.locator('[data-testid="recent"]').first().innerText().catch(() => '')).trim();
      if (!recent.includes(scenario.qa.question) || !recent.includes(scenario.policy.title)) fail(`最近浏览 lacks the Q&A or the policy just viewed: ${recent.slice(0, 200)}`);
      await shot('tab');
    });
    pageErrors.check(`[${name}] the policy pages`);
  } catch (error) {
    await page.screenshot({ path: resolve(artifacts, `policy-failure-${name}.png`), fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}

async function main() {
  for (const [k, v] of Object.entries({ H5_URL, BFF_URL, PORTAL_SIM_URL })) {
    if (!v) {
      console.error(`policy.e2e: set ${k} (run it through node scripts/browser-test.mjs, which sets H5_URL, BFF_URL and PORTAL_SIM_URL)`);
      process.exit(2);
    }
  }
  await mkdir(artifacts, { recursive: true });
  const apiLog = [];
  let browser;
  try {
    const scenario = await chooseScenario();
    browser = await launchChromium();
    for (const profile of viewports) await runViewport(browser, profile, scenario, apiLog);
    console.log(`policy.e2e: passed; screenshots in ${artifacts}`);
  } catch (error) {
    console.error(`\npolicy.e2e FAILED: ${error instanceof E2eFailure ? error.message : error?.stack || error}`);
    if (apiLog.length) console.error(`API calls seen:\n  ${apiLog.join('\n  ')}`);
    process.exitCode = 1;
  } finally {
    await browser?.close();
  }
}

main();
