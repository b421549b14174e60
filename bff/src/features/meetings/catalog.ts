import { Types } from 'mongoose';
import {
  MEETING_PHASE_LABELS,
  MEETING_SELECTION_LABELS,
  type ApplicationStatus,
  type MeetingDetailResponse,
  type MeetingListItem,
  type MeetingListResponse,
  type MeetingPhase,
} from '@zwgk/contracts';
import type { AuthUser } from '../../core/http';
import type { PortalMeeting } from '../../upstream/portal/types';
import { myApplicationOf } from './applications';
import type { MeetingsCtx } from './context';
import { countsOf } from './counts';
import { freezeRosters } from './draw';
import type { MeetingApplicationDoc } from './model';
import { opinionsOf } from './opinions';
import { categoriesWithSeats, findMeeting, hasStarted, isClosed, loadMeetings, phaseOf, seatsView, totalSeats, type CategoryCounts } from './source';
import { readState } from './state';
import { NO_SEALED, toObserver } from './views';

const PHASE_ORDER: Record<MeetingPhase, number> = { open: 0, closed: 1, selected: 2, held: 3 };

/** Lottery categories that need a draw: seats to fill and at least one applicant (an empty roster has nothing to draw). */
export function categoriesToDraw(m: PortalMeeting, counts: CategoryCounts) {
  return categoriesWithSeats(m).filter((c) => counts[c].applications > 0);
}

/** Whether selection is done: review, nothing left `submitted`; lottery, every category with seats and applicants drawn. */
export async function selectionDone(ctx: MeetingsCtx, m: PortalMeeting, counts?: CategoryCounts): Promise<boolean> {
  if (!isClosed(m, ctx.now())) return false;
  const c = counts ?? (await countsOf(ctx, m.id));
  if (m.selection === 'review') return categoriesWithSeats(m).every((cat) => c[cat].submitted === 0);
  const drawn = new Set((await ctx.models.Draw.find({ meetingId: m.id, drawnAt: { $ne: null } }, { category: 1 }).lean()).map((d) => d.category));
  return categoriesToDraw(m, c).every((cat) => drawn.has(cat));
}

function listItem(m: PortalMeeting, phase: MeetingPhase, myStatus: ApplicationStatus | null): MeetingListItem {
  return {
    id: m.id,
    title: m.title,
    organizer: m.organizer,
    startsAt: m.startsAt,
    location: m.location,
    applicationClosesAt: m.applicationClosesAt,
    selection: m.selection,
    selectionLabel: MEETING_SELECTION_LABELS[m.selection],
    phase,
    phaseLabel: MEETING_PHASE_LABELS[phase],
    totalSeats: totalSeats(m),
    myStatus,
  };
}

/**
 * 列席会议 list: 接受申请 (closing soonest first), then 正在选定, 已确定, 已召开 (latest first),
 * each with the caller's application status when signed in.
 * Errors: UpstreamError when the portal fails and nothing is cached.
 */
export async function listMeetings(ctx: MeetingsCtx, user: AuthUser | undefined): Promise<MeetingListResponse> {
  const src = await loadMeetings(ctx);
  const now = ctx.now();
  const mine = user
    ? new Map((await ctx.models.Application.find({ userId: new Types.ObjectId(user.id) }, { meetingId: 1, status: 1 }).lean<MeetingApplicationDoc[]>()).map((d) => [d.meetingId, d.status]))
    : new Map<string, ApplicationStatus>();
  const phases = await Promise.all(
    src.value.map(async (m) => (isClosed(m, now) && !hasStarted(m, now) ? phaseOf(m, now, await selectionDone(ctx, m)) : phaseOf(m, now, false))),
  );
  const items = src.value
    .map((m, i) => listItem(m, phases[i], mine.get(m.id) ?? null))
    .sort((a, b) => {
      if (a.phase !== b.phase) return PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase];
      if (a.phase === 'open') return Date.parse(a.applicationClosesAt) - Date.parse(b.applicationClosesAt);
      if (a.phase === 'held') return Date.parse(b.startsAt) - Date.parse(a.startsAt);
      return Date.parse(a.startsAt) - Date.parse(b.startsAt);
    });
  return { status: src.status, updatedAt: new Date(src.storedAt).toISOString(), items };
}

/**
 * One meeting: agenda, seats per category with applications and selected counts, how observers
 * are chosen, the draw source, the observers (masked), opinions with replies, and the caller's
 * application. A lottery meeting past its close has its rosters frozen here if not yet.
 * Errors: 404 unknown; UpstreamError when the portal fails and nothing is cached.
 */
export async function getMeeting(ctx: MeetingsCtx, id: string, user: AuthUser | undefined): Promise<MeetingDetailResponse> {
  const src = await findMeeting(ctx, id);
  const m = src.value;
  const now = ctx.now();
  const [counts, state, draws, observers, opinions, mine] = await Promise.all([
    countsOf(ctx, id),
    readState(ctx, id),
    freezeRosters(ctx, m),
    ctx.models.Application.find({ meetingId: id, status: { $in: ['selected', 'confirmed'] } }, NO_SEALED).sort({ category: 1, drawNumber: 1 }).lean<MeetingApplicationDoc[]>(),
    opinionsOf(ctx, id),
    user ? myApplicationOf(ctx, user, m) : Promise.resolve(null),
  ]);
  const done = await selectionDone(ctx, m, counts);
  const phase = phaseOf(m, now, done);
  return {
    status: src.status,
    updatedAt: new Date(src.storedAt).toISOString(),
    item: {
      ...listItem(m, phase, mine?.status ?? null),
      agenda: m.agenda,
      seats: seatsView(m, counts),
      canApply: !isClosed(m, now),
      drawSource: m.selection === 'lottery' ? (state?.drawSource ?? null) : null,
      drawPublished: draws.some((d) => !!d.drawnAt),
      observers: observers.map(toObserver),
      opinions,
      me: user ? { application: mine } : null,
    },
  };
}
