import { eventually, startTestStack, type TestStack } from '../../../test/stack';
import { qaModels } from './model';

let s: TestStack;
let policies: any[];
let interpretations: any[];
let qas: any[];

async function portalAll(collection: string): Promise<any[]> {
  const res = await fetch(`${s.sims.portal.url}/api/content/${collection}?pageSize=200`);
  return ((await res.json()) as { items: any[] }).items;
}

beforeAll(async () => {
  s = await startTestStack({ env: { CACHE_FRESH_S: '1', UPSTREAM_TIMEOUT_MS: '400', QA_POPULARITY_CACHE_MS: '300' } });
  [policies, interpretations, qas] = await Promise.all([portalAll('policies'), portalAll('interpretations'), portalAll('qas')]);
});
afterAll(() => s?.stop());
afterEach(() => s.heal());

describe('GET /api/v1/qas/:id', () => {
  test('when the Q&A exists, then the answer comes in paragraphs with its policy, interpretation and related Q&As', async () => {
    const q = qas.find((x) => x.policyId && x.interpretationId)!;
    const r = await s.req('GET', `/api/v1/qas/${q.id}`);
    expect(r.status).toBe(200);
    const policy = policies.find((p) => p.id === q.policyId);
    const interpretation = interpretations.find((i) => i.id === q.interpretationId);
    expect(r.body.item).toMatchObject({
      id: q.id,
      question: q.question,
      topics: q.topics,
      policy: { id: policy.id, title: policy.title, status: policy.status },
      interpretation: { id: interpretation.id, title: interpretation.title },
    });
    expect(r.body.item.answer.join('')).toBe(q.answer.replace(/\s*\n\s*/g, '').trim());
    const siblings = qas.filter((x) => x.policyId === q.policyId && x.id !== q.id).map((x) => x.id);
    expect(r.body.item.related.length).toBe(Math.min(5, siblings.length));
    for (const rel of r.body.item.related) expect(siblings).toContain(rel.id);
  });

  test('when its policy is no longer in force, then it carries the validity and the replacing policy', async () => {
    const outdated = qas.filter((x) => policies.find((p) => p.id === x.policyId)?.status !== 'in_force' && x.policyId);
    expect(outdated.length).toBeGreaterThan(0);
    for (const q of outdated) {
      const policy = policies.find((p) => p.id === q.policyId);
      const r = await s.req('GET', `/api/v1/qas/${q.id}`);
      expect(r.body.item.policy.status).toBe(policy.status);
      expect(r.body.item.policy.supersededBy?.id ?? null).toBe(policy.supersededBy ?? null);
    }
  });

  test('when the id is unknown, then 404 in Chinese; malformed, then 400', async () => {
    const missing = await s.req('GET', '/api/v1/qas/qa-none');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('没有找到这条问答，可能已被撤下');
    const bad = await s.req('GET', `/api/v1/qas/${'q'.repeat(65)}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('id');
  });

  test('when a Q&A is viewed, then its views count once per viewer', async () => {
    const q = qas[qas.length - 1];
    const viewsOf = async () => (await s.req('GET', `/api/v1/qas?pageSize=50&sort=recent&topic=${encodeURIComponent(q.topics[0])}`)).body.items.find((x: any) => x.id === q.id)?.views;
    const before = (await viewsOf()) ?? 0;
    const { accessToken } = await s.login('qa-viewer');
    await s.req('GET', `/api/v1/qas/${q.id}`, { token: accessToken });
    await eventually(async () => (await viewsOf()) === before + 1);
    await s.req('GET', `/api/v1/qas/${q.id}`, { token: accessToken });
    await new Promise((r) => setTimeout(r, 200));
    expect(await viewsOf()).toBe(before + 1);
  });
});

describe('Q&A feedback', () => {
  test('when not logged in, then voting is 401 and reading shows counts without a vote of mine', async () => {
    const q = qas[0];
    const put = await s.req('PUT', `/api/v1/qas/${q.id}/feedback`, { body: { vote: 'helpful' } });
    expect(put.status).toBe(401);
    const get = await s.req('GET', `/api/v1/qas/${q.id}/feedback`);
    expect(get.status).toBe(200);
    expect(get.body).toEqual({ qaId: q.id, helpful: 0, unhelpful: 0, mine: null });
  });

  test('when a citizen votes twice and then changes the vote, then it counts once and follows the change', async () => {
    const q = qas[1];
    const alice = await s.login('qa-alice');
    const bob = await s.login('qa-bob');
    const vote = (token: string, v: string) => s.req('PUT', `/api/v1/qas/${q.id}/feedback`, { token, body: { vote: v } });
    expect((await vote(alice.accessToken, 'helpful')).body).toEqual({ qaId: q.id, helpful: 1, unhelpful: 0, mine: 'helpful' });
    expect((await vote(alice.accessToken, 'helpful')).body).toMatchObject({ helpful: 1, unhelpful: 0 });
    expect((await vote(bob.accessToken, 'helpful')).body).toMatchObject({ helpful: 2, unhelpful: 0, mine: 'helpful' });
    expect((await vote(alice.accessToken, 'unhelpful')).body).toEqual({ qaId: q.id, helpful: 1, unhelpful: 1, mine: 'unhelpful' });
    const mine = await s.req('GET', `/api/v1/qas/${q.id}/feedback`, { token: alice.accessToken });
    expect(mine.body).toEqual({ qaId: q.id, helpful: 1, unhelpful: 1, mine: 'unhelpful' });
    expect(await s.context.mongo.collection('qa_votes').countDocuments({ qaId: q.id })).toBe(2);
  });

  test('when the vote is missing or unknown, then 400 in Chinese and nothing is stored', async () => {
    const q = qas[2];
    const { accessToken } = await s.login('qa-carol');
    for (const body of [{}, { vote: 'love' }]) {
      const r = await s.req('PUT', `/api/v1/qas/${q.id}/feedback`, { token: accessToken, body });
      expect(r.status).toBe(400);
      expect(r.body.error.details).toEqual([{ field: 'vote', message: '请选择“有帮助”或“没帮助”' }]);
    }
    expect(await s.context.mongo.collection('qa_votes').countDocuments({ qaId: q.id })).toBe(0);
  });

  test('when the Q&A is unknown, then 404 for reading and voting', async () => {
    const { accessToken } = await s.login('qa-dave');
    expect((await s.req('GET', '/api/v1/qas/qa-none/feedback')).status).toBe(404);
    expect((await s.req('PUT', '/api/v1/qas/qa-none/feedback', { token: accessToken, body: { vote: 'helpful' } })).status).toBe(404);
  });
});

describe('GET /api/v1/qas', () => {
  test('when sorted by recent and filtered by topic, then they come newest first', async () => {
    const topic = qas[0].topics[0];
    const r = await s.req('GET', `/api/v1/qas?topic=${encodeURIComponent(topic)}&pageSize=50`);
    expect(r.status).toBe(200);
    const expected = qas
      .filter((q) => q.topics.includes(topic))
      .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || a.id.localeCompare(b.id));
    expect(r.body.total).toBe(expected.length);
    expect(r.body.items.map((q: any) => q.id)).toEqual(expected.slice(0, 50).map((q) => q.id));
  });

  test('when filtered by policy, then only its Q&As are listed with the policy status', async () => {
    const policy = policies.find((p) => p.status !== 'in_force' && qas.some((q) => q.policyId === p.id))!;
    const r = await s.req('GET', `/api/v1/qas?policyId=${policy.id}`);
    expect(r.body.items.map((q: any) => q.id).sort()).toEqual(qas.filter((q) => q.policyId === policy.id).map((q) => q.id).sort());
    for (const q of r.body.items) expect(q.policyStatus).toBe(policy.status);
  });

  test('when sorted by popular, then helpful votes lift a Q&A to the top', async () => {
    const target = qas[qas.length - 3];
    for (const name of ['pop-1', 'pop-2', 'pop-3']) {
      const { accessToken } = await s.login(name);
      await s.req('PUT', `/api/v1/qas/${target.id}/feedback`, { token: accessToken, body: { vote: 'helpful' } });
    }
    // Popularity is computed for all lists together and reused for QA_POPULARITY_CACHE_MS.
    const r = await eventually(async () => {
      const x = await s.req('GET', '/api/v1/qas?sort=popular&pageSize=3');
      return x.body.items?.[0]?.id === target.id ? x : null;
    }, 3000, 100);
    expect(r.body.items[0]).toMatchObject({ id: target.id, helpful: 3 });
  });

  test('when many lists are asked for at once, then popularity is read once for all of them and reused until it expires', async () => {
    const target = qas[qas.length - 5];
    await new Promise((r) => setTimeout(r, 350));
    const spy = jest.spyOn(qaModels(s.context.mongo).QaVote, 'aggregate');
    // Popularity reads every helpful vote; a vote's own counts aggregate over one Q&A.
    const aggregate = { get calls() { return spy.mock.calls.filter((c) => !('qaId' in ((c[0] as any)[0].$match ?? {}))).length; } };
    try {
      await Promise.all(Array.from({ length: 5 }, (_, i) => s.req('GET', `/api/v1/qas?sort=popular&page=${i + 1}&pageSize=2`)));
      expect(aggregate.calls).toBe(1);
      const { accessToken } = await s.login('pop-late');
      await s.req('PUT', `/api/v1/qas/${target.id}/feedback`, { token: accessToken, body: { vote: 'helpful' } });
      const helpfulOf = async (id: string) => {
        for (const page of [1, 2]) {
          const r = await s.req('GET', `/api/v1/qas?sort=recent&page=${page}&pageSize=50`);
          const hit = r.body.items.find((q: any) => q.id === id);
          if (hit) return hit.helpful as number;
        }
        throw new Error(`${id} not listed`);
      };
      const before = await helpfulOf(target.id);
      expect(aggregate.calls).toBe(1);
      await new Promise((r) => setTimeout(r, 350));
      expect(await helpfulOf(target.id)).toBe(before + 1);
      expect(aggregate.calls).toBe(2);
    } finally {
      spy.mockRestore();
    }
  });

  test('when the query is invalid, then 400 names each field', async () => {
    const r = await s.req('GET', '/api/v1/qas?sort=hot&pageSize=500');
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((d: any) => d.field).sort()).toEqual(['pageSize', 'sort']);
  });

  test('when the portal is down and nothing is cached, then 503; once cached, then stale content', async () => {
    const cold = await startTestStack({ env: { CACHE_FRESH_S: '1', UPSTREAM_TIMEOUT_MS: '400' } });
    try {
      await cold.sims.portal.setFaults({ mode: 'down' });
      expect((await cold.req('GET', '/api/v1/qas')).status).toBe(503);
      expect((await cold.req('GET', `/api/v1/qas/${qas[0].id}`)).status).toBe(503);
      await cold.heal();
      expect((await cold.req('GET', '/api/v1/qas')).status).toBe(200);
      await cold.sims.portal.setFaults({ mode: 'down' });
      await new Promise((r) => setTimeout(r, 1100));
      const stale = await eventually(async () => {
        const r = await cold.req('GET', `/api/v1/qas/${qas[0].id}`);
        return r.body.status === 'stale' ? r : null;
      }, 8000);
      expect(stale.body.item.question).toBe(qas[0].question);
      expect((await cold.req('GET', '/api/v1/qas')).body.status).toBe('stale');
      const { accessToken } = await cold.login('qa-stale-voter');
      const vote = await cold.req('PUT', `/api/v1/qas/${qas[0].id}/feedback`, { token: accessToken, body: { vote: 'helpful' } });
      expect(vote.body).toMatchObject({ helpful: 1, mine: 'helpful' });
    } finally {
      await cold.stop();
    }
  });
});
