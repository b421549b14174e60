import { z } from 'zod';

// ISO 8601 extended format with a mandatory offset (Z or ±hh:mm); seconds and fractions optional.
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** True when `value` is an ISO 8601 date-time with an offset and denotes a real calendar instant. */
export function isIsoWithOffset(value: string): boolean {
  const m = ISO_WITH_OFFSET.exec(value);
  if (!m) return false;
  const [, y, mo, d, h, mi, s, , oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return false;
  if (Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59)) return false;
  if (oh !== undefined && (Number(oh) > 23 || Number(om) > 59)) return false;
  return !Number.isNaN(Date.parse(value));
}

export const ISO_TIME_MESSAGE = 'expected ISO 8601 time with offset, e.g. 2026-11-20T09:00:00+08:00';

/** zod schema for a time string as the contracts define it. */
export const isoTime = () => z.string().refine(isIsoWithOffset, { message: ISO_TIME_MESSAGE });

const CHINA_OFFSET_MS = 8 * 3600_000;

/** Formats an instant in China Standard Time, e.g. `2026-11-25T15:04:05.123+08:00`. */
export function toChinaIso(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().replace('Z', '+08:00');
}

/** The calendar date (YYYY-MM-DD) of an instant in China. */
export function chinaDate(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The calendar month (YYYY-MM) of an instant in China. */
export function chinaMonth(ms: number): string {
  return chinaDate(ms).slice(0, 7);
}
