import { chinaDate, toChinaIso } from '../../core/calendar';

/** `2026-12-10T17:30:00+08:00` → `2026年12月10日 17:30` (China time), as messages to citizens say it. */
export function cnMinute(at: Date | string): string {
  const iso = toChinaIso(new Date(at));
  const [y, m, d] = chinaDate(new Date(at)).split('-').map(Number);
  return `${y}年${m}月${d}日 ${iso.slice(11, 16)}`;
}

/** A keyset cursor over (time, id): opaque to clients. */
export function encodeCursor(at: Date, id: unknown): string {
  return Buffer.from(`${new Date(at).getTime()}.${String(id)}`).toString('base64url');
}

/** Reads a cursor made by encodeCursor; null when it is not one. */
export function decodeCursor(cursor: string): { at: Date; id: string } | null {
  const m = /^(\d{1,15})\.([0-9a-f]{24})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? { at: new Date(Number(m[1])), id: m[2] } : null;
}

/** `2026-12-01 15:01` (China time), as a subscribe message's `time` keyword takes it. */
export function chinaMinute(at: Date | string): string {
  return toChinaIso(new Date(at)).slice(0, 16).replace('T', ' ');
}
