import { Types } from 'mongoose';
import { api, StaffRole, type RouteContract } from '@zwgk/contracts';
import { startTestStack, type TestStack } from '../../../test/stack';

/**
 * The contract says it once: every route's declared auth, role and headers are what mount
 * applies. Checked over the whole API, so a route added later is covered without a new test.
 */
let s: TestStack;
beforeAll(async () => {
  s = await startTestStack({ env: { RATE_LIMIT_WRITES_PER_MIN: '100000', RATE_LIMIT_IP_WRITES_PER_MIN: '100000' } });
}, 60_000);
afterAll(() => s?.stop());

const SAMPLE_PARAMS: Record<string, string> = { id: '0123456789abcdef01234567', trackingNo: 'RX-20260101-AAAAAA' };
const pathOf = (r: RouteContract) => r.path.replace(/\{(\w+)\}/g, (_m, k: string) => SAMPLE_PARAMS[k] ?? 'x');
const routes = Object.entries(api) as Array<[string, RouteContract]>;
const token = (roles: string[]) => s.context.tokens.signAccess({ userId: String(new Types.ObjectId()), roles, family: String(new Types.ObjectId()) });
const call = (r: RouteContract, t?: string, headers: Record<string, string> = {}) =>
  s.req(r.method.toUpperCase(), pathOf(r), { token: t, headers, ...(r.method === 'get' ? {} : { body: {} }) });

describe('every contract route', () => {
  test.each(routes.filter(([, r]) => r.auth === 'citizen' || r.auth === 'staff'))('when %s is called without a token, then 401', async (_name, r) => {
    const res = await call(r);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  test.each(routes.filter(([, r]) => r.auth === 'staff'))('when %s is called by a citizen or by staff without its role, then 403 role_required', async (_name, r) => {
    const citizen = await call(r, token(['citizen']));
    expect(citizen.status).toBe(403);
    expect(citizen.body.error).toMatchObject({ code: 'role_required', details: { role: r.role ?? null } });
    if (r.role) {
      const other = StaffRole.options.find((x) => x !== r.role && x !== 'admin')!;
      const wrong = await call(r, token(['citizen', other]));
      expect(wrong.status).toBe(403);
      expect(wrong.body.error.code).toBe('role_required');
      const admin = await call(r, token(['citizen', 'admin']));
      expect(admin.status).not.toBe(403);
    }
  });

  test.each(routes.filter(([, r]) => r.headers))('when %s is called without its declared headers, then 400 naming the header', async (_name, r) => {
    const res = await call(r, token(['citizen', 'admin']));
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('Idempotency-Key');
  });

  test('when the OpenAPI document is built, then it carries each route\'s role, headers and error codes', async () => {
    const doc = (await s.req('GET', '/api/docs')).body;
    for (const [name, r] of routes) {
      const op = doc.paths[r.path][r.method];
      expect(op.operationId).toBe(name);
      if (r.role) expect(op['x-required-role']).toBe(r.role);
      if (r.errors) expect(op['x-error-codes']).toEqual(r.errors);
      if (r.headers) expect(op.parameters.some((p: any) => p.in === 'header' && p.name === 'idempotency-key')).toBe(true);
      if (r.limit === 'write') expect(op.responses['429']).toBeDefined();
    }
  });
});
