import { DISPOSITION_LABELS, REJECT_REASON_LABELS, type Disposition } from '@zwgk/contracts';
import type { TaskHandle } from '../../core/tasks';
import type { NotificationInput } from '../notifications';
import type { ConsultationsCtx } from './context';
import { chinaMinute } from './format';
import type { CommentDoc, ReportDoc } from './model';
import { loadConsultations } from './source';

/** Mini-program pages the notices link to (the consultation and its report). */
export const CONSULTATION_PAGE = '/features/consultations/pages/detail/index';
export const REPORT_PAGE = '/features/consultations/pages/report/index';
export const MY_COMMENTS_PAGE = '/features/consultations/pages/mine/index';

/** Short forms for the subscribe message's `phrase` keyword (at most 5 Chinese characters). */
const PHRASES: Record<Disposition, string> = {
  adopted: '采纳',
  partly_adopted: '部分采纳',
  not_adopted: '未采纳',
  already_provided: '已有规定',
  out_of_scope: '不在范围',
};

const BATCH = 200;
/**
 * The singleton lock of a pass: if the instance dies mid-pass, the rest waits this long for
 * another instance, so it is short. A pass stops taking batches after PASS_BUDGET_MS and kicks
 * the next one (a new lock); should a slow pass outlive its lock, a second one running beside
 * it tells nobody twice (notify is keyed, the clear is guarded by `noticeDue`).
 */
const LOCK_MS = 5_000;
const PASS_BUDGET_MS = 1_500;

function articleOf(d: CommentDoc): string {
  return d.articleLabel ? `对${d.articleLabel}的意见` : '对草案整体的意见';
}

/** What the author of `d` is to be told, keyed by comment and event so it is stored once however often asked. */
export function noticeOf(d: CommentDoc, title: string): NotificationInput | null {
  const base = { userId: d.userId, title: '', body: '' };
  const id = encodeURIComponent(d.consultationId);
  if (d.noticeDue === 'rejected' && d.rejectReason) {
    const reason = REJECT_REASON_LABELS[d.rejectReason];
    return {
      ...base,
      eventId: `consultation-comment:${d._id}:rejected`,
      kind: 'consultation_rejected',
      title: '您的意见未予公开',
      body: `您在“${title}”中提交的${articleOf(d)}经审核未予公开，理由：${reason}${d.rejectNote ? `（${d.rejectNote}）` : ''}。感谢您的参与，欢迎在征求期内重新提出意见。`,
      link: `${MY_COMMENTS_PAGE}?id=${id}`,
      push: { topic: 'comment_outcome', data: { title, result: '未公开', reason, time: chinaMinute(d.moderatedAt ?? d.updatedAt) } },
    };
  }
  if (d.noticeDue === 'outcome' && d.disposition) {
    const label = DISPOSITION_LABELS[d.disposition.value];
    const reason = d.disposition.reason;
    return {
      ...base,
      eventId: `consultation-comment:${d._id}:outcome`,
      kind: 'consultation_outcome',
      title: `您的意见：${label}`,
      body: `“${title}”的意见采纳情况已公布。您提交的${articleOf(d)}处理结果为“${label}”${reason ? `，理由：${reason}` : ''}。感谢您的参与，可查看完整的采纳情况说明。`,
      link: `${REPORT_PAGE}?id=${id}`,
      push: { topic: 'comment_outcome', data: { title, result: PHRASES[d.disposition.value], reason: reason ?? '您的意见已被采纳', time: chinaMinute(d.disposition.at) } },
    };
  }
  return null;
}

/**
 * One pass of the notice task, a small resumable state machine: (1) a published report whose
 * comments were not yet queued gets every approved comment marked `noticeDue: outcome`, then
 * `noticesQueuedAt`; (2) comments with a notice due are told through notify (keyed per comment
 * and event, so a pass repeated after a crash tells nobody twice) and then cleared. A pass
 * that runs out of its time budget with notices still due kicks the next pass.
 */
export async function runNoticePass(ctx: ConsultationsCtx): Promise<number> {
  const started = Date.now();
  const now = ctx.now();
  const queued = await ctx.models.Report.find({ noticesQueuedAt: null }, { consultationId: 1 }).lean<ReportDoc[]>();
  for (const r of queued) {
    await ctx.models.Comment.updateMany({ consultationId: r.consultationId, state: 'approved', noticeDue: null }, { $set: { noticeDue: 'outcome' } });
    await ctx.models.Report.updateOne({ _id: r._id, noticesQueuedAt: null }, { $set: { noticesQueuedAt: now } });
  }
  let told = 0;
  let titles: Map<string, string> | null = null;
  const reportTitles = new Map<string, string>();
  for (;;) {
    if (Date.now() - started > PASS_BUDGET_MS) {
      ctx.kickNotices();
      return told;
    }
    const due = await ctx.models.Comment.find({ noticeDue: { $in: ['rejected', 'outcome'] } }, { realNameEnc: 0, text: 0 }).limit(BATCH).lean<CommentDoc[]>();
    if (!due.length) return told;
    titles ??= new Map(((await loadConsultations(ctx).catch(() => null))?.value ?? []).map((c) => [c.id, c.title]));
    for (const d of due) {
      let title = titles.get(d.consultationId) ?? reportTitles.get(d.consultationId);
      if (!title) {
        // The report froze the title: outcome notices do not wait for the portal.
        const r = await ctx.models.Report.findOne({ consultationId: d.consultationId }, { report: 1 }).lean<ReportDoc>();
        title = (r?.report as { title?: string } | undefined)?.title ?? '意见征集';
        reportTitles.set(d.consultationId, title);
      }
      const n = noticeOf(d, title);
      if (n) await ctx.notify(n);
      await ctx.models.Comment.updateOne({ _id: d._id, noticeDue: d.noticeDue }, { $set: { noticeDue: null } });
      told++;
    }
  }
}

/** Adds the notice task to the app's runner (kicked by rejections and publications; also on a timer). */
export function startNoticeTask(ctx: Omit<ConsultationsCtx, 'kickNotices'>): TaskHandle {
  let handle: TaskHandle | null = null;
  const full: ConsultationsCtx = { ...ctx, kickNotices: () => handle?.kick() };
  handle = ctx.tasks.add({
    name: 'consultation-notices',
    everyMs: ctx.config.CONSULTATION_NOTICE_POLL_MS,
    singleton: { lockMs: LOCK_MS },
    run: () => runNoticePass(full),
  });
  return handle;
}
