import { createLogger } from '../../core/logger';
import { TaskRunner } from '../../core/tasks';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { QaSearchResponse } from '@zwgk/contracts';
import { createApp } from '../../app';
import { createMemoryKv } from '../../core/kv';
import { eventually, startTestStack, type TestStack } from '../../../test/stack';
import { QaIndex } from './index-sync';

const DEMO_CONTENT = path.dirname(require.resolve('@zwgk/upstream-sim/content/qas.json'));

async function portalQas(s: TestStack): Promise<any[]> {
  const res = await fetch(`${s.sims.portal.url}/api/content/qas?pageSize=200`);
  return ((await res.json()) as { items: any[] }).items;
}

const search = (s: TestStack, q: string, extra = '') => s.req('GET', `/api/v1/qa/search?q=${encodeURIComponent(q)}${extra}`);

describe('GET /api/v1/qa/search', () => {
  let s: TestStack;
  let qas: any[];
  beforeAll(async () => {
    s = await startTestStack({ env: { QA_INDEX_REFRESH_S: '0.3', UPSTREAM_TIMEOUT_MS: '400' } });
    qas = await portalQas(s);
    await eventually(async () => (await search(s, qas[0].question)).status === 200, 10000);
  });
  afterAll(() => s?.stop());
  afterEach(() => s.heal());

  test('when a citizen asks the question of a Q&A, then that Q&A comes first, in the contract shape, with highlights', async () => {
    for (const qa of [qas[0], qas[Math.floor(qas.length / 2)], qas[qas.length - 1]]) {
      const r = await search(s, qa.question, '&limit=3');
      expect(r.status).toBe(200);
      const body = QaSearchResponse.parse(r.body);
      expect(body.items[0].id).toBe(qa.id);
      expect(body.items.length).toBeLessThanOrEqual(3);
      expect(body).toMatchObject({ confident: true, suggestion: null, status: 'ok', query: qa.question });
      expect(body.items[0]).toMatchObject({ question: qa.question, answer: qa.answer, topics: qa.topics });
      expect(body.items[0].highlights.question.length).toBeGreaterThan(0);
    }
  });

  test('when a Traditional entry is asked in Simplified, then the entry is still found', async () => {
    const trad = qas.find((q) => /[們這說會國請問]/.test(q.question) || /[資訊開辦費臨時]/.test(q.question));
    expect(trad).toBeDefined();
    // The Traditional entry asked in Simplified (the engine's own converter writes the query).
    const { normalize } = await import('./normalize');
    const r = await search(s, normalize(trad.question));
    expect(r.body.items[0].id).toBe(trad.id);
  });

  test('when nothing in the knowledge base fits, then confident is false and 12345 is suggested', async () => {
    const r = await search(s, '护照过期了怎么续签');
    expect(r.status).toBe(200);
    expect(r.body.confident).toBe(false);
    expect(r.body.suggestion).toEqual({ hotline: '12345', message: expect.stringContaining('12345') });
  });

  test.each([
    ['', 'q', '请输入要搜索的问题'],
    ['%20%20', 'q', '请输入要搜索的问题'],
    ['x'.repeat(201), 'q', '问题太长了，请精简到 200 字以内'],
  ])('when q is %#-th bad, then 400 naming q in Chinese', async (q, field, message) => {
    const r = await s.req('GET', `/api/v1/qa/search?q=${q}`);
    expect(r.status).toBe(400);
    expect(r.body.error.details).toContainEqual({ field, message });
  });

  test('when q is missing or limit is bad, then 400 naming the field', async () => {
    expect((await s.req('GET', '/api/v1/qa/search')).body.error.details[0].field).toBe('q');
    for (const limit of ['0', '51', 'abc', '2.5']) {
      const r = await s.req('GET', `/api/v1/qa/search?q=低保&limit=${limit}`);
      expect(r.status).toBe(400);
      expect(r.body.error.details[0].field).toBe('limit');
    }
  });

  test('when the portal goes down after the index was built, then search still answers, marked stale', async () => {
    const qa = qas[3];
    await s.sims.portal.setFaults({ mode: 'down' });
    const r = await eventually(async () => {
      const x = await search(s, qa.question);
      return x.body.status === 'stale' ? x : null;
    }, 8000);
    expect(r.status).toBe(200);
    expect(r.body.items[0].id).toBe(qa.id);
    await s.sims.portal.setFaults({ mode: 'ok' });
    await eventually(async () => (await search(s, qa.question)).body.status === 'ok', 8000);
  });

  test('when the BFF restarts during a portal outage, then it answers from the snapshot; with no snapshot, then 503 in Chinese', async () => {
    const qa = qas[5];
    await s.sims.portal.setFaults({ mode: 'down' });
    const restarted = new QaIndex({ portal: s.context.upstreams.portal, kv: s.context.kv, logger: s.context.logger, refreshMs: 60000, snapshotTtlMs: 60000 });
    const restartedTasks = new TaskRunner(createMemoryKv(), createLogger('silent'));
    restarted.start(restartedTasks);
    restartedTasks.start();
    await restarted.ready();
    expect(restarted.status()).toBe('stale');
    expect(restarted.current()!.search(qa.question).hits[0].doc.id).toBe(qa.id);
    await restartedTasks.stop();
    await restarted.stop();

    // A fresh app with an empty store and an unreachable portal has nothing to answer from.
    const app = createApp({ config: s.config, logger: s.context.logger, mongo: s.context.mongo, kv: createMemoryKv(), upstreams: s.context.upstreams });
    const server = http.createServer(app.handler);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/api/v1/qa/search?q=${encodeURIComponent(qa.question)}`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as any;
      expect(body.error.code).toBe('upstream_unavailable');
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await app.close();
    }
  });
});

describe('Q&A search freshness', () => {
  let s: TestStack;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-qa-'));
    for (const f of fs.readdirSync(DEMO_CONTENT)) if (f.endsWith('.json')) fs.copyFileSync(path.join(DEMO_CONTENT, f), path.join(dir, f));
    s = await startTestStack({ env: { QA_INDEX_REFRESH_S: '0.3' }, simEnv: { portal: { PORTAL_CONTENT_DIR: dir, PORTAL_SIM_RELOAD_MS: '200' } } });
  });
  afterAll(async () => {
    await s?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('when the portal changes a Q&A or deletes one, then search follows without a restart', async () => {
    const file = path.join(dir, 'qas.json');
    const qas = JSON.parse(fs.readFileSync(file, 'utf8'));
    const [changed, deleted] = [qas[10], qas[20]];
    await eventually(async () => (await search(s, deleted.question)).body?.items?.[0]?.id === deleted.id, 10000);

    const newQuestion = '城市绿道骑行可以带宠物狗吗？';
    expect((await search(s, newQuestion)).body.items.map((i: any) => i.id)).not.toContain(changed.id);
    const next = qas.filter((q: any) => q.id !== deleted.id).map((q: any) => (q.id === changed.id ? { ...q, question: newQuestion, answer: '可以，但须牵绳并及时清理宠物粪便。' } : q));
    fs.writeFileSync(file, JSON.stringify(next, null, 2));

    const after = await eventually(async () => {
      const r = await search(s, '绿道骑行能带狗吗');
      return r.body.items[0]?.id === changed.id ? r : null;
    }, 10000);
    expect(after.body.items[0].question).toBe(newQuestion);
    await eventually(async () => !(await search(s, deleted.question)).body.items.some((i: any) => i.id === deleted.id), 10000);
  });

  test('when a word appears only in the glossary of the interpretation a Q&A links to, then searching it finds that Q&A, and follows glossary changes', async () => {
    const file = path.join(dir, 'interpretations.json');
    const interps = JSON.parse(fs.readFileSync(file, 'utf8'));
    const qas = JSON.parse(fs.readFileSync(path.join(dir, 'qas.json'), 'utf8'));
    const target = qas.find((q: any) => q.policyId && !interps.some((i: any) => i.policyId === q.policyId));
    expect(target).toBeDefined();
    // A word in no Q&A at all: before the glossary explains it, it finds nothing.
    const word = '鹦鹉螺听证';
    expect((await search(s, word)).body.items.map((i: any) => i.id)).not.toContain(target.id);
    const glossary = { ...interps[0], id: 'int-ctx-test', policyId: target.policyId, keyTerms: [{ term: '专门术语', explanation: `俗称“${word}”，指本政策规定的程序。` }] };
    fs.writeFileSync(file, JSON.stringify([...interps, glossary], null, 2));
    await eventually(async () => (await search(s, word)).body.items[0]?.id === target.id, 10000);
    // The glossary entry withdrawn: the Q&A is re-indexed without it.
    fs.writeFileSync(file, JSON.stringify(interps, null, 2));
    await eventually(async () => !(await search(s, word)).body.items.some((i: any) => i.id === target.id), 10000);
  });

  test('when a few Q&As change, then the live index is updated in place, not rebuilt, and equals a fresh build', async () => {
    const index = new QaIndex({ portal: s.context.upstreams.portal, kv: createMemoryKv(), logger: s.context.logger, refreshMs: 200, snapshotTtlMs: 60000 });
    const indexTasks = new TaskRunner(createMemoryKv(), createLogger('silent'));
    index.start(indexTasks);
    indexTasks.start();
    try {
      await index.ready();
      const engine = index.current()!;
      const file = path.join(dir, 'qas.json');
      const qas = JSON.parse(fs.readFileSync(file, 'utf8'));
      const target = qas[30];
      const question = '社区食堂给独居老人送餐收费吗？';
      fs.writeFileSync(file, JSON.stringify(qas.map((q: any) => (q.id === target.id ? { ...q, question, answer: '独居老人送餐每餐收取成本费。' } : q)), null, 2));
      await eventually(async () => index.current()!.search('独居老人送餐要钱吗').hits[0]?.doc.id === target.id, 10000);
      expect(index.current()).toBe(engine);
      // A fresh index over the portal's current content ranks the same way.
      const fresh = new QaIndex({ portal: s.context.upstreams.portal, kv: createMemoryKv(), logger: s.context.logger, refreshMs: 60000, snapshotTtlMs: 60000 });
      const freshTasks = new TaskRunner(createMemoryKv(), createLogger('silent'));
      fresh.start(freshTasks);
      freshTasks.start();
      await fresh.ready();
      await freshTasks.stop();
      await fresh.stop();
      for (const q of ['独居老人送餐要钱吗', '低保怎么申请', qas[3].question]) {
        expect(engine.search(q).hits.map((h) => [h.doc.id, h.score])).toEqual(fresh.current()!.search(q).hits.map((h) => [h.doc.id, h.score]));
      }
    } finally {
      await indexTasks.stop();
      await index.stop();
    }
  });
});
