import type { TaskHandle } from '../../core/tasks';
import { addDays, chinaDate } from '../../core/calendar';
import { chinaMinute, cnMinute } from '../consultations/format';
import type { OpenDaysCtx } from './context';
import type { RegistrationDoc, SessionStateDoc } from './model';
import { markNoShows } from './noshows';
import { openDaysByIds } from './source';

/** Reminders go out from this hour (China time) of the day before the session. */
const REMIND_FROM_HOUR = 9;

/** When the day-before reminder of a session is due: 09:00 China time the day before it. */
export function reminderDueAt(startsAt: Date): Date {
  return new Date(`${addDays(chinaDate(startsAt), -1)}T${String(REMIND_FROM_HOUR).padStart(2, '0')}:00:00+08:00`);
}

/**
 * The day-before reminder: every confirmed party of a session whose reminder is due and which has
 * not started gets one (inbox + subscribe message), keyed by registration and session, so a crash
 * between telling and marking tells nobody twice. Resolves with the reminders handed to notify.
 */
export async function sendReminders(ctx: OpenDaysCtx): Promise<number> {
  const now = ctx.now();
  const upcoming = await ctx.models.Session.find({ startsAt: { $gt: now, $lte: new Date(now.getTime() + 2 * 86_400_000) } }).lean<SessionStateDoc[]>();
  const due = upcoming.filter((s) => reminderDueAt(new Date(s.startsAt)) <= now);
  if (!due.length) return 0;
  const ods = await openDaysByIds(ctx, due.map((x) => x.openDayId));
  let sent = 0;
  for (const s of due) {
    const od = ods.get(s.openDayId);
    const title = od?.title ?? '政府开放日';
    const regs = await ctx.models.Registration.find({ openDayId: s.openDayId, sessionId: s.sessionId, status: 'confirmed', remindedAt: null }, { userId: 1 }).lean<RegistrationDoc[]>();
    for (const reg of regs) {
      await ctx.notify({
        userId: reg.userId,
        eventId: `open-day:${String(reg._id)}:reminder:${s.sessionId}`,
        kind: 'open_day_reminder',
        title: '开放日明天见',
        body: `您报名的「${title}」将于 ${cnMinute(s.startsAt)} 开始${od ? `，地点：${od.location}` : ''}。请携带身份证，到场出示签到码。如不能参加，请尽早取消，把名额留给候补的市民。`,
        link: `/features/open-days/pages/pass/index?rid=${String(reg._id)}`,
        push: { topic: 'open_day', data: { title, time: chinaMinute(s.startsAt), status: '活动提醒', note: '请携带身份证，出示签到码' } },
      });
      await ctx.models.Registration.updateOne({ _id: reg._id, sessionId: s.sessionId, remindedAt: null }, { $set: { remindedAt: now } });
      sent++;
    }
  }
  return sent;
}

/** The calendar task: day-before reminders and, after a session, its no-shows. */
export function startCalendarTask(ctx: OpenDaysCtx): TaskHandle {
  return ctx.tasks.add({
    name: 'open-day-calendar',
    everyMs: ctx.config.OPEN_DAY_CALENDAR_MS,
    singleton: { lockMs: 120_000 },
    run: async () => (await sendReminders(ctx)) + (await markNoShows(ctx)),
  });
}
