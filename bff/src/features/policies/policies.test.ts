import { eventually, startTestStack, type TestStack } from '../../../test/stack';

let s: TestStack;
let policies: any[];
let interpretations: any[];
let qas: any[];

async function portalAll(collection: string): Promise<any[]> {
  const res = await fetch(`${s.sims.portal.url}/api/content/${collection}?pageSize=200`);
  return ((await res.json()) as { items: any[] }).items;
}
const chinaYear = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).getUTCFullYear();
const newestFirst = (a: any, b: any) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || a.id.localeCompare(b.id);

beforeAll(async () => {
  s = await startTestStack({ env: { CACHE_FRESH_S: '1', UPSTREAM_TIMEOUT_MS: '400' } });
  [policies, interpretations, qas] = await Promise.all([portalAll('policies'), portalAll('interpretations'), portalAll('qas')]);
});
afterAll(() => s?.stop());
afterEach(() => s.heal());

describe('GET /api/v1/policies/:id', () => {
  test('when the policy exists, then its detail comes with paragraphs and validity', async () => {
    const p = policies[0];
    const r = await s.req('GET', `/api/v1/policies/${p.id}`);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ok');
    expect(r.body.item).toMatchObject({ id: p.id, title: p.title, status: p.status, issuer: p.issuer, docNo: p.docNo ?? null });
    expect(r.body.item.paragraphs.join('\n')).toBe(
      p.body
        .split('\n')
        .map((x: string) => x.trim())
        .filter(Boolean)
        .join('\n'),
    );
  });

  test('when a policy was replaced, then the replacement is linked with its title', async () => {
    const replaced = policies.filter((p) => p.supersededBy);
    expect(replaced.length).toBeGreaterThan(0);
    for (const p of replaced) {
      const r = await s.req('GET', `/api/v1/policies/${p.id}`);
      const successor = policies.find((x) => x.id === p.supersededBy);
      expect(r.body.item.status).not.toBe('in_force');
      expect(r.body.item.supersededBy).toEqual({ id: successor.id, title: successor.title });
    }
  });

  test('when a policy has interpretations and Q&As, then every one naming it is linked, and each links back', async () => {
    for (const p of policies) {
      const r = await s.req('GET', `/api/v1/policies/${p.id}`);
      const ints = interpretations.filter((i) => i.policyId === p.id).sort(newestFirst);
      expect(r.body.item.interpretations).toEqual(ints.map((i) => ({ id: i.id, title: i.title })));
      expect(r.body.item.qas).toEqual(qas.filter((q) => q.policyId === p.id).map((q) => ({ id: q.id, question: q.question })));
    }
    const withQas = policies.find((p) => qas.some((q) => q.policyId === p.id))!;
    const first = (await s.req('GET', `/api/v1/policies/${withQas.id}`)).body.item.qas[0];
    const back = await s.req('GET', `/api/v1/qas/${first.id}`);
    expect(back.body.item.policy.id).toBe(withQas.id);
  });

  test('when the id is unknown, then 404 in Chinese', async () => {
    const r = await s.req('GET', '/api/v1/policies/no-such-policy');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  test('when the id is malformed, then 400 naming the field', async () => {
    const r = await s.req('GET', `/api/v1/policies/${'x'.repeat(80)}`);
    expect(r.status).toBe(400);
    expect(r.body.error.details[0]).toEqual({ field: 'id', message: '编号格式不正确' });
  });

  test('when the portal is down and nothing is cached, then 503; once cached, then stale content', async () => {
    // A stack of its own: the shared one has the catalog cached already.
    const cold = await startTestStack({ env: { CACHE_FRESH_S: '1', UPSTREAM_TIMEOUT_MS: '400' } });
    try {
      const p = policies[policies.length - 1];
      await cold.sims.portal.setFaults({ mode: 'down' });
      const down = await cold.req('GET', `/api/v1/policies/${p.id}`);
      expect(down.status).toBe(503);
      expect(down.body.error.code).toBe('upstream_unavailable');
      for (const path of ['/api/v1/policies', '/api/v1/topics']) expect((await cold.req('GET', path)).status).toBe(503);

      await cold.heal();
      await eventually(async () => (await cold.req('GET', `/api/v1/policies/${p.id}`)).status === 200, 8000);
      await cold.sims.portal.setFaults({ mode: 'down' });
      await new Promise((r) => setTimeout(r, 1100));
      const stale = await eventually(async () => {
        const r = await cold.req('GET', `/api/v1/policies/${p.id}`);
        return r.body.status === 'stale' ? r : null;
      }, 8000);
      expect(stale.status).toBe(200);
      expect(stale.body.item.id).toBe(p.id);
      expect(stale.body.item.qas).toHaveLength(qas.filter((q) => q.policyId === p.id).length);
      const list = await cold.req('GET', '/api/v1/policies');
      expect(list.body).toMatchObject({ status: 'stale', total: policies.length });
      const topics = await cold.req('GET', '/api/v1/topics');
      expect(topics.body.status).toBe('stale');
      expect(topics.body.items.length).toBeGreaterThan(0);
    } finally {
      await cold.stop();
    }
  });
});

describe('GET /api/v1/policies', () => {
  test('when no filter is given, then the first page lists the newest policies with facets over all of them', async () => {
    const r = await s.req('GET', '/api/v1/policies?pageSize=5');
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(policies.length);
    expect(r.body.items.map((p: any) => p.id)).toEqual([...policies].sort(newestFirst).slice(0, 5).map((p) => p.id));
    const first = r.body.items[0];
    expect(first.interpretationCount).toBe(interpretations.filter((i) => i.policyId === first.id).length);
    expect(first.qaCount).toBe(qas.filter((q) => q.policyId === first.id).length);
    const topicNames = new Set(policies.flatMap((p) => p.topics));
    expect(new Set(r.body.facets.topics.map((t: any) => t.value))).toEqual(topicNames);
    expect(r.body.facets.statuses.reduce((n: number, f: any) => n + f.count, 0)).toBe(policies.length);
    expect(r.body.facets.years.map((y: any) => y.value)).toEqual([...new Set(policies.map((p) => String(chinaYear(p.publishedAt))))].sort().reverse());
  });

  test('when filters are combined, then only policies matching all of them are listed', async () => {
    const sample = policies.find((p) => p.status !== 'in_force')!;
    const topic = sample.topics[0];
    const q = new URLSearchParams({ topic, issuer: sample.issuer, status: sample.status, year: String(chinaYear(sample.publishedAt)) });
    const r = await s.req('GET', `/api/v1/policies?${q}`);
    const expected = policies
      .filter((p) => p.topics.includes(topic) && p.issuer === sample.issuer && p.status === sample.status && chinaYear(p.publishedAt) === chinaYear(sample.publishedAt))
      .sort(newestFirst);
    expect(r.status).toBe(200);
    expect(r.body.items.map((p: any) => p.id)).toEqual(expected.map((p) => p.id));
    expect(r.body.total).toBe(expected.length);
  });

  test('when paging, then pages do not overlap and together list every policy once', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= Math.ceil(policies.length / 7); page++) {
      const r = await s.req('GET', `/api/v1/policies?pageSize=7&page=${page}`);
      seen.push(...r.body.items.map((p: any) => p.id));
    }
    expect(seen).toHaveLength(policies.length);
    expect(new Set(seen)).toEqual(new Set(policies.map((p) => p.id)));
    const beyond = await s.req('GET', `/api/v1/policies?pageSize=7&page=${Math.ceil(policies.length / 7) + 1}`);
    expect(beyond.body.items).toEqual([]);
  });

  test('when a filter value is invalid, then 400 names the field in Chinese', async () => {
    const r = await s.req('GET', '/api/v1/policies?status=valid&page=0');
    expect(r.status).toBe(400);
    const fields = r.body.error.details.map((d: any) => d.field).sort();
    expect(fields).toEqual(['page', 'status']);
    for (const d of r.body.error.details) expect(d.message).toMatch(/[\u4e00-\u9fff]/);
    const year = await s.req('GET', '/api/v1/policies?year=abc');
    expect(year.body.error.details).toEqual([{ field: 'year', message: '年份必须是数字' }]);
  });
});

describe('GET /api/v1/topics', () => {
  test('when listed, then every topic of the portal comes with its counts', async () => {
    const r = await s.req('GET', '/api/v1/topics');
    expect(r.status).toBe(200);
    const names = new Set([...policies.flatMap((p) => p.topics), ...qas.flatMap((q) => q.topics)]);
    expect(new Set(r.body.items.map((t: any) => t.name))).toEqual(names);
    for (const t of r.body.items) {
      expect(t.policyCount).toBe(policies.filter((p) => p.topics.includes(t.name)).length);
      expect(t.inForceCount).toBe(policies.filter((p) => p.topics.includes(t.name) && p.status === 'in_force').length);
      expect(t.qaCount).toBe(qas.filter((q) => q.topics.includes(t.name)).length);
    }
    const counts = r.body.items.map((t: any) => t.qaCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });
});

describe('microcache keys', () => {
  test('when a URL carries parameters the route does not take, then it is not microcached; its own parameters are', async () => {
    const m = await startTestStack({ env: { MICROCACHE_MS: '5000' } });
    try {
      const get = (q: string) => fetch(`${m.url}/api/v1/policies${q}`);
      await get('?x=1');
      expect((await get('?x=1')).headers.get('x-cache')).toBeNull();
      await get('?page=1&page=2');
      expect((await get('?page=1&page=2')).headers.get('x-cache')).toBeNull();
      await get('?page=1&pageSize=5');
      expect((await get('?page=1&pageSize=5')).headers.get('x-cache')).toBe('hit');
    } finally {
      await m.stop();
    }
  });
});
