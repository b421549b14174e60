import {
  Disposition,
  DISPOSITION_LABELS,
  MAJOR_POINT_COMMENTERS,
  RejectReason,
  REJECT_REASON_LABELS,
  type ConsultationReport,
  type ReportPoint,
} from '@zwgk/contracts';
import { recordAudit } from '../../core/audit';
import { toChinaIso } from '../../core/calendar';
import { csvDocument } from '../../core/csv';
import { conflict, notFound } from '../../core/errors';
import type { AuthUser } from '../../core/http';
import { createOnce } from '../../core/idempotency';
import type { PortalConsultation } from '../../upstream/portal/types';
import type { ConsultationsCtx } from './context';
import { cnMinute } from './format';
import type { CommentDoc, PointDoc, ReportDoc } from './model';
import { articlesOf, findConsultation } from './source';

const share = (numerator: number, denominator: number) => ({ numerator, denominator, value: denominator ? numerator / denominator : null });

/**
 * The adoption report generated from the dispositions as they stand: comments received,
 * published, withheld by reason, withdrawn; each disposition's count and share of the
 * published total; counts per article; every 意见要点 with its disposition and reason; and the
 * points made by MAJOR_POINT_COMMENTERS or more citizens that were not adopted.
 * One pass over the consultation's comments (only the fields it counts).
 */
export async function buildReport(ctx: ConsultationsCtx, c: PortalConsultation, publishedAt: Date | null): Promise<ConsultationReport> {
  const [comments, points] = await Promise.all([
    ctx.models.Comment.find({ consultationId: c.id }, { _id: 0, state: 1, rejectReason: 1, articleNo: 1, disposition: 1, pointId: 1, userId: 1 }).lean<CommentDoc[]>(),
    ctx.models.Point.find({ consultationId: c.id }).lean<PointDoc[]>(),
  ]);
  const dispositions = Disposition.options;
  const zero = () => Object.fromEntries(dispositions.map((d) => [d, 0])) as Record<Disposition, number>;
  const byDisposition = zero();
  const byReason = Object.fromEntries(RejectReason.options.map((r) => [r, 0])) as Record<RejectReason, number>;
  const byArticle = new Map<number, { published: number; d: Record<Disposition, number> }>();
  const pointStats = new Map<string, { n: number; users: Set<string> }>();
  let received = 0;
  let published = 0;
  let withdrawn = 0;
  let rejected = 0;
  for (const m of comments) {
    if (m.state === 'withdrawn') {
      withdrawn++;
      continue;
    }
    received++;
    if (m.state === 'rejected') {
      rejected++;
      if (m.rejectReason) byReason[m.rejectReason]++;
      continue;
    }
    if (m.state !== 'approved') continue;
    published++;
    const art = m.articleNo ?? 0;
    let a = byArticle.get(art);
    if (!a) byArticle.set(art, (a = { published: 0, d: zero() }));
    a.published++;
    if (m.disposition) {
      byDisposition[m.disposition.value]++;
      a.d[m.disposition.value]++;
    }
    if (m.pointId) {
      const k = String(m.pointId);
      const s = pointStats.get(k) ?? { n: 0, users: new Set<string>() };
      s.n++;
      s.users.add(String(m.userId));
      pointStats.set(k, s);
    }
  }
  const reportPoints: ReportPoint[] = points
    .filter((p) => p.disposition && pointStats.has(String(p._id)))
    .map((p) => ({
      id: String(p._id),
      title: p.title,
      disposition: p.disposition!.value,
      dispositionLabel: DISPOSITION_LABELS[p.disposition!.value],
      reason: p.disposition!.reason,
      commentCount: pointStats.get(String(p._id))!.n,
      commenterCount: pointStats.get(String(p._id))!.users.size,
    }))
    .sort((a, b) => b.commenterCount - a.commenterCount || a.title.localeCompare(b.title, 'zh'));
  const rows = [{ no: 0, label: '对草案整体' }, ...articlesOf(c).articles.map((a) => ({ no: a.no, label: a.label }))];
  return {
    consultationId: c.id,
    title: c.title,
    issuer: c.issuer,
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    publishedAt: publishedAt ? toChinaIso(publishedAt) : null,
    generatedAt: toChinaIso(ctx.now()),
    received,
    published,
    withheld: { total: rejected, byReason: RejectReason.options.map((r) => ({ reason: r, label: REJECT_REASON_LABELS[r], count: byReason[r] })) },
    withdrawn,
    dispositions: dispositions.map((d) => ({ disposition: d, label: DISPOSITION_LABELS[d], count: byDisposition[d], share: share(byDisposition[d], published) })),
    byArticle: rows.map((r) => {
      const a = byArticle.get(r.no);
      return {
        articleNo: r.no === 0 ? null : r.no,
        label: r.label,
        published: a?.published ?? 0,
        dispositions: dispositions.map((d) => ({ disposition: d, label: DISPOSITION_LABELS[d], count: a?.d[d] ?? 0 })),
      };
    }),
    points: reportPoints,
    majorPointThreshold: MAJOR_POINT_COMMENTERS,
    majorPointsNotAdopted: reportPoints.filter((p) => p.commenterCount >= MAJOR_POINT_COMMENTERS && p.disposition !== 'adopted'),
  };
}

/** Staff preview of the report as the dispositions stand now. Errors: 404 unknown consultation. */
export async function previewReport(ctx: ConsultationsCtx, consultationId: string): Promise<{ report: ConsultationReport }> {
  const { value: c } = await findConsultation(ctx, consultationId);
  return { report: await buildReport(ctx, c, null) };
}

/**
 * Publishes the adoption report in one action: generated from the dispositions, frozen, stored
 * once per consultation; then every commenter is told their own comment's outcome by the notice
 * task (resumable, exactly once per comment). Audited.
 * Errors: 404 unknown; 409 still open, comments still pending, approved comments without a
 * disposition (naming how many), or already published.
 */
export async function publishReport(ctx: ConsultationsCtx, actor: AuthUser, consultationId: string, requestId?: string): Promise<{ report: ConsultationReport }> {
  const { value: c } = await findConsultation(ctx, consultationId);
  const now = ctx.now();
  if (now.getTime() < Date.parse(c.closesAt)) throw conflict(`征求意见将于 ${cnMinute(c.closesAt)} 截止，截止并处置完所有意见后才能公布采纳情况`);
  const existing = await ctx.models.Report.findOne({ consultationId }, { publishedAt: 1 }).lean<ReportDoc>();
  if (existing) throw conflict(`意见采纳情况已于 ${cnMinute(existing.publishedAt)} 公布`);
  const [pending, undisposed] = await Promise.all([
    ctx.models.Comment.countDocuments({ consultationId, state: 'pending' }),
    ctx.models.Comment.countDocuments({ consultationId, state: 'approved', disposition: null }),
  ]);
  if (pending) throw conflict(`还有 ${pending} 条意见待审核，请审核并处置后再公布采纳情况`);
  if (undisposed) throw conflict(`还有 ${undisposed} 条已公开的意见尚未处置，请全部处置后再公布采纳情况`);
  const report = await buildReport(ctx, c, now);
  const { doc, created } = await createOnce<ReportDoc>(ctx.models.Report, { consultationId }, () => ({ report, publishedAt: now, publishedBy: actor.id, noticesQueuedAt: null }), now);
  if (!created) throw conflict(`意见采纳情况已于 ${cnMinute(doc.publishedAt)} 公布`);
  ctx.kickNotices();
  await recordAudit(ctx, actor, {
    role: 'moderator',
    action: 'consultation.publish_report',
    target: { type: 'consultation', id: consultationId },
    after: { published: report.published, dispositions: Object.fromEntries(report.dispositions.map((d) => [d.disposition, d.count])) },
    requestId,
  });
  return { report };
}

/** The published report, as frozen at publication (served without the portal). Errors: 404 not published. */
export async function getPublishedReport(ctx: ConsultationsCtx, consultationId: string): Promise<{ report: ConsultationReport }> {
  const doc = await ctx.models.Report.findOne({ consultationId }, { report: 1 }).lean<ReportDoc>();
  if (!doc) throw notFound('本次意见征集的采纳情况尚未公布');
  return { report: doc.report as ConsultationReport };
}

const pct = (v: number | null) => (v === null ? '' : `${(v * 100).toFixed(1)}%`);

/** The published report as CSV (one row per figure, formula-escaped). Errors: 404 not published. */
export async function publishedReportCsv(ctx: ConsultationsCtx, consultationId: string): Promise<string> {
  const { report: r } = await getPublishedReport(ctx, consultationId);
  const rows: unknown[][] = [
    ['征集', r.title, '', '', '', ''],
    ['征求期', `${r.opensAt} 至 ${r.closesAt}`, '', '', '', ''],
    ['公布时间', r.publishedAt, '', '', '', ''],
    ['收到意见', '', r.received, '', '', ''],
    ['公开意见', '', r.published, '', '', ''],
    ['不予公开', '合计', r.withheld.total, '', '', ''],
    ...r.withheld.byReason.map((w) => ['不予公开', w.label, w.count, '', '', '']),
    ['撤回', '', r.withdrawn, '', '', ''],
    ...r.dispositions.map((d) => ['处理意见', d.label, d.count, d.share.denominator, pct(d.share.value), '']),
    ...r.byArticle.flatMap((a) => [['条款', a.label, a.published, '', '', ''], ...a.dispositions.filter((d) => d.count).map((d) => ['条款', `${a.label} · ${d.label}`, d.count, a.published, '', ''])]),
    ...r.points.map((p) => ['意见要点', `${p.title}（${p.dispositionLabel}）`, p.commenterCount, '', '', p.reason ?? '']),
    ...r.majorPointsNotAdopted.map((p) => [`${r.majorPointThreshold} 人以上提出未采纳`, `${p.title}（${p.dispositionLabel}）`, p.commenterCount, '', '', p.reason ?? '']),
  ];
  return csvDocument(['项目', '分类', '数量', '分母', '占比', '理由'], rows);
}
