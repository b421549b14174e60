/** What the open-day tests (integration and fault) share: portal records relative to now, valid ID numbers. */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** A valid resident ID number, distinct for each `n` (0 … 365,000): birth dates from 1960 on, sequence 000–999. */
export function idNumber(n: number): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(n / 1000) * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
  const body = `110105${ymd}${String(n % 1000).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i];
  return body + ID_CHECK[sum % 11];
}

/** An instant as the portal writes it: `2026-12-01T09:30:00+08:00`, to the second. */
export function portalTime(at: Date | number): string {
  return new Date(Math.floor(+at / 1000) * 1000 + 8 * 3_600_000).toISOString().replace('.000Z', '+08:00');
}

const H = 3_600_000;

/** A portal open day `id` open for registration around `now`, with sessions starting `startsInH` hours after `now`. */
export function openDayRecord(id: string, now: number, sessions: Array<{ id?: string; startsInH: number; hours?: number; capacity: number }>, over: Record<string, unknown> = {}) {
  return {
    id,
    title: `测试开放日 ${id}`,
    host: '江海市测试局',
    description: '用于测试报名、候补与签到。',
    location: '江海市滨江大道188号',
    registrationOpensAt: portalTime(now - 24 * H),
    registrationClosesAt: portalTime(now + 5 * 24 * H),
    sessions: sessions.map((s, i) => ({
      id: s.id ?? `${id}-s${i + 1}`,
      startsAt: portalTime(now + s.startsInH * H),
      endsAt: portalTime(now + (s.startsInH + (s.hours ?? 2)) * H),
      capacity: s.capacity,
    })),
    ...over,
  };
}

/** Publishes (or replaces) an open day in the portal simulator. */
export async function publishOpenDay(portalUrl: string, record: { id: string }): Promise<void> {
  const res = await fetch(`${portalUrl}/__sim/content/open-days/${record.id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(record),
  });
  if (res.status !== 200 && res.status !== 201) throw new Error(`publish failed: ${res.status} ${await res.text()}`);
}
