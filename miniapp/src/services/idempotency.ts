import { IDEMPOTENCY_HEADER } from '@zwgk/contracts';

/**
 * A fresh idempotency key for one submission: about 31 characters of `[0-9a-z-]`, enough randomness
 * that two devices never collide. Made once per draft and kept with it (see drafts.ts), so every
 * retry of that draft (after a lost answer, a restart, a lost signal) names the same submission.
 */
export function newIdempotencyKey(): string {
  let random = '';
  while (random.length < 22) random += Math.random().toString(36).slice(2);
  return `${Date.now().toString(36)}-${random.slice(0, 22)}`;
}

/** The request header that names a submission, for `call(route, { headers })`. */
export function idempotencyHeaders(key: string): Record<string, string> {
  return { [IDEMPOTENCY_HEADER]: key };
}
