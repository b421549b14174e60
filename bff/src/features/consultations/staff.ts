import { Types } from 'mongoose';
import {
  COMMENT_STATE_LABELS,
  CONSULTATION_PHASE_LABELS,
  DISPOSITION_LABELS,
  PRESCREEN_FLAG_LABELS,
  REJECT_REASON_LABELS,
  type StaffConsultation,
  type StaffConsultationList,
} from '@zwgk/contracts';
import { recordAudit } from '../../core/audit';
import { chinaDate, toChinaIso, workingDaysBetween } from '../../core/calendar';
import { csvDocument } from '../../core/csv';
import type { AuthUser } from '../../core/http';
import type { PortalConsultation } from '../../upstream/portal/types';
import { authModels, userAad } from '../auth/model';
import type { ConsultationsCtx } from './context';
import { reportedIds } from './counts';
import { commentAad, type CommentDoc, type PointDoc } from './model';
import { findConsultation, loadConsultations, phaseOf } from './source';

/** Comment counts of one consultation by state (one grouped count) plus the flagged pending and disposed ones. */
async function countsOf(ctx: ConsultationsCtx, consultationId: string): Promise<StaffConsultation['counts']> {
  const [byState, flaggedPending, disposed] = await Promise.all([
    ctx.models.Comment.aggregate<{ _id: string; n: number }>([{ $match: { consultationId } }, { $group: { _id: '$state', n: { $sum: 1 } } }]),
    ctx.models.Comment.countDocuments({ consultationId, state: 'pending', flagged: true }),
    ctx.models.Comment.countDocuments({ consultationId, state: 'approved', disposition: { $ne: null } }),
  ]);
  const n = (s: string) => byState.find((r) => r._id === s)?.n ?? 0;
  const approved = n('approved');
  return {
    received: n('pending') + approved + n('rejected'),
    pending: n('pending'),
    flaggedPending,
    approved,
    rejected: n('rejected'),
    withdrawn: n('withdrawn'),
    disposed,
    undisposed: approved - disposed,
  };
}

function staffView(c: PortalConsultation, now: Date, reportedAt: Date | undefined, counts: StaffConsultation['counts']): StaffConsultation {
  const phase = phaseOf(c, now, !!reportedAt);
  const closed = now.getTime() >= Date.parse(c.closesAt);
  const closeDay = chinaDate(new Date(c.closesAt));
  const days = closed ? workingDaysBetween(closeDay, chinaDate(now)) : null;
  const [, m, d] = closeDay.split('-').map(Number);
  return {
    id: c.id,
    title: c.title,
    phase,
    phaseLabel: CONSULTATION_PHASE_LABELS[phase],
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    counts,
    workingDaysSinceClose: days,
    workingDaysExplanation:
      days === null ? null : `${m}月${d}日截止，截止次日起至今已过 ${days} 个工作日（按国家公布的工作日历，不计周末和法定节假日，调休上班日计入）`,
    reportPublishedAt: reportedAt ? toChinaIso(reportedAt) : null,
    canPublish: closed && !reportedAt && counts.pending === 0 && counts.undisposed === 0,
  };
}

/** Staff overview of one consultation. Errors: 404 unknown; UpstreamError when the portal fails and nothing is cached. */
export async function getStaffConsultation(ctx: ConsultationsCtx, id: string): Promise<StaffConsultation> {
  const { value: c } = await findConsultation(ctx, id);
  const [reported, counts] = await Promise.all([reportedIds(ctx), countsOf(ctx, id)]);
  return staffView(c, ctx.now(), reported.get(id), counts);
}

/** Staff overview of every consultation that has opened, latest close first. */
export async function listStaffConsultations(ctx: ConsultationsCtx): Promise<StaffConsultationList> {
  const [src, reported] = await Promise.all([loadConsultations(ctx), reportedIds(ctx)]);
  const now = ctx.now();
  const opened = src.value.filter((c) => Date.parse(c.opensAt) <= now.getTime());
  const counts = await Promise.all(opened.map((c) => countsOf(ctx, c.id)));
  return { status: src.status, items: opened.map((c, i) => staffView(c, now, reported.get(c.id), counts[i])) };
}

/** The moderator's queue figures for the workbench: pending (flagged among them), and approved comments awaiting a disposition after the close. */
export async function moderationCounts(ctx: ConsultationsCtx): Promise<Array<{ label: string; count: number; attention: boolean }>> {
  const [pending, flagged, src, reported] = await Promise.all([
    ctx.models.Comment.countDocuments({ state: 'pending' }),
    ctx.models.Comment.countDocuments({ state: 'pending', flagged: true }),
    loadConsultations(ctx).catch(() => null),
    reportedIds(ctx),
  ]);
  const now = ctx.now().getTime();
  const closed = (src?.value ?? []).filter((c) => Date.parse(c.closesAt) <= now && !reported.has(c.id)).map((c) => c.id);
  const undisposed = closed.length ? await ctx.models.Comment.countDocuments({ consultationId: { $in: closed }, state: 'approved', disposition: null }) : 0;
  return [
    { label: '待审核意见', count: pending, attention: pending > 0 },
    { label: '其中预审标记', count: flagged, attention: false },
    { label: '已截止待处置', count: undisposed, attention: undisposed > 0 },
  ];
}

const EXPORT_COLUMNS = ['意见编号', '条款', '意见内容', '提交时间', '状态', '预审标记', '不予公开理由', '审核备注', '处理意见', '处理理由', '意见要点', '署名'] as const;
const PERSONAL_COLUMNS = ['真实姓名', '同意联系', '联系电话'] as const;

/**
 * Every comment of a consultation as CSV for the drafting department (formula-escaped, UTF-8
 * with a BOM), oldest first. Real names and contact phones (of those who agreed to be
 * contacted) only for `admin`, the role that may see personal data across features; a
 * moderator's export has the masked name only. Audited with its size and whether it held
 * personal data. Errors: 404 unknown consultation.
 */
export async function exportComments(ctx: ConsultationsCtx, actor: AuthUser, consultationId: string, requestId?: string): Promise<string> {
  await findConsultation(ctx, consultationId);
  const personal = actor.roles.includes('admin');
  const [docs, points] = await Promise.all([
    ctx.models.Comment.find({ consultationId }).sort({ createdAt: 1, _id: 1 }).lean<CommentDoc[]>(),
    ctx.models.Point.find({ consultationId }, { title: 1 }).lean<PointDoc[]>(),
  ]);
  const pointTitle = new Map(points.map((p) => [String(p._id), p.title]));
  const phones = new Map<string, string>();
  if (personal) {
    const ids = [...new Set(docs.filter((d) => d.contactConsent).map((d) => String(d.userId)))].map((id) => new Types.ObjectId(id));
    const users = ids.length ? await authModels(ctx.mongo).User.find({ _id: { $in: ids } }, { phoneEnc: 1 }).lean() : [];
    for (const u of users) if (u.phoneEnc) phones.set(String(u._id), ctx.cipher.decrypt(u.phoneEnc, userAad('phoneEnc', u._id)));
  }
  await recordAudit(ctx, actor, {
    role: personal ? 'admin' : 'moderator',
    action: 'consultation.export_csv',
    target: { type: 'consultation', id: consultationId },
    after: { rows: docs.length, personalData: personal },
    requestId,
  });
  const rows = docs.map((d) => {
    const row: unknown[] = [
      String(d._id),
      d.articleLabel ?? '草案整体',
      d.text,
      toChinaIso(new Date(d.createdAt)),
      COMMENT_STATE_LABELS[d.state],
      (d.flags ?? []).map((f) => PRESCREEN_FLAG_LABELS[f]).join('、'),
      d.rejectReason ? REJECT_REASON_LABELS[d.rejectReason] : '',
      d.rejectNote ?? '',
      d.disposition ? DISPOSITION_LABELS[d.disposition.value] : '',
      d.disposition?.reason ?? '',
      d.pointId ? (pointTitle.get(String(d.pointId)) ?? '') : '',
      d.nameMasked ?? '',
    ];
    if (personal) {
      row.push(d.realNameEnc ? ctx.cipher.decrypt(d.realNameEnc, commentAad(d._id)) : '', d.contactConsent ? '是' : '否', d.contactConsent ? (phones.get(String(d.userId)) ?? '') : '');
    }
    return row;
  });
  return csvDocument(personal ? [...EXPORT_COLUMNS, ...PERSONAL_COLUMNS] : EXPORT_COLUMNS, rows);
}
