import { eventually, startTestStack, type TestStack } from '../../../test/stack';
import { Associations, LEARNING, LearningStore } from './learning';

const DAY = 86_400_000;

describe('Associations (query → Q&A learning)', () => {
  test('when one citizen repeats a vote or votes on many wordings of the query, then it counts as one citizen once', () => {
    const once = new Associations(() => 0);
    once.put('u:a', ['低保', '申请'], 'qa-1', 'helpful', 0);
    const spam = new Associations(() => 0);
    for (let i = 0; i < 20; i++) spam.put('u:a', ['低保', '申请'], 'qa-1', 'helpful', 0);
    for (const extra of ['材料', '流程', '条件', '哪里']) spam.put('u:a', ['低保', '申请', extra], 'qa-1', 'helpful', 0);
    expect(spam.lift(['低保', '申请']).get('qa-1')).toBeCloseTo(once.lift(['低保', '申请']).get('qa-1')!, 10);
  });

  test('when more citizens find an answer helpful, then its lift grows but stays below 1; unhelpful votes pull it down', () => {
    const a = new Associations(() => 0);
    const lift = () => a.lift(['低保', '申请']).get('qa-1') ?? 0;
    a.put('u:1', ['低保', '申请'], 'qa-1', 'helpful', 0);
    const one = lift();
    for (let i = 2; i <= 10; i++) a.put(`u:${i}`, ['低保', '申请'], 'qa-1', 'helpful', 0);
    expect(lift()).toBeGreaterThan(one);
    expect(lift()).toBeLessThan(1);
    for (let i = 11; i <= 40; i++) a.put(`u:${i}`, ['低保', '申请'], 'qa-1', 'unhelpful', 0);
    expect(lift()).toBeLessThan(0);
  });

  test('when a query shares too few concepts with the stored one, then it borrows nothing; signals fade with their half-life', () => {
    let now = 0;
    const a = new Associations(() => now);
    a.put('u:1', ['低保', '申请', '材料'], 'qa-1', 'helpful', 0);
    expect(a.lift(['公租房', '申请']).size).toBe(0);
    const fresh = a.lift(['低保', '申请']).get('qa-1')!;
    expect(fresh).toBeGreaterThan(0);
    now = LEARNING.halfLifeDays * DAY;
    expect(a.lift(['低保', '申请']).get('qa-1')!).toBeCloseTo(1 - Math.exp(-(-Math.log(1 - fresh) * LEARNING.saturation * 0.5) / LEARNING.saturation), 6);
  });
});

describe('search learns from votes and opened results', () => {
  let s: TestStack;
  const search = async (q: string) => (await s.req('GET', `/api/v1/qa/search?q=${encodeURIComponent(q)}&limit=10`)).body;
  beforeAll(async () => {
    s = await startTestStack({ env: { QA_INDEX_REFRESH_S: '0.3', RATE_LIMIT_WRITES_PER_MIN: '1000', RATE_LIMIT_IP_WRITES_PER_MIN: '1000' } });
    await eventually(async () => (await s.req('GET', '/api/v1/qa/search?q=低保')).status === 200, 10000);
  });
  afterAll(() => s?.stop());

  test('when citizens vote an answer helpful after a query, then a similar query ranks that answer higher', async () => {
    const query = '着火了能打12345吗';
    const before = await search(query);
    const ids: string[] = before.items.map((i: any) => i.id);
    // An answer shown but not first: the one citizens will say helped.
    const target = ids[Math.min(3, ids.length - 1)];
    expect(ids.indexOf(target)).toBeGreaterThan(0);
    for (const name of ['learn-a', 'learn-b', 'learn-c', 'learn-d']) {
      const { accessToken } = await s.login(name);
      const r = await s.req('PUT', `/api/v1/qas/${target}/feedback`, { token: accessToken, body: { vote: 'helpful', query } });
      expect(r.status).toBe(200);
    }
    // The same concepts in other words: filler and the Traditional spelling.
    const after = await search('請問著火了能打12345嗎');
    expect(after.items[0].id).toBe(target);
    // Another BFF instance learns it from the database (the reload task).
    const other = new LearningStore(s.context.mongo, s.context.logger);
    const stored = await s.context.mongo.db!.collection('qa_search_signals').findOne({ qaId: target });
    expect(other.lift(stored!.terms).size).toBe(0);
    await other.refresh();
    expect(other.lift(stored!.terms).get(target)).toBeGreaterThan(0);
  });

  test('when one citizen opens the same result again and again, then it counts once; past the daily cap, then nothing more is recorded', async () => {
    const { accessToken } = await s.login('learn-opener');
    const open = (q: string, qaId: string) => s.req('POST', '/api/v1/qa/search/opened', { token: accessToken, body: { q, qaId } });
    const first = await search('政府开放日');
    const qaId = first.items[0].id;
    for (let i = 0; i < 5; i++) expect((await open('政府开放日', qaId)).body).toEqual({ recorded: true });
    // Replacing the same signal uses no quota: LEARNING.perUserPerDay - 1 new ones still fit.
    const qas = first.items.map((i: any) => i.id);
    let recorded = 1;
    for (let i = 0; recorded < LEARNING.perUserPerDay; i++) {
      const r = await open(`政府开放日 第${i}场`, qas[i % qas.length]);
      expect(r.body.recorded).toBe(true);
      recorded++;
    }
    expect((await open('政府开放日 再来一次', qaId)).body).toEqual({ recorded: false });
    expect((await open('政府开放日', 'qa-does-not-exist')).body).toEqual({ recorded: false });
  });

  test('when the opened signal is malformed, then 400 names the field in Chinese', async () => {
    const r = await s.req('POST', '/api/v1/qa/search/opened', { body: { q: '', qaId: 'qa-001' } });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0]).toMatchObject({ field: 'q', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    const v = await s.req('PUT', '/api/v1/qas/qa-001/feedback', { token: (await s.login('learn-bad')).accessToken, body: { vote: 'helpful', query: 'x'.repeat(201) } });
    expect(v.status).toBe(400);
    expect(v.body.error.details[0].field).toBe('query');
  });
});
