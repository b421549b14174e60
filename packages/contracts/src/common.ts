import { z } from 'zod';

/** ISO 8601 timestamp string as sent over the wire. */
export const IsoTime = z.string().describe('ISO 8601 time');

/** Every error response: `{error: {code, message, details?}}`; `message` is Chinese, for citizens. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string().optional(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** One invalid field of a request, as listed in `error.details` of a 400. */
export const FieldIssue = z.object({ field: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssue>;

/** Error codes the BFF answers with; clients branch on these, never on messages. */
export const ErrorCode = {
  validation: 'validation_failed',
  unauthenticated: 'unauthenticated',
  tokenExpired: 'token_expired',
  tokenInvalid: 'token_invalid',
  tokenRevoked: 'token_revoked',
  forbidden: 'forbidden',
  notFound: 'not_found',
  conflict: 'conflict',
  rateLimited: 'rate_limited',
  upstreamUnavailable: 'upstream_unavailable',
  loginFailed: 'login_failed',
  internal: 'internal_error',
  /** 403: a staff route and the caller lacks its role (`details.role` names it). */
  roleRequired: 'role_required',
  payloadTooLarge: 'payload_too_large',
  /** 401 on the case system's status events: the signature does not verify. */
  badSignature: 'bad_signature',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Freshness of content that came from an upstream system through the BFF's cache:
 * `ok` fresh, `stale` served from cache while the upstream is unreachable,
 * `unavailable` nothing to show.
 */
export const PanelStatus = z.enum(['ok', 'stale', 'unavailable']);
export type PanelStatus = z.infer<typeof PanelStatus>;

/** The client's key of one create request: the same key twice is one record. */
export const IdempotencyKey = z
  .string({ error: '缺少请求标识 Idempotency-Key' })
  .regex(/^[A-Za-z0-9_-]{16,128}$/, '请求标识 Idempotency-Key 须为 16–128 位字母、数字、“-”或“_”');

/** Headers of a create route (names lower-case, as Node gives them). */
export const IdempotencyHeaders = z.object({ 'idempotency-key': IdempotencyKey });

/** `page` of a paged list: from 1. */
export const PageParam = z.coerce.number({ error: '页码必须是数字' }).int('页码必须是整数').min(1, '页码至少为 1').max(1000, '页码过大').default(1);

/** `pageSize` of a paged list, at most `max` a page. */
export function pageSizeParam(max: number, def: number) {
  return z.coerce
    .number({ error: '每页条数必须是数字' })
    .int('每页条数必须是整数')
    .min(1, '每页至少 1 条')
    .max(max, `每页最多 ${max} 条`)
    .default(def);
}
