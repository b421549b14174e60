import { z } from 'zod';
import { api, ErrorBody, type RouteContract } from '@zwgk/contracts';

const errorRef = { $ref: '#/components/schemas/ErrorBody' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: errorRef } } });

function jsonSchema(s: z.ZodTypeAny) {
  return z.toJSONSchema(s, { target: 'openapi-3.0', unrepresentable: 'any', io: 'input' });
}

/** The OpenAPI 3 document of the BFF, built from the same contracts the routes validate with. */
export function buildOpenApi(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, r] of Object.entries(api) as Array<[string, RouteContract]>) {
    const responses: Record<string, unknown> = {};
    const ok = String(r.status ?? (r.response ? 200 : 204));
    responses[ok] = r.response
      ? { description: 'OK', content: { 'application/json': { schema: jsonSchema(r.response) } } }
      : { description: 'No content' };
    if (r.body || r.query || r.params) responses['400'] = errorResponse('输入不合法（details 列出每个字段）');
    if (r.auth === 'citizen' || r.auth === 'staff') responses['401'] = errorResponse('未登录或登录已失效');
    if (r.auth === 'staff') responses['403'] = errorResponse('需要工作人员角色');
    if (r.method !== 'get') responses['429'] = errorResponse('写操作过于频繁（带 Retry-After）');
    responses['503'] = errorResponse('上游系统不可用');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      if (!schema) continue;
      const js = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [pname, pschema] of Object.entries(js.properties ?? {})) {
        parameters.push({ name: pname, in: where, required: where === 'path' || !!js.required?.includes(pname), schema: pschema });
      }
    }
    paths[r.path] ??= {};
    paths[r.path][r.method] = {
      operationId: name,
      summary: r.summary,
      ...(r.auth === 'citizen' || r.auth === 'staff' ? { security: [{ bearer: [] }] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: '阳光政务 BFF API', version, description: 'Backend-for-frontend of the 阳光政务 mini-program.' },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { ErrorBody: jsonSchema(ErrorBody) },
    },
  };
}
