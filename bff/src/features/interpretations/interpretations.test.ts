import { eventually, startTestStack, type TestStack } from '../../../test/stack';

let s: TestStack;
let policies: any[];
let interpretations: any[];
let qas: any[];

async function portalAll(collection: string): Promise<any[]> {
  const res = await fetch(`${s.sims.portal.url}/api/content/${collection}?pageSize=200`);
  return ((await res.json()) as { items: any[] }).items;
}
const paragraphs = (t?: string | null) =>
  (t ?? '')
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

beforeAll(async () => {
  s = await startTestStack({ env: { CACHE_FRESH_S: '1', UPSTREAM_TIMEOUT_MS: '400' } });
  [policies, interpretations, qas] = await Promise.all([portalAll('policies'), portalAll('interpretations'), portalAll('qas')]);
});
afterAll(() => s?.stop());
afterEach(() => s.heal());

describe('GET /api/v1/interpretations/:id', () => {
  test('when the interpretation exists, then every structured part comes in its own section with glossary and media', async () => {
    for (const i of interpretations) {
      const r = await s.req('GET', `/api/v1/interpretations/${i.id}`);
      expect(r.status).toBe(200);
      expect(r.body.status).toBe('ok');
      expect(r.body.item).toMatchObject({
        id: i.id,
        title: i.title,
        background: paragraphs(i.background),
        goals: paragraphs(i.goals),
        mainPoints: i.mainPoints,
        scope: paragraphs(i.scope),
        keyTerms: i.keyTerms,
        benefits: paragraphs(i.benefits),
        changes: paragraphs(i.changes),
        notes: paragraphs(i.notes),
        media: i.media ?? [],
      });
    }
  });

  test('when its policy is no longer in force, then it carries the status and the replacing policy; links go both ways', async () => {
    const outdated = interpretations.find((i) => policies.find((p) => p.id === i.policyId)?.status !== 'in_force');
    expect(outdated).toBeDefined();
    const policy = policies.find((p) => p.id === outdated.policyId);
    const next = policies.find((p) => p.id === policy.supersededBy);
    const r = await s.req('GET', `/api/v1/interpretations/${outdated.id}`);
    expect(r.body.item.policy).toEqual({
      id: policy.id,
      title: policy.title,
      docNo: policy.docNo ?? null,
      status: policy.status,
      supersededBy: next ? { id: next.id, title: next.title } : null,
    });
    expect(r.body.item.qas).toEqual(qas.filter((q) => q.interpretationId === outdated.id).map((q) => ({ id: q.id, question: q.question })));
    const back = await s.req('GET', `/api/v1/policies/${policy.id}`);
    expect(back.body.item.interpretations.map((x: any) => x.id)).toContain(outdated.id);
  });

  test('when the id is unknown, then 404 in Chinese', async () => {
    const r = await s.req('GET', '/api/v1/interpretations/int-nope');
    expect(r.status).toBe(404);
    expect(r.body.error).toMatchObject({ code: 'not_found', message: '没有找到这篇政策解读，可能已被撤下' });
  });

  test('when the id is malformed, then 400 naming the field', async () => {
    const r = await s.req('GET', '/api/v1/interpretations/bad%20id!');
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual([{ field: 'id', message: '编号格式不正确' }]);
  });

  test('when the portal is down and nothing is cached, then 503; once cached, then stale content', async () => {
    const cold = await startTestStack({ env: { CACHE_FRESH_S: '1', UPSTREAM_TIMEOUT_MS: '400' } });
    try {
      const i = interpretations[0];
      await cold.sims.portal.setFaults({ mode: 'down' });
      const down = await cold.req('GET', `/api/v1/interpretations/${i.id}`);
      expect(down.status).toBe(503);
      expect(down.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      await cold.heal();
      expect((await cold.req('GET', `/api/v1/interpretations/${i.id}`)).status).toBe(200);
      await cold.sims.portal.setFaults({ mode: 'down' });
      await new Promise((r) => setTimeout(r, 1100));
      const stale = await eventually(async () => {
        const r = await cold.req('GET', `/api/v1/interpretations/${i.id}`);
        return r.body.status === 'stale' ? r : null;
      }, 8000);
      expect(stale.status).toBe(200);
      expect(stale.body.item.title).toBe(i.title);
    } finally {
      await cold.stop();
    }
  });
});
