import { OBSERVER_CATEGORY_LABELS } from '@zwgk/contracts';
import type { TaskHandle } from '../../core/tasks';
import type { PortalMeeting } from '../../upstream/portal/types';
import type { NotificationInput } from '../notifications';
import type { MeetingsCtx } from './context';
import { applyDraw, freezeRosters } from './draw';
import type { MeetingApplicationDoc, MeetingDrawDoc, MeetingOpinionDoc } from './model';
import { settleWithdrawal } from './replacements';
import { loadMeetings } from './source';

/** Mini-program pages the notices link to. */
export const MEETING_PAGE = '/features/meetings/pages/detail/index';

const BATCH = 200;
/** Short singleton lock and pass budget, as for consultation notices: a dead instance holds nobody up for long. */
const LOCK_MS = 5_000;
const PASS_BUDGET_MS = 1_500;

/** What an applicant is told, keyed by application and event so it is stored once however often asked. */
export function noticeOf(d: MeetingApplicationDoc, title: string): NotificationInput | null {
  const link = `${MEETING_PAGE}?id=${encodeURIComponent(d.meetingId)}`;
  const base = { userId: d.userId, kind: 'meeting_selection' as const, link, eventId: `meeting-application:${d._id}:${d.noticeDue}` };
  const cat = OBSERVER_CATEGORY_LABELS[d.category];
  switch (d.noticeDue) {
    case 'accepted':
    case 'drawn_selected':
      return { ...base, title: '您已被选定列席会议', body: `您申请以${cat}身份列席“${title}”，${d.noticeDue === 'accepted' ? `经审核已被选定${d.decisionReason ? `（${d.decisionReason}）` : ''}` : `经公开抽签已被选定（抽签号 ${d.drawNumber}）`}。请在会议开始前确认参加。` };
    case 'declined':
      return { ...base, title: '列席申请未被选定', body: `您申请以${cat}身份列席“${title}”，经审核未被选定，理由：${d.decisionReason ?? '名额有限'}。感谢您的关注。` };
    case 'drawn_reserve':
      return { ...base, title: '列席抽签结果：候补', body: `“${title}”${cat}类别已公开抽签，您的抽签号 ${d.drawNumber} 为第 ${d.reserveRank} 位候补；如有选定人员放弃，将按顺序递补并通知您。` };
    case 'promoted':
      return { ...base, title: '您已递补为列席人员', body: `“${title}”${cat}类别有选定人员放弃列席，您（抽签号 ${d.drawNumber}）已按候补顺序递补。请在会议开始前确认参加。` };
    default:
      return null;
  }
}

function replyNotice(o: MeetingOpinionDoc, title: string): NotificationInput {
  return {
    userId: o.userId,
    eventId: `meeting-opinion:${o._id}:replied:${new Date(o.reply!.repliedAt).getTime()}`,
    kind: 'meeting_reply',
    title: '您的列席意见已有答复',
    body: `您对“${title}”提出的列席意见已有答复，可在会议页面查看。`,
    link: `${MEETING_PAGE}?id=${encodeURIComponent(o.meetingId)}`,
  };
}

/**
 * One pass of the meetings task, a small resumable state machine: (1) lottery meetings past
 * their close get their rosters frozen; (2) draws stored but not applied (a crash between) are
 * applied; (3) observers' withdrawals still due are settled (seat back or next reserve);
 * (4) applicants and observers with a notice due are told (keyed, so a repeated pass tells
 * nobody twice) and cleared. A pass over its time budget kicks the next.
 */
export async function runMeetingPass(ctx: MeetingsCtx): Promise<number> {
  const started = Date.now();
  const now = ctx.now();
  const meetings = (await loadMeetings(ctx).catch(() => null))?.value ?? [];
  const byId = new Map<string, PortalMeeting>(meetings.map((m) => [m.id, m]));
  for (const m of meetings) if (m.selection === 'lottery' && now.getTime() >= Date.parse(m.applicationClosesAt)) await freezeRosters(ctx, m);
  for (const d of await ctx.models.Draw.find({ appliedAt: null, drawnAt: { $ne: null } }).lean<MeetingDrawDoc[]>()) await applyDraw(ctx, d);
  for (const w of await ctx.models.Application.find({ replacementDue: true }, { nameEnc: 0 }).limit(BATCH).lean<MeetingApplicationDoc[]>()) {
    await settleWithdrawal(ctx, w, byId.get(w.meetingId) ?? null);
  }
  const titles = new Map(meetings.map((m) => [m.id, m.title]));
  const titleOf = async (id: string) => titles.get(id) ?? (await ctx.models.State.findOne({ meetingId: id }).lean())?.snapshot?.title ?? '列席会议';
  let told = 0;
  for (;;) {
    if (Date.now() - started > PASS_BUDGET_MS) {
      ctx.kick();
      return told;
    }
    const due = await ctx.models.Application.find({ noticeDue: { $ne: null } }, { nameEnc: 0, reason: 0 }).limit(BATCH).lean<MeetingApplicationDoc[]>();
    const replies = due.length ? [] : await ctx.models.Opinion.find({ noticeDue: 'replied' }).limit(BATCH).lean<MeetingOpinionDoc[]>();
    if (!due.length && !replies.length) return told;
    for (const d of due) {
      const n = noticeOf(d, await titleOf(d.meetingId));
      if (n) await ctx.notify(n);
      await ctx.models.Application.updateOne({ _id: d._id, noticeDue: d.noticeDue }, { $set: { noticeDue: null } });
      told++;
    }
    for (const o of replies) {
      if (o.reply) await ctx.notify(replyNotice(o, await titleOf(o.meetingId)));
      await ctx.models.Opinion.updateOne({ _id: o._id, noticeDue: 'replied', updatedAt: o.updatedAt }, { $set: { noticeDue: null } });
      told++;
    }
  }
}

/** Adds the meetings task to the app's runner (kicked by draws, withdrawals, reviews, replies; also on a timer). */
export function startMeetingTask(ctx: Omit<MeetingsCtx, 'kick'>): TaskHandle {
  let handle: TaskHandle | null = null;
  const full: MeetingsCtx = { ...ctx, kick: () => handle?.kick() };
  handle = ctx.tasks.add({
    name: 'meeting-tasks',
    everyMs: ctx.config.MEETING_TASK_POLL_MS,
    singleton: { lockMs: LOCK_MS },
    run: () => runMeetingPass(full),
  });
  return handle;
}
