import { findWorkday, getDayDetail, getHolidaysInRange } from 'chinese-days';
import { HOTLINE_TYPE_LABELS, type HotlineDeadline, type HotlineTicketType } from '@zwgk/contracts';
import { addDays, chinaDate, workingDaysBetween } from '../../core/calendar';

// Kept here for the hotline's own modules; the calendar itself lives in core.
export { chinaDate, toChinaIso } from '../../core/calendar';

/**
 * Handling time limits of the 12345 hotline per ticket type, in working days on the official
 * Chinese calendar. The case system applies the same table (its `dueAt` must agree with ours).
 */
export const DUE_WORKING_DAYS: Record<HotlineTicketType, number> = {
  consult: 3,
  help: 5,
  complaint: 10,
  report: 15,
  suggestion: 15,
};

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** `2026-10-08` → `10月8日`; with the year when asked. */
function cnDate(date: string, withYear = false): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${withYear ? `${y}年` : ''}${m}月${d}日`;
}

interface DayKind {
  date: string;
  kind: 'workday' | 'makeup' | 'holiday' | 'weekend';
  /** Chinese holiday name for holidays and make-up days, e.g. 国庆节. */
  name: string | null;
}

function classify(date: string): DayKind {
  const detail = getDayDetail(date);
  const isWeekend = [0, 6].includes(weekday(date));
  // Holiday and make-up entries are named "English,中文,n"; plain days are named after the weekday.
  const parts = String(detail.name ?? '').split(',');
  const name = parts.length >= 2 ? parts[1] : null;
  if (detail.work) return { date, kind: isWeekend ? 'makeup' : 'workday', name };
  return { date, kind: name ? 'holiday' : 'weekend', name };
}

/** Groups consecutive dates into `10月1日—10月7日` style ranges. */
function ranges(dates: string[]): string {
  const out: string[] = [];
  let start = dates[0];
  let prev = dates[0];
  for (const d of [...dates.slice(1), '']) {
    if (d && addDays(prev, 1) === d) {
      prev = d;
      continue;
    }
    out.push(start === prev ? cnDate(start) : `${cnDate(start)}—${cnDate(prev)}`);
    start = d;
    prev = d;
  }
  return out.join('、');
}

/**
 * The deadline of a ticket accepted at `acceptedAt`: the end (23:59:59 China time) of the Nth
 * working day after the day of acceptance, weekends and public holidays skipped and make-up
 * working days (调休) counted. `closedAt` (first 办结) freezes the countdown.
 */
export function computeDeadline(type: HotlineTicketType, acceptedAt: Date, now: Date, closedAt: Date | null = null): HotlineDeadline {
  const workingDays = DUE_WORKING_DAYS[type];
  const startDate = chinaDate(acceptedAt);
  const dueDate = findWorkday(workingDays, startDate);
  const dueAtMs = Date.parse(`${dueDate}T23:59:59+08:00`);
  const finished = closedAt !== null;
  const reference = finished ? +closedAt : +now;

  const today = chinaDate(reference);
  const remainingWorkingDays = workingDaysBetween(today, dueDate);

  return {
    dueAt: `${dueDate}T23:59:59+08:00`,
    workingDays,
    startDate,
    remainingMs: dueAtMs - reference,
    remainingWorkingDays,
    overdue: reference > dueAtMs,
    finished,
    explanation: explainDeadline(type, startDate, dueDate),
  };
}

const knownYears = new Map<number, boolean>();
/** Whether the calendar package has the State Council's holiday schedule for `year` (published each November for the next year). */
export function calendarKnown(year: number): boolean {
  let known = knownYears.get(year);
  if (known === undefined) {
    known = getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    knownYears.set(year, known);
  }
  return known;
}

/** Plain Chinese account of how the due date follows from the acceptance date and the calendar. */
export function explainDeadline(type: HotlineTicketType, startDate: string, dueDate: string): string {
  const n = DUE_WORKING_DAYS[type];
  const days: DayKind[] = [];
  for (let d = addDays(startDate, 1); d <= dueDate; d = addDays(d, 1)) days.push(classify(d));
  const weekends = days.filter((d) => d.kind === 'weekend').length;
  const holidays = days.filter((d) => d.kind === 'holiday');
  const makeups = days.filter((d) => d.kind === 'makeup');

  const skipped: string[] = [];
  if (weekends) skipped.push(`周末 ${weekends} 天`);
  if (holidays.length) {
    const byName = new Map<string, string[]>();
    for (const h of holidays) byName.set(h.name!, [...(byName.get(h.name!) ?? []), h.date]);
    const named = [...byName].map(([name, dates]) => `${name} ${ranges(dates)}`).join('；');
    skipped.push(`法定节假日 ${holidays.length} 天（${named}）`);
  }
  const parts = [
    `本诉求于 ${cnDate(startDate, true)}（星期${WEEKDAYS[weekday(startDate)]}）受理，“${HOTLINE_TYPE_LABELS[type]}”类诉求的办理时限为 ${n} 个工作日，从受理次日起按国家公布的工作日历计算`,
  ];
  parts[0] += skipped.length ? `：期间不计${skipped.join('、')}` : '';
  if (makeups.length) {
    parts.push(`调休上班日 ${makeups.map((m) => `${cnDate(m.date)}（星期${WEEKDAYS[weekday(m.date)]}）`).join('、')}按工作日计算`);
  }
  const unknownYears = [...new Set([startDate.slice(0, 4), dueDate.slice(0, 4)])].filter((y) => !calendarKnown(Number(y)));
  if (unknownYears.length) {
    parts.push(`${unknownYears.join('、')} 年的法定节假日安排尚未收录，暂只按周末计算，国家公布后以新安排为准`);
  }
  parts.push(`第 ${n} 个工作日是 ${cnDate(dueDate, true)}（星期${WEEKDAYS[weekday(dueDate)]}），应在当日 23:59 前办结。`);
  return parts.join('；').replace('；第', '。第');
}
