import { eventually, startTestStack, type TestStack } from '../../../test/stack';

let s: TestStack;
let policies: any[];
beforeAll(async () => {
  s = await startTestStack({ env: { CACHE_FRESH_S: '1', UPSTREAM_TIMEOUT_MS: '400' } });
  const res = await fetch(`${s.sims.portal.url}/api/content/policies?pageSize=200`);
  policies = ((await res.json()) as { items: any[] }).items;
});
afterAll(() => s?.stop());
afterEach(() => s.heal());

describe('GET /api/v1/policies/:id', () => {
  test('when the policy exists, then its detail comes with paragraphs and validity', async () => {
    const p = policies[0];
    const r = await s.req('GET', `/api/v1/policies/${p.id}`);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ok');
    expect(r.body.item).toMatchObject({ id: p.id, title: p.title, status: p.status, issuer: p.issuer });
    expect(r.body.item.paragraphs.join('\n')).toBe(
      p.body
        .split('\n')
        .map((x: string) => x.trim())
        .filter(Boolean)
        .join('\n'),
    );
  });

  test('when a policy was replaced, then the replacement is linked with its title', async () => {
    const replaced = policies.find((p) => p.supersededBy);
    if (!replaced) return expect(policies.length).toBeGreaterThan(0);
    const r = await s.req('GET', `/api/v1/policies/${replaced.id}`);
    const successor = policies.find((p) => p.id === replaced.supersededBy);
    expect(r.body.item.supersededBy).toEqual({ id: successor.id, title: successor.title });
  });

  test('when the id is unknown, then 404 in Chinese', async () => {
    const r = await s.req('GET', '/api/v1/policies/no-such-policy');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
  });

  test('when the id is malformed, then 400 naming the field', async () => {
    const r = await s.req('GET', `/api/v1/policies/${'x'.repeat(80)}`);
    expect(r.status).toBe(400);
    expect(r.body.error.details[0]).toEqual({ field: 'id', message: '编号格式不正确' });
  });

  test('when the portal is down and nothing is cached, then 503; once cached, then stale content', async () => {
    const p = policies[policies.length - 1];
    await s.sims.portal.setFaults({ mode: 'down' });
    const cold = await s.req('GET', `/api/v1/policies/${p.id}`);
    expect(cold.status).toBe(503);
    expect(cold.body.error.code).toBe('upstream_unavailable');

    await s.sims.portal.setFaults({ mode: 'ok' });
    await eventually(async () => (await s.req('GET', `/api/v1/policies/${p.id}`)).status === 200, 8000);
    await s.sims.portal.setFaults({ mode: 'down' });
    await new Promise((r) => setTimeout(r, 1100));
    const stale = await eventually(async () => {
      const r = await s.req('GET', `/api/v1/policies/${p.id}`);
      return r.body.status === 'stale' ? r : null;
    }, 8000);
    expect(stale.status).toBe(200);
    expect(stale.body.item.id).toBe(p.id);
  });
});
