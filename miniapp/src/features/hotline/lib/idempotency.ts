/**
 * A fresh idempotency key for one submission draft: 32 characters, enough randomness that
 * two devices never collide. Made once per draft and kept with it, so every retry of that
 * draft (after a lost answer, a restart, a lost signal) names the same submission.
 */
export function newIdempotencyKey(): string {
  let random = '';
  while (random.length < 22) random += Math.random().toString(36).slice(2);
  return `hl-${Date.now().toString(36)}-${random.slice(0, 22)}`.slice(0, 64);
}
