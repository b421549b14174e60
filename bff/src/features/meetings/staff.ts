import {
  MEETING_PHASE_LABELS,
  type DrawSourceRequest,
  type StaffApplicationPage,
  type StaffApplicationQuery,
  type StaffMeeting,
  type StaffMeetingList,
} from '@zwgk/contracts';
import { recordAudit } from '../../core/audit';
import { conflict } from '../../core/errors';
import type { AuthUser } from '../../core/http';
import type { PortalMeeting } from '../../upstream/portal/types';
import { cnMinute } from '../consultations/format';
import { selectionDone, categoriesToDraw } from './catalog';
import type { MeetingsCtx } from './context';
import { countsOf, withCurrentRanks } from './counts';
import { lotteryOnly } from './draw';
import type { MeetingApplicationDoc } from './model';
import { categoriesWithSeats, findMeeting, isClosed, loadMeetings, phaseOf, seatsView } from './source';
import { readState, touchState } from './state';
import { NO_SEALED, toStaffApplication } from './views';

/** One meeting as staff see it: seats and counts, what waits for them. */
export async function staffMeetingOf(ctx: MeetingsCtx, m: PortalMeeting): Promise<StaffMeeting> {
  const now = ctx.now();
  const [counts, state, drawn, awaiting] = await Promise.all([
    countsOf(ctx, m.id),
    readState(ctx, m.id),
    ctx.models.Draw.find({ meetingId: m.id, drawnAt: { $ne: null } }, { category: 1 }).lean(),
    ctx.models.Opinion.countDocuments({ meetingId: m.id, reply: null }),
  ]);
  const closed = isClosed(m, now);
  const drawnCats = new Set(drawn.map((d) => d.category));
  const phase = phaseOf(m, now, await selectionDone(ctx, m, counts));
  return {
    id: m.id,
    title: m.title,
    startsAt: m.startsAt,
    applicationClosesAt: m.applicationClosesAt,
    selection: m.selection,
    phase,
    phaseLabel: MEETING_PHASE_LABELS[phase],
    drawSource: state?.drawSource ?? null,
    seats: seatsView(m, counts),
    pendingReview: m.selection === 'review' && closed ? categoriesWithSeats(m).reduce((n, c) => n + counts[c].submitted, 0) : 0,
    drawsPending: m.selection === 'lottery' && closed ? categoriesToDraw(m, counts).filter((c) => !drawnCats.has(c)) : [],
    opinionsAwaitingReply: awaiting,
  };
}

/** Staff list of meetings, soonest start first; `unavailable` (empty) when the portal fails and nothing is cached. */
export async function listStaffMeetings(ctx: MeetingsCtx): Promise<StaffMeetingList> {
  const src = await loadMeetings(ctx).catch(() => null);
  if (!src) return { status: 'unavailable', items: [] };
  const sorted = [...src.value].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return { status: src.status, items: await Promise.all(sorted.map((m) => staffMeetingOf(ctx, m))) };
}

/** A meeting's applications by draw number, names masked, filtered by category and status. Errors: 404 unknown meeting. */
export async function listStaffApplications(ctx: MeetingsCtx, meetingId: string, q: StaffApplicationQuery): Promise<StaffApplicationPage> {
  await findMeeting(ctx, meetingId);
  const filter: Record<string, unknown> = { meetingId };
  if (q.category) filter.category = q.category;
  if (q.status) filter.status = q.status;
  const [docs, total] = await Promise.all([
    ctx.models.Application.find(filter, NO_SEALED).sort({ drawNumber: 1 }).skip((q.page - 1) * q.pageSize).limit(q.pageSize).lean<MeetingApplicationDoc[]>(),
    ctx.models.Application.countDocuments(filter),
  ]);
  return { items: (await withCurrentRanks(ctx, docs)).map(toStaffApplication), page: q.page, pageSize: q.pageSize, total };
}

/**
 * Staff state the future public randomness source of a lottery meeting (shown on its page);
 * may be changed until the close, never after (the roster is frozen then). Audited.
 * Errors: 404 unknown; 409 review meeting or after the close.
 */
export async function setDrawSource(ctx: MeetingsCtx, actor: AuthUser, meetingId: string, body: DrawSourceRequest, requestId?: string): Promise<StaffMeeting> {
  const { value: m } = await findMeeting(ctx, meetingId);
  lotteryOnly(m);
  if (isClosed(m, ctx.now())) throw conflict(`申请已于 ${cnMinute(m.applicationClosesAt)} 截止，公开随机数来源不能再更改`);
  const before = await readState(ctx, meetingId);
  await touchState(ctx, m, { $set: { drawSource: body.source, drawSourceSetAt: ctx.now(), drawSourceSetBy: actor.id } });
  await recordAudit(ctx, actor, {
    role: 'events',
    action: 'meeting.draw_source',
    target: { type: 'meeting', id: meetingId },
    before: { drawSource: before?.drawSource ?? null },
    after: { drawSource: body.source },
    requestId,
  });
  return staffMeetingOf(ctx, m);
}

/** The workbench figures: 待审核 (review, after the close), 待抽签 (lottery categories closed and not drawn), 待答复 opinions. */
export async function workbenchCounts(ctx: MeetingsCtx): Promise<Array<{ label: string; count: number; attention: boolean }>> {
  const list = await listStaffMeetings(ctx);
  if (list.status === 'unavailable') throw new Error('meetings unavailable');
  const sum = (f: (m: StaffMeeting) => number) => list.items.reduce((n, m) => n + f(m), 0);
  const review = sum((m) => m.pendingReview);
  const draws = sum((m) => m.drawsPending.length);
  const replies = sum((m) => m.opinionsAwaitingReply);
  return [
    { label: '待审核', count: review, attention: review > 0 },
    { label: '待抽签', count: draws, attention: draws > 0 },
    { label: '待答复', count: replies, attention: replies > 0 },
  ];
}
