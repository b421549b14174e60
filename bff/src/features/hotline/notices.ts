import { createOutbox, type Outbox } from '../../core/outbox';
import type { NotificationInput, Notify } from '../notifications';
import { toChinaIso } from './deadline';
import type { TicketDoc } from './model';
import type { HotlineCtx } from './sync';

const TICKET_PAGE = '/features/hotline/pages/ticket/index';
const RATE_PAGE = '/features/hotline/pages/rate/index';

/** "2026-12-01 15:01" in China time, as a subscribe message's `time` keyword takes it. */
function chinaMinute(at: Date): string {
  return toChinaIso(at).slice(0, 16).replace('T', ' ');
}

/**
 * The notices a ticket's current state calls for: 受理 (the first accepted entry), each 办结
 * (a reopened ticket can be handled again) and 转交未成功 (a given-up delivery, per give-up).
 * Each is keyed by the event, so computing them again after a crash or a later change tells
 * nothing twice.
 */
export function noticesOf(doc: TicketDoc): NotificationInput[] {
  const no = encodeURIComponent(doc.trackingNo);
  const base = { userId: doc.userId, title: '', body: '' };
  const data = (status: string, at: Date, note: string) => ({
    topic: 'case_progress',
    data: { trackingNo: doc.trackingNo, title: doc.title, status, time: chinaMinute(at), note },
  });
  const out: NotificationInput[] = [];
  const accepted = doc.timeline.find((e) => e.status === 'accepted');
  if (accepted) {
    const dept = accepted.department ?? doc.department;
    out.push({
      ...base,
      eventId: `hotline:${doc.trackingNo}:accepted`,
      kind: 'hotline_accepted',
      title: '诉求已受理',
      body: `您的诉求“${doc.title}”已由 12345 热线受理${dept ? `，承办单位：${dept}` : ''}。可随时查看办理进度。`,
      link: `${TICKET_PAGE}?no=${no}`,
      push: data('已受理', accepted.at, '点击查看办理进度'),
    });
  }
  for (const closed of doc.timeline.filter((e) => e.status === 'closed')) {
    out.push({
      ...base,
      eventId: `hotline:${doc.trackingNo}:closed:${closed.pos}`,
      kind: 'hotline_closed',
      title: '诉求已办结',
      body: `您的诉求“${doc.title}”已办结${closed.note ? `：${closed.note.replace(/[。.！!]$/, '')}。` : '。'}欢迎评价办理结果，不满意可申请重办。`,
      link: `${RATE_PAGE}?no=${no}`,
      push: data('已办结', closed.at, '欢迎评价办理结果'),
    });
  }
  if (doc.forward.state === 'failed' && doc.forward.failedAt) {
    const at = new Date(doc.forward.failedAt);
    out.push({
      ...base,
      eventId: `hotline:${doc.trackingNo}:failed:${at.getTime()}`,
      kind: 'hotline_failed',
      title: '诉求转交未成功',
      body: `您的诉求“${doc.title}”暂未能转交 12345 热线。内容已保存，工作人员将尽快处理，您无需重新提交。`,
      link: `${TICKET_PAGE}?no=${no}`,
      push: data('转交未成功', at, '诉求已保存，工作人员正在处理'),
    });
  }
  return out;
}

/**
 * Turns tickets whose notice is due into their owners' notifications, on the shared outbox:
 * the ticket's `notice` state is set in the same write as the change that calls for it, so
 * nothing is lost to a crash, and the notifications are keyed, so nothing is told twice.
 */
export function startNotices(ctx: HotlineCtx, notify: Notify): Outbox<TicketDoc> {
  return createOutbox<TicketDoc>(ctx.tasks, {
    name: 'hotline-notices',
    model: ctx.models.Ticket,
    field: 'notice',
    concurrency: 2,
    pollMs: ctx.config.HOTLINE_FORWARD_POLL_MS,
    leaseMs: 30_000,
    backoffMs: 1000,
    maxBackoffMs: 60_000,
    maxAttempts: 100,
    // Delivering submissions comes first; notices follow when the forwarder is idle.
    yieldTo: { tasks: ['hotline-forwarder'] },
    logger: ctx.logger,
    now: ctx.now,
    async deliver(doc) {
      for (const n of noticesOf(doc)) await notify(n);
      return { kind: 'done' };
    },
  });
}
