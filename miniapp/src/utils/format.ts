// Government content is scheduled in Beijing time; showing it in the device's zone would
// move a 09:30 session for someone abroad, so times are always rendered in UTC+8.
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

function beijing(iso: string): Date | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  return new Date(t + BEIJING_OFFSET_MS);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "12月3日 09:30" */
export function formatDateTime(iso: string | null | undefined): string {
  const d = iso ? beijing(iso) : null;
  if (!d) return '—';
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/**
 * "12月3日" within the current year, "2025年6月23日" otherwise: a policy date without its
 * year would read as this year's.
 */
export function formatDate(iso: string | null | undefined, now: Date = new Date()): string {
  const d = iso ? beijing(iso) : null;
  if (!d) return '—';
  const thisYear = new Date(now.getTime() + BEIJING_OFFSET_MS).getUTCFullYear();
  const day = `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  return d.getUTCFullYear() === thisYear ? day : `${d.getUTCFullYear()}年${day}`;
}

/** "2024-11" → "2024年11月" */
export function formatMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[1]}年${Number(m[2])}月` : month;
}

/** 0.9234 → "92.3%"; null → "—" */
export function formatRate(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  const pct = Math.round(rate * 1000) / 10;
  return `${pct}%`;
}

/** 12345 → "12,345" */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "剩余5天", "今天截止" */
export function formatDaysLeft(daysLeft: number): string {
  return daysLeft <= 0 ? '今天截止' : `剩余${daysLeft}天`;
}

/** "u_8f2a…c41d": enough to recognise an id without showing all of it. */
export function shortId(id: string): string {
  return id.length <= 10 ? id : `${id.slice(0, 6)}…${id.slice(-4)}`;
}

/** "12月8日 09:30–11:30" (Beijing time); the end date is named when it is another day. */
export function formatTimeRange(startIso: string, endIso: string): string {
  const start = formatDateTime(startIso);
  const end = formatDateTime(endIso);
  const [startDay] = start.split(' ');
  const [endDay, endTime] = end.split(' ');
  return startDay === endDay ? `${start}–${endTime}` : `${start} – ${end}`;
}
