import { z } from 'zod';
import { api, ErrorBody, type RouteContract } from '@zwgk/contracts';

const errorRef = { $ref: '#/components/schemas/ErrorBody' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: errorRef } } });

function jsonSchema(s: z.ZodTypeAny) {
  return z.toJSONSchema(s, { target: 'openapi-3.0', unrepresentable: 'any', io: 'input' });
}

function requestBodyOf(r: RouteContract) {
  if (r.bodyKind === 'multipart') {
    return { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } } } };
  }
  return { required: true, content: { 'application/json': { schema: r.body ? jsonSchema(r.body) : {} } } };
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
    if (r.body || r.query || r.params || r.headers) responses['400'] = errorResponse('输入不合法（details 列出每个字段）');
    if (r.auth === 'citizen' || r.auth === 'staff') responses['401'] = errorResponse('未登录或登录已失效');
    if (r.auth === 'staff') responses['403'] = errorResponse(r.role ? `需要工作人员角色 ${r.role}（或 admin）：role_required` : '需要任一工作人员角色：role_required');
    if (r.errors?.includes('not_found')) responses['404'] = errorResponse('没有找到：not_found');
    if (r.errors?.includes('conflict')) responses['409'] = errorResponse('当前状态不允许此操作：conflict');
    if (r.errors?.includes('payload_too_large')) responses['413'] = errorResponse('提交的内容过大：payload_too_large');
    if (r.limit === 'write') responses['429'] = errorResponse('写操作过于频繁（带 Retry-After）：rate_limited');
    responses['503'] = errorResponse('上游系统不可用');
    if (r.response && r.produces) {
      responses[ok] = { description: 'OK', content: Object.fromEntries(r.produces.split(',').map((t) => [t.trim(), { schema: { type: 'string', format: 'binary' } }])) };
    }
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', r.params],
      ['query', r.query],
      ['header', r.headers],
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
      ...(r.role ? { 'x-required-role': r.role } : {}),
      ...(r.errors ? { 'x-error-codes': r.errors } : {}),
      ...(r.body || r.bodyKind ? { requestBody: requestBodyOf(r) } : {}),
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
