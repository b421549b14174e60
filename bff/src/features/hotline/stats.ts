import { HOTLINE_TYPE_LABELS, type HotlineMetrics, type HotlineStatsQuery, type HotlineStatsResponse, type HotlineTypeMetrics } from '@zwgk/contracts';
import { cacheKeys, type CacheHit } from '../../core/cache';
import { validationError } from '../../core/errors';
import type { AppContext } from '../../deps';
import type { CaseStats, CaseTypeStats } from '../../upstream/case/types';
import { chinaDate, toChinaIso } from './deadline';
import type { HotlineCtx } from './sync';

const ZERO: CaseTypeStats = { accepted: 0, handled: 0, handledOnTime: 0, rated: 0, satisfied: 0, basicallySatisfied: 0, unsatisfied: 0 };

function ratio(numerator: number, denominator: number) {
  return { value: denominator > 0 ? Math.round((numerator / denominator) * 10000) / 10000 : null, numerator, denominator };
}

function metricsOf(s: CaseTypeStats): HotlineMetrics {
  return {
    ...s,
    handledRate: ratio(s.handled, s.accepted),
    onTimeRate: ratio(s.handledOnTime, s.handled),
    satisfactionRate: ratio(s.satisfied, s.rated),
  };
}

function add(a: CaseTypeStats, b: CaseTypeStats): CaseTypeStats {
  return {
    accepted: a.accepted + b.accepted,
    handled: a.handled + b.handled,
    handledOnTime: a.handledOnTime + b.handledOnTime,
    rated: a.rated + b.rated,
    satisfied: a.satisfied + b.satisfied,
    basicallySatisfied: a.basicallySatisfied + b.basicallySatisfied,
    unsatisfied: a.unsatisfied + b.unsatisfied,
  };
}

function typeLabel(type: string): string {
  return (HOTLINE_TYPE_LABELS as Record<string, string>)[type] ?? type;
}

function typeOrder(types: Iterable<string>): string[] {
  const known = Object.keys(HOTLINE_TYPE_LABELS);
  return [...new Set(types)].sort((a, b) => (known.indexOf(a) + 1 || 99) - (known.indexOf(b) + 1 || 99) || a.localeCompare(b));
}

export const STATS_DEFINITIONS: HotlineStatsResponse['definitions'] = [
  { metric: 'accepted', label: '受理量', definition: '当月由 12345 热线受理的诉求件数（按受理月份统计）' },
  { metric: 'handled', label: '办结量', definition: '当月受理的诉求中已办结的件数' },
  { metric: 'handledOnTime', label: '按时办结量', definition: '首次办结时间不晚于办理时限（按法定工作日计算）的办结件数' },
  { metric: 'handledRate', label: '办结率', definition: '办结量 ÷ 受理量' },
  { metric: 'onTimeRate', label: '按时办结率', definition: '按时办结量 ÷ 办结量' },
  { metric: 'satisfactionRate', label: '满意率', definition: '评价为“满意”的件数 ÷ 已评价件数（“基本满意”“不满意”计入分母，不计入分子）' },
];

/** Pure aggregation of the case system's published figures into the contract's shape. */
export function buildStats(stats: CaseStats, status: 'ok' | 'stale', storedAt: number): HotlineStatsResponse {
  const months = [...stats.months].sort((a, b) => a.month.localeCompare(b.month));
  const byTypeTotal = new Map<string, CaseTypeStats>();
  let total = ZERO;
  const outMonths = months.map((m) => {
    let monthTotal = ZERO;
    const byType: HotlineTypeMetrics[] = typeOrder(Object.keys(m.byType)).map((type) => {
      const s = m.byType[type];
      monthTotal = add(monthTotal, s);
      byTypeTotal.set(type, add(byTypeTotal.get(type) ?? ZERO, s));
      return { type, typeLabel: typeLabel(type), ...metricsOf(s) };
    });
    total = add(total, monthTotal);
    return { month: m.month, total: metricsOf(monthTotal), byType };
  });
  return {
    status,
    updatedAt: toChinaIso(storedAt),
    from: months[0]?.month ?? '',
    to: months[months.length - 1]?.month ?? '',
    definitions: STATS_DEFINITIONS,
    total: metricsOf(total),
    byType: typeOrder(byTypeTotal.keys()).map((type) => ({ type, typeLabel: typeLabel(type), ...metricsOf(byTypeTotal.get(type)!) })),
    months: outMonths,
  };
}

/** Months of published history the BFF fetches and serves (the window every stats request is cut from). */
export const STATS_WINDOW_MONTHS = 36;
/** Months shown when the request names no range, as the case system's own default. */
const STATS_DEFAULT_MONTHS = 12;

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const n = y * 12 + (m - 1) + by;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/**
 * The last complete China calendar month at `now`: what the home feed and the 热线 tab show, and
 * where the statistics page's default range ends. The running month is published too (and can be
 * asked for), but on the 1st it holds a day's figures: shown as "the month", that reads as a
 * collapse (0件, —).
 */
export function lastCompleteMonth(now: Date): string {
  return shiftMonth(chinaDate(now).slice(0, 7), -1);
}

/** The published window at `now`: the current China month and the 35 before it. */
export function statsWindow(now: Date): { from: string; to: string } {
  const to = chinaDate(now).slice(0, 7);
  return { from: shiftMonth(to, 1 - STATS_WINDOW_MONTHS), to };
}

/**
 * ONE cached copy of the last 36 months of the case system's published statistics, shared by
 * the statistics page and the home feed's hotline panel (one upstream call per cache period
 * for both).
 */
export function publishedStats(ctx: AppContext): Promise<CacheHit<CaseStats>> {
  return ctx.cache.get(
    cacheKeys.caseStats(`last${STATS_WINDOW_MONTHS}`),
    { freshMs: ctx.config.CACHE_FRESH_S * 1000, staleMs: ctx.config.CACHE_STALE_S * 1000 },
    // The window is computed at load time, so a refresh after the month turns moves it along.
    () => ctx.upstreams.caseSystem.getStats(statsWindow(ctx.now())),
  );
}

/**
 * The hotline's published statistics, per month and per type, with denominators and
 * definitions. Every request is cut locally from ONE cached copy of the last 36 months, so
 * however many distinct ranges are asked for, the case system sees one call per cache period
 * (a flood of ranges cannot load it or open the breaker the outbox forwarder shares). Served
 * `stale` while the case system is unreachable. Without `to`, the range ends at the last complete
 * month (`lastCompleteMonth`). Errors: 400 `from`/`to` outside the published
 * window; 503 when the case system is down and nothing is cached.
 */
export async function getHotlineStats(ctx: HotlineCtx, q: HotlineStatsQuery): Promise<HotlineStatsResponse> {
  const window = statsWindow(ctx.now());
  if (q.to && q.to > window.to) throw validationError([{ field: 'to', message: `只能查询已公布的月份（最晚到 ${window.to}）` }]);
  if (q.from && q.from > window.to) throw validationError([{ field: 'from', message: `只能查询已公布的月份（最晚到 ${window.to}）` }]);
  if (q.from && q.from < window.from) throw validationError([{ field: 'from', message: `只能查询最近 ${STATS_WINDOW_MONTHS} 个月的统计（${window.from} 起）` }]);
  if (q.to && q.to < window.from) throw validationError([{ field: 'to', message: `只能查询最近 ${STATS_WINDOW_MONTHS} 个月的统计（${window.from} 起）` }]);
  const to = q.to ?? (q.from && q.from > lastCompleteMonth(ctx.now()) ? window.to : lastCompleteMonth(ctx.now()));
  let from = q.from ?? shiftMonth(to, 1 - STATS_DEFAULT_MONTHS);
  if (from < window.from) from = window.from;

  const hit = await publishedStats(ctx);
  const all = hit.value;
  const sliced: CaseStats = { ...all, months: all.months.filter((m) => m.month >= from && m.month <= to) };
  return buildStats(sliced, hit.status, hit.storedAt);
}
