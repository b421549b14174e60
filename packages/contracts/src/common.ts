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
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Freshness of content that came from an upstream system through the BFF's cache:
 * `ok` fresh, `stale` served from cache while the upstream is unreachable,
 * `unavailable` nothing to show.
 */
export const PanelStatus = z.enum(['ok', 'stale', 'unavailable']);
export type PanelStatus = z.infer<typeof PanelStatus>;
