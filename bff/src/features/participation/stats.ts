import { OBSERVER_CATEGORY_LABELS, type Figure, type ObserverCategory, type OpenDayHostFigures, type ParticipationStats, type PanelStatus } from '@zwgk/contracts';
import { chinaDate } from '../../core/calendar';
import type { AppContext } from '../../deps';
import type { PortalMeeting, PortalOpenDay } from '../../upstream/portal/types';
import { loadMeetings, meetingModels } from '../meetings';
import { loadOpenDays, openDayModels } from '../open-days';
import type { Sourced } from '../policies';

/**
 * 公开参与: the yearly figures of open days and meeting observation. The events come from the
 * portal (through the same cache entries as the home feed), the sign-ups, check-ins and
 * applications from our collections. A year is the Beijing-time year of a session's or a
 * meeting's start; only what has happened counts (sessions that ended, meetings that started).
 */

const CATEGORIES: readonly ObserverCategory[] = ['public', 'stakeholder', 'expert', 'media'];
/** Statuses of a registration that held a confirmed place when its session ended. */
const HELD_AT_END = ['confirmed', 'attended', 'no_show'];
const OBSERVER_STATUSES = new Set(['selected', 'confirmed']);
const YEARLY_MINIMUM = 4;

const DEF = {
  attendance: '到场率 = 签到人数 ÷ 报名人数（均含同行人）',
  fill: '名额使用率 = 报名人数 ÷ 已结束场次的名额合计',
  perSeat: '每席申请数 = 申请数 ÷ 列席名额（均只计当年已召开的会议）',
};

function figure(numerator: number, denominator: number, definition: string, digits = 4): Figure {
  const p = 10 ** digits;
  return { value: denominator ? Math.round((numerator / denominator) * p) / p : null, numerator, denominator, definition };
}

function yearOf(iso: string | Date): number {
  return Number(chinaDate(typeof iso === 'string' ? new Date(iso) : iso).slice(0, 4));
}

interface Loaded<T> {
  status: PanelStatus;
  items: T[];
}

/** A feature's cached portal list (the entry its own pages read); `unavailable` and empty when the portal fails and nothing is cached. */
async function loadList<T>(ctx: AppContext, what: string, load: (ctx: AppContext) => Promise<Sourced<T[]>>): Promise<Loaded<T>> {
  try {
    const src = await load(ctx);
    return { status: src.status, items: src.value };
  } catch (err) {
    ctx.logger.warn({ err: { message: (err as Error).message }, collection: what }, 'participation figures without portal data');
    return { status: 'unavailable', items: [] };
  }
}

type Counts = Omit<OpenDayHostFigures, 'host' | 'attendanceRate' | 'fillRate'>;
function withRates(c: Counts): Omit<OpenDayHostFigures, 'host'> {
  return { ...c, attendanceRate: figure(c.attended, c.signUps, DEF.attendance), fillRate: figure(c.signUps, c.places, DEF.fill) };
}

async function openDayFigures(ctx: AppContext, list: Loaded<PortalOpenDay>, year: number, now: number): Promise<ParticipationStats['openDays']> {
  const { Registration } = openDayModels(ctx.mongo);
  const byHost = new Map<string, Counts>();
  for (const od of list.items) {
    const ended = od.sessions.filter((s) => yearOf(s.startsAt) === year && Date.parse(s.endsAt) <= now);
    if (!ended.length) continue;
    const regs = await Registration.find(
      { openDayId: od.id, sessionId: { $in: ended.map((s) => s.id) }, status: { $in: HELD_AT_END } },
      { status: 1, partySize: 1 },
    ).lean();
    const h = byHost.get(od.host) ?? { held: 0, sessions: 0, places: 0, signUps: 0, attended: 0 };
    h.held += 1;
    h.sessions += ended.length;
    h.places += ended.reduce((n, s) => n + s.capacity, 0);
    for (const r of regs) {
      h.signUps += r.partySize;
      if (r.status === 'attended') h.attended += r.partySize;
    }
    byHost.set(od.host, h);
  }
  const hosts = [...byHost.entries()]
    .map(([host, c]) => ({ host, ...withRates(c) }))
    .sort((a, b) => b.held - a.held || b.signUps - a.signUps || a.host.localeCompare(b.host, 'zh'));
  const sum = (k: keyof Counts) => hosts.reduce((n, h) => n + h[k], 0);
  return {
    status: list.status,
    hosts,
    totals: withRates({ held: sum('held'), sessions: sum('sessions'), places: sum('places'), signUps: sum('signUps'), attended: sum('attended') }),
    definitions: [
      { term: '举办', definition: '当年至少有一个场次已结束的开放日；场次、名额只计已结束的场次。' },
      { term: '报名人数', definition: '场次结束时持有确认名额的人数，含同行人；已取消、候补未递补、递补过期的不计。' },
      { term: '签到人数', definition: '现场扫码或输入签到码签到的人数，含同行人。' },
    ],
  };
}

async function meetingFigures(ctx: AppContext, list: Loaded<PortalMeeting>, year: number, now: number): Promise<ParticipationStats['meetings']> {
  const { Application } = meetingModels(ctx.mongo);
  const cats = Object.fromEntries(CATEGORIES.map((c) => [c, { seats: 0, applications: 0, observers: 0 }])) as Record<ObserverCategory, { seats: number; applications: number; observers: number }>;
  let held = 0;
  let withObservers = 0;
  for (const m of list.items) {
    if (yearOf(m.startsAt) !== year || Date.parse(m.startsAt) > now) continue;
    held += 1;
    const apps = await Application.find({ meetingId: m.id }, { category: 1, status: 1, withdrawnFrom: 1 }).lean();
    let observers = 0;
    for (const c of CATEGORIES) cats[c].seats += m.seats[c] ?? 0;
    for (const a of apps) {
      // Withdrawn before any decision: not an application that competed for a seat.
      if (a.status === 'withdrawn' && a.withdrawnFrom === 'submitted') continue;
      const c = cats[a.category as ObserverCategory];
      if (!c) continue;
      c.applications += 1;
      if (OBSERVER_STATUSES.has(a.status)) {
        c.observers += 1;
        observers += 1;
      }
    }
    if (observers > 0) withObservers += 1;
  }
  const categories = CATEGORIES.map((c) => ({
    category: c,
    label: OBSERVER_CATEGORY_LABELS[c],
    ...cats[c],
    applicationsPerSeat: figure(cats[c].applications, cats[c].seats, DEF.perSeat, 2),
  }));
  const totalApps = categories.reduce((n, c) => n + c.applications, 0);
  const totalSeats = categories.reduce((n, c) => n + c.seats, 0);
  return {
    status: list.status,
    held,
    withObservers,
    yearlyMinimum: YEARLY_MINIMUM,
    meetsMinimum: withObservers >= YEARLY_MINIMUM,
    categories,
    applicationsPerSeat: figure(totalApps, totalSeats, DEF.perSeat, 2),
    definitions: [
      { term: '可列席会议', definition: '门户网站发布、接受公众申请列席、当年已召开的会议。' },
      { term: '有列席人员的会议', definition: '至少有一位选定的列席人员（已选定或已确认参加，放弃的不计）的会议；每年至少 4 次。' },
      { term: '申请数', definition: '截止前提交且未在截止前撤回的申请。' },
    ],
  };
}

/**
 * The figures of `year` (default: this year, Beijing time) and the years that have any.
 * Never fails on the portal: a section without portal data says `unavailable`.
 */
export async function getParticipationStats(ctx: AppContext, year?: number): Promise<ParticipationStats> {
  const nowDate = ctx.now();
  const now = nowDate.getTime();
  const thisYear = yearOf(nowDate);
  const [openDays, meetings] = await Promise.all([
    loadList<PortalOpenDay>(ctx, 'open-days', loadOpenDays),
    loadList<PortalMeeting>(ctx, 'meetings', loadMeetings),
  ]);
  const years = new Set<number>([thisYear]);
  for (const od of openDays.items) for (const s of od.sessions) years.add(yearOf(s.startsAt));
  for (const m of meetings.items) years.add(yearOf(m.startsAt));
  const y = year ?? thisYear;
  const [od, mt] = await Promise.all([openDayFigures(ctx, openDays, y, now), meetingFigures(ctx, meetings, y, now)]);
  return {
    year: y,
    years: [...years].filter((v) => v <= thisYear).sort((a, b) => b - a),
    generatedAt: nowDate.toISOString(),
    openDays: od,
    meetings: mt,
  };
}
