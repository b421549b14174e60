import { createHmac, timingSafeEqual } from 'node:crypto';

/** Hex HMAC-SHA256 of `timestamp + "." + rawBody`, as the case system signs its status events. */
export function signCaseEvent(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/**
 * Checks a status event's `X-Case-Timestamp` (unix ms, within `windowMs` of now either way, so a
 * captured request cannot be replayed later) and `X-Case-Signature` (compared in constant time).
 * Returns the reason it fails, or null when it is authentic.
 */
export function verifyCaseEvent(
  secret: string,
  headers: { timestamp?: string; signature?: string },
  rawBody: Buffer,
  nowMs: number,
  windowMs: number,
): string | null {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature) return 'missing signature headers';
  if (!/^\d{10,16}$/.test(timestamp)) return 'bad timestamp';
  if (Math.abs(nowMs - Number(timestamp)) > windowMs) return 'timestamp outside the window';
  if (!/^[0-9a-f]{64}$/i.test(signature)) return 'malformed signature';
  const expected = Buffer.from(signCaseEvent(secret, timestamp, rawBody), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : 'signature mismatch';
}
