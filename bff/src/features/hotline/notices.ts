import type { NotificationInput } from '../notifications';
import { toChinaIso } from './deadline';
import type { TicketDoc } from './model';

const TICKET_PAGE = '/features/hotline/pages/ticket/index';
const RATE_PAGE = '/features/hotline/pages/rate/index';

/** "2026-12-01 15:01" in China time, as a subscribe message's `time` keyword takes it. */
function chinaMinute(at: Date): string {
  return toChinaIso(at).slice(0, 16).replace('T', ' ');
}

/**
 * The notices a ticket's state calls for: 受理 (the first accepted entry), each 办结 (a
 * reopened ticket can be handled again) and 转交未成功 (each time a delivery is given up on).
 * Each is keyed by the event, so telling them again after a crash or a repeat tells nothing
 * twice.
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
  if (doc.forward.state === 'failed') {
    const at = new Date(doc.forward.failedAt ?? doc.updatedAt ?? Date.now());
    out.push({
      ...base,
      // One per give-up: a re-queued ticket that fails again is told again.
      eventId: `hotline:${doc.trackingNo}:failed:${doc.forward.requeues ?? 0}`,
      kind: 'hotline_failed',
      title: '诉求转交未成功',
      body: `您的诉求“${doc.title}”暂未能转交 12345 热线。内容已保存，工作人员将尽快处理，您无需重新提交。`,
      link: `${TICKET_PAGE}?no=${no}`,
      push: data('转交未成功', at, '诉求已保存，工作人员正在处理'),
    });
  }
  return out;
}
