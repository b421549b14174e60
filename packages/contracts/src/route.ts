import type { z } from 'zod';
import type { StaffRole } from './auth';
import type { ErrorCode } from './common';

/**
 * One HTTP route of the BFF: what it takes and what it answers. The BFF's `mount` applies
 * everything declared here (auth and role, rate limit, headers, params, query, body), so a
 * route cannot declare one thing and do another; the mini-program client and the OpenAPI
 * document read the same entry.
 */
export interface RouteContract {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  auth: 'none' | 'optional' | 'citizen' | 'staff';
  /** With auth `staff`: the staff role the route needs (`admin` has every role); omitted: any staff role. */
  role?: StaffRole;
  /** `write`: counted against the per-user and per-IP write limits (429 with Retry-After). */
  limit?: 'write';
  /** Request headers the route reads, validated like a body; names lower-case. */
  headers?: z.ZodObject;
  params?: z.ZodTypeAny;
  query?: z.ZodTypeAny;
  body?: z.ZodTypeAny;
  /**
   * How the request body arrives when it is not JSON: `multipart` (a file upload) or `raw`
   * (bytes the handler reads itself, e.g. to check a signature over them).
   */
  bodyKind?: 'multipart' | 'raw';
  /** Success response schema; `null` for 204. */
  response: z.ZodTypeAny | null;
  /** Content type of a response that is not JSON. */
  produces?: string;
  status?: number;
  /**
   * Error codes the route answers besides those every route may give (validation_failed,
   * the 401s of its auth, rate_limited for writes, upstream_unavailable, internal_error).
   */
  errors?: readonly ErrorCode[];
}

export function route<T extends RouteContract>(r: T): T {
  return r;
}
