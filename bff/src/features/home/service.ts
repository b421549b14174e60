import type {
  ConsultationSummary,
  HomeResponse,
  HotlineStatsSummary,
  InterpretationSummary,
  MeetingSummary,
  OpenDaySummary,
  PanelStatus,
} from '@zwgk/contracts';
import { cacheKeys, type CacheHit, type CachePolicy } from '../../core/cache';
import { lastCompleteMonth, publishedStats } from '../hotline';
import type { AppContext } from '../../deps';
import type { PortalConsultation, PortalInterpretation, PortalMeeting, PortalOpenDay } from '../../upstream/portal/types';
import type { CaseStats } from '../../upstream/case/types';

const PANEL_SIZE = 5;
const DAY_MS = 86_400_000;

interface Panel<T> {
  status: PanelStatus;
  updatedAt: string | null;
  items: T;
}

function policyOf(ctx: AppContext): CachePolicy {
  return { freshMs: ctx.config.CACHE_FRESH_S * 1000, staleMs: ctx.config.CACHE_STALE_S * 1000 };
}

/** Resolves to null when `p` fails or does not settle within `ms`; the work goes on and fills the cache for next time. */
function withinBudget<T>(ctx: AppContext, name: string, p: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      ctx.logger.warn({ panel: name, budgetMs: ms }, 'home panel over time budget');
      resolve(null);
    }, ms);
  });
  const guarded = p.then(
    (v) => v,
    (err) => {
      ctx.logger.warn({ panel: name, err: { message: (err as Error).message } }, 'home panel unavailable');
      return null;
    },
  );
  return Promise.race([guarded, timeout]).finally(() => clearTimeout(timer));
}

function toPanel<R, T>(hit: CacheHit<R> | null, derive: (v: R) => T, empty: T): Panel<T> {
  if (!hit) return { status: 'unavailable', updatedAt: null, items: empty };
  return { status: hit.status, updatedAt: new Date(hit.storedAt).toISOString(), items: derive(hit.value) };
}

function shorten(text: string, max = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Latest interpretations, newest first. */
export function summariseInterpretations(list: PortalInterpretation[]): InterpretationSummary[] {
  return [...list]
    .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt))
    .slice(0, PANEL_SIZE)
    .map((i) => ({
      id: i.id,
      title: i.title,
      policyId: i.policyId,
      publishedAt: i.publishedAt,
      summary: shorten(i.mainPoints[0] ?? i.goals),
      hasMedia: (i.media?.length ?? 0) > 0,
    }));
}

/** Consultations open for comment right now, closing soonest first. */
export function summariseOpenConsultations(list: PortalConsultation[], now: Date): ConsultationSummary[] {
  const t = now.getTime();
  return list
    .filter((c) => Date.parse(c.opensAt) <= t && t < Date.parse(c.closesAt))
    .sort((a, b) => Date.parse(a.closesAt) - Date.parse(b.closesAt))
    .slice(0, PANEL_SIZE)
    .map((c) => ({
      id: c.id,
      title: c.title,
      issuer: c.issuer,
      summary: shorten(c.summary, 80),
      opensAt: c.opensAt,
      closesAt: c.closesAt,
      daysLeft: Math.max(0, Math.floor((Date.parse(c.closesAt) - t) / DAY_MS)),
    }));
}

/** Open days with a session still to come, soonest first. */
export function summariseOpenDays(list: PortalOpenDay[], now: Date): OpenDaySummary[] {
  const t = now.getTime();
  return list
    .map((o) => {
      const upcoming = o.sessions.map((s) => Date.parse(s.startsAt)).filter((s) => s > t).sort((a, b) => a - b);
      return { o, next: upcoming[0] };
    })
    .filter((x) => x.next !== undefined)
    .sort((a, b) => a.next! - b.next!)
    .slice(0, PANEL_SIZE)
    .map(({ o, next }) => ({
      id: o.id,
      title: o.title,
      host: o.host,
      location: o.location,
      registrationClosesAt: o.registrationClosesAt,
      nextSessionAt: new Date(next!).toISOString(),
      sessionCount: o.sessions.length,
      totalCapacity: o.sessions.reduce((n, s) => n + s.capacity, 0),
    }));
}

/** Meetings still to come, soonest first. */
export function summariseMeetings(list: PortalMeeting[], now: Date): MeetingSummary[] {
  const t = now.getTime();
  return list
    .filter((m) => Date.parse(m.startsAt) > t)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
    .slice(0, PANEL_SIZE)
    .map((m) => ({
      id: m.id,
      title: m.title,
      organizer: m.organizer,
      startsAt: m.startsAt,
      location: m.location,
      applicationClosesAt: m.applicationClosesAt,
      totalSeats: m.seats.public + m.seats.stakeholder + m.seats.expert + m.seats.media,
    }));
}

/**
 * The hotline's figures of the last complete month (the same month the 热线 tab and the
 * statistics page end on), summed over ticket types; the latest published month when that one
 * is missing.
 */
export function summariseHotline(stats: CaseStats, now: Date): HotlineStatsSummary | null {
  const wanted = lastCompleteMonth(now);
  const m = stats.months.find((x) => x.month === wanted) ?? [...stats.months].filter((x) => x.month < wanted).sort((a, b) => (a.month < b.month ? 1 : -1))[0] ?? stats.months[stats.months.length - 1];
  if (!m) return null;
  const sum = { accepted: 0, handled: 0, handledOnTime: 0, rated: 0, satisfied: 0 };
  for (const c of Object.values(m.byType)) {
    sum.accepted += c.accepted;
    sum.handled += c.handled;
    sum.handledOnTime += c.handledOnTime;
    sum.rated += c.rated;
    sum.satisfied += c.satisfied;
  }
  const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10000) / 10000 : null);
  return {
    month: m.month,
    ...sum,
    onTimeRate: ratio(sum.handledOnTime, sum.handled),
    satisfactionRate: ratio(sum.satisfied, sum.rated),
  };
}

/**
 * Builds the home feed: every panel is fetched in parallel through the cache, within one
 * time budget. A panel whose upstream fails or is slow comes back `unavailable` (or `stale`
 * from cache); the others are served. Never fails as a whole because of one upstream.
 */
export async function getHomeFeed(ctx: AppContext): Promise<HomeResponse> {
  const now = ctx.now();
  const policy = policyOf(ctx);
  const budget = ctx.config.HOME_BUDGET_MS;
  const { portal } = ctx.upstreams;
  const [interpretations, consultations, openDays, meetings, stats] = await Promise.all([
    withinBudget(
      ctx,
      'interpretations',
      ctx.cache.get(cacheKeys.portalList('interpretations', 'latest'), policy, async () =>
        (await portal.list('interpretations', { sort: '-publishedAt', pageSize: PANEL_SIZE })).items,
      ),
      budget,
    ),
    withinBudget(
      ctx,
      'consultations',
      ctx.cache.get(cacheKeys.portalList('consultations', 'all'), policy, () => portal.listAll('consultations', { sort: '-closesAt' })),
      budget,
    ),
    withinBudget(
      ctx,
      'openDays',
      ctx.cache.get(cacheKeys.portalList('open-days', 'all'), policy, () => portal.listAll('open-days', {})),
      budget,
    ),
    withinBudget(
      ctx,
      'meetings',
      ctx.cache.get(cacheKeys.portalList('meetings', 'all'), policy, () => portal.listAll('meetings', { sort: '-startsAt' })),
      budget,
    ),
    withinBudget(ctx, 'hotlineStats', publishedStats(ctx), budget),
  ]);
  const hotline = toPanel(stats, (s) => summariseHotline(s, now), null);
  return {
    generatedAt: now.toISOString(),
    interpretations: toPanel(interpretations, summariseInterpretations, []),
    consultations: toPanel(consultations, (l) => summariseOpenConsultations(l, now), []),
    openDays: toPanel(openDays, (l) => summariseOpenDays(l, now), []),
    meetings: toPanel(meetings, (l) => summariseMeetings(l, now), []),
    hotlineStats: { status: hotline.status, updatedAt: hotline.updatedAt, data: hotline.items },
  };
}
