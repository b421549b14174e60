import { getDayDetail } from 'chinese-days';

/**
 * China time and the official working-day calendar (weekends and public holidays off,
 * make-up working days 调休 on), shared by the hotline's time limits and the consultations'
 * days since the close.
 */

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** China calendar date (YYYY-MM-DD) of an instant. */
export function chinaDate(at: Date | number): string {
  return new Date(+at + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as China time with offset, e.g. `2026-11-25T09:30:00.000+08:00`. */
export function toChinaIso(at: Date | number): string {
  return new Date(+at + CHINA_OFFSET_MS).toISOString().replace('Z', '+08:00');
}

/** The date `n` days after `date` (both YYYY-MM-DD). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Working days after `fromDate` up to and including `toDate` (YYYY-MM-DD), on the official calendar; 0 when `toDate` is not later. */
export function workingDaysBetween(fromDate: string, toDate: string): number {
  let n = 0;
  for (let d = addDays(fromDate, 1); d <= toDate; d = addDays(d, 1)) if (getDayDetail(d).work) n++;
  return n;
}
