import { createHash } from 'node:crypto';
import { chinaDate, chinaMonth } from '../common/time';
import type { RatingValue } from './tickets';
import { TICKET_TYPES, type TicketType } from './rules';

export interface TypeStats {
  accepted: number;
  handled: number;
  handledOnTime: number;
  rated: number;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
}

export interface MonthStats {
  month: string;
  byType: Record<TicketType, TypeStats>;
}

export interface StatsRow {
  type: TicketType;
  createdMs: number;
  firstClosedMs: number | null;
  dueMs: number;
  rating: RatingValue | null;
}

const SEED = 'zwgk-case-stats-v1';

// Typical monthly volume of a mid-sized city's hotline, per type.
const BASE_VOLUME: Record<TicketType, [number, number]> = {
  consult: [1100, 1600],
  help: [450, 750],
  complaint: [280, 460],
  report: [60, 130],
  suggestion: [35, 90],
};

// Calls dip around the Spring Festival and peak in summer (heat, water, noise).
const SEASON = [1.0, 0.82, 0.98, 1.0, 1.04, 1.1, 1.2, 1.18, 1.05, 0.94, 1.0, 1.03];

/** Small deterministic PRNG (mulberry32) so that the published history never changes. */
function prng(key: string): () => number {
  let a = createHash('sha256').update(`${SEED}:${key}`).digest().readUInt32BE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const empty = (): TypeStats => ({ accepted: 0, handled: 0, handledOnTime: 0, rated: 0, satisfied: 0, basicallySatisfied: 0, unsatisfied: 0 });

/**
 * Seeded figures of one type in one month. `fraction` scales the volume for the month in
 * progress (share of the month elapsed), where fewer tickets are handled yet.
 */
function seeded(month: string, type: TicketType, fraction: number): TypeStats {
  const rand = prng(`${month}:${type}`);
  const between = (lo: number, hi: number) => lo + (hi - lo) * rand();
  const [lo, hi] = BASE_VOLUME[type];
  const season = SEASON[Number(month.slice(5, 7)) - 1];
  const accepted = Math.round(between(lo, hi) * season * fraction);
  const inProgress = fraction < 1;
  const handled = Math.round(accepted * (inProgress ? between(0.8, 0.9) : between(0.965, 0.995)));
  const handledOnTime = Math.round(handled * between(0.93, 0.99));
  const rated = Math.round(handled * between(0.55, 0.72));
  const satisfiedShare = type === 'complaint' ? between(0.72, 0.82) : between(0.82, 0.91);
  const satisfied = Math.round(rated * satisfiedShare);
  const basicallySatisfied = Math.round((rated - satisfied) * between(0.55, 0.75));
  const unsatisfied = rated - satisfied - basicallySatisfied;
  return { accepted, handled, handledOnTime, rated, satisfied, basicallySatisfied, unsatisfied };
}

/** Lists the months from `from` to `to` inclusive (YYYY-MM). */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** The month `n` months before `month` (YYYY-MM). */
export function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const idx = y * 12 + (m - 1) - n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/**
 * Published statistics: seeded history for past months (and the elapsed part of the
 * current one) plus the live tickets, counted by the month they were accepted.
 * Invariants: handledOnTime ≤ handled ≤ accepted; satisfied + basicallySatisfied + unsatisfied = rated ≤ handled.
 */
export function buildStats(months: string[], rows: StatsRow[], nowMs: number): MonthStats[] {
  const current = chinaMonth(nowMs);
  const today = Number(chinaDate(nowMs).slice(8, 10));
  return months.map((month) => {
    const byType = {} as Record<TicketType, TypeStats>;
    for (const type of TICKET_TYPES) {
      if (month < current) byType[type] = seeded(month, type, 1);
      else if (month === current) {
        const [y, m] = month.split('-').map(Number);
        const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
        byType[type] = seeded(month, type, (today - 1) / days);
      } else byType[type] = empty();
    }
    for (const row of rows) {
      if (chinaMonth(row.createdMs) !== month) continue;
      const s = byType[row.type];
      s.accepted += 1;
      if (row.firstClosedMs === null) continue;
      s.handled += 1;
      if (row.firstClosedMs <= row.dueMs) s.handledOnTime += 1;
      if (!row.rating) continue;
      s.rated += 1;
      if (row.rating === 'satisfied') s.satisfied += 1;
      else if (row.rating === 'basically_satisfied') s.basicallySatisfied += 1;
      else s.unsatisfied += 1;
    }
    return { month, byType };
  });
}
