import { Types } from 'mongoose';
import {
  DISPOSITION_LABELS,
  dispositionNeedsReason,
  type CommentPoint,
  type CommentPointList,
  type CreatePointRequest,
  type Disposition,
  type DisposeCommentsRequest,
  type DisposeCommentsResponse,
  type UpdatePointRequest,
} from '@zwgk/contracts';
import { recordAudit } from '../../core/audit';
import { toChinaIso } from '../../core/calendar';
import { conflict, notFound, validationError } from '../../core/errors';
import type { AuthUser } from '../../core/http';
import type { ConsultationsCtx } from './context';
import { cnMinute } from './format';
import type { CommentDoc, DispositionRecord, PointDoc } from './model';
import { findConsultation } from './source';

/**
 * Dispositions are decided after the close and until the report is published.
 * Errors: 404 unknown consultation; 409 still open, or the report is out.
 */
export async function requireDisposable(ctx: ConsultationsCtx, consultationId: string): Promise<void> {
  const { value: c } = await findConsultation(ctx, consultationId);
  if (ctx.now().getTime() < Date.parse(c.closesAt)) throw conflict(`征求意见将于 ${cnMinute(c.closesAt)} 截止，截止后才能处置意见`);
  const report = await ctx.models.Report.findOne({ consultationId }, { publishedAt: 1 }).lean<{ publishedAt: Date }>();
  if (report) throw conflict(`意见采纳情况已于 ${cnMinute(report.publishedAt)} 公布，处理意见不能再修改`);
}

/**
 * Checks that every selected comment is an approved comment of this consultation, and (unless
 * `point` says which 意见要点 may already hold them) in no 意见要点.
 * Errors: 404 some are not this consultation's; 409 some are not approved or already grouped.
 */
async function selectable(ctx: ConsultationsCtx, consultationId: string, ids: Types.ObjectId[], point?: Types.ObjectId): Promise<CommentDoc[]> {
  const docs = await ctx.models.Comment.find({ _id: { $in: ids }, consultationId }, { state: 1, pointId: 1, disposition: 1, userId: 1 }).lean<CommentDoc[]>();
  if (docs.length !== ids.length) throw notFound(`有 ${ids.length - docs.length} 条意见不属于本次征集或不存在`);
  const notApproved = docs.filter((d) => d.state !== 'approved').length;
  if (notApproved) throw conflict(`有 ${notApproved} 条意见未公开（待审核、未通过或已撤回），只有已公开的意见才能处置`);
  const grouped = docs.filter((d) => d.pointId && !(point && d.pointId.equals(point))).length;
  if (grouped) throw conflict(`有 ${grouped} 条意见已归入其他意见要点，请在要点上处置，或先将其移出`);
  return docs;
}

function dispositionOf(actor: AuthUser, value: Disposition, reason: string | undefined, now: Date): DispositionRecord {
  return { value, reason: reason?.trim() || null, at: now, by: actor.id };
}

/** Approved comments of a consultation still without a disposition. */
export function countUndisposed(ctx: ConsultationsCtx, consultationId: string): Promise<number> {
  return ctx.models.Comment.countDocuments({ consultationId, state: 'approved', disposition: null });
}

/**
 * Gives a selection of approved, ungrouped comments one disposition (a reason is required
 * for all but 采纳; the contract checks it). One conditional update over the selection; the
 * change of each comment is in the audit entry. Errors: 404, 409 (see requireDisposable, selectable).
 */
export async function disposeComments(ctx: ConsultationsCtx, actor: AuthUser, consultationId: string, body: DisposeCommentsRequest, requestId?: string): Promise<DisposeCommentsResponse> {
  await requireDisposable(ctx, consultationId);
  const ids = body.commentIds.map((id) => new Types.ObjectId(id));
  const before = await selectable(ctx, consultationId, ids);
  const now = ctx.now();
  const disposition = dispositionOf(actor, body.disposition, body.reason, now);
  const res = await ctx.models.Comment.updateMany(
    { _id: { $in: ids }, consultationId, state: 'approved', pointId: null },
    { $set: { disposition, updatedAt: now } },
  );
  await recordAudit(ctx, actor, {
    role: 'moderator',
    action: 'consultation.dispose',
    target: { type: 'consultation', id: consultationId },
    before: before.map((d) => ({ id: String(d._id), disposition: d.disposition?.value ?? null })),
    after: { disposition: body.disposition, reason: disposition.reason, commentIds: body.commentIds },
    requestId,
  });
  return { updated: res.modifiedCount ?? ids.length, remaining: await countUndisposed(ctx, consultationId) };
}

/** Points of a consultation with their comment and commenter counts. */
async function pointViews(ctx: ConsultationsCtx, consultationId: string, points: PointDoc[]): Promise<CommentPoint[]> {
  if (!points.length) return [];
  const members = await ctx.models.Comment.find({ consultationId, pointId: { $in: points.map((p) => p._id) } }, { pointId: 1, userId: 1 }).lean<CommentDoc[]>();
  const stats = new Map<string, { n: number; users: Set<string> }>();
  for (const m of members) {
    const k = String(m.pointId);
    const s = stats.get(k) ?? { n: 0, users: new Set<string>() };
    s.n++;
    s.users.add(String(m.userId));
    stats.set(k, s);
  }
  return points.map((p) => ({
    id: String(p._id),
    consultationId: p.consultationId,
    title: p.title,
    disposition: p.disposition?.value ?? null,
    dispositionLabel: p.disposition ? DISPOSITION_LABELS[p.disposition.value] : null,
    reason: p.disposition?.reason ?? null,
    commentCount: stats.get(String(p._id))?.n ?? 0,
    commenterCount: stats.get(String(p._id))?.users.size ?? 0,
    createdAt: toChinaIso(new Date(p.createdAt)),
  }));
}

/** The 意见要点 of a consultation, most commenters first. Errors: 404 unknown consultation. */
export async function listPoints(ctx: ConsultationsCtx, consultationId: string): Promise<CommentPointList> {
  await findConsultation(ctx, consultationId);
  const points = await ctx.models.Point.find({ consultationId }).sort({ createdAt: 1, _id: 1 }).lean<PointDoc[]>();
  const items = await pointViews(ctx, consultationId, points);
  return { items: items.sort((a, b) => b.commenterCount - a.commenterCount || a.createdAt.localeCompare(b.createdAt)) };
}

/**
 * Groups approved comments that say the same thing into a new 意见要点; with a disposition,
 * every comment in it gets that disposition (a comment's disposition is its point's). Audited.
 * Errors: 404, 409 (see requireDisposable, selectable).
 */
export async function createPoint(ctx: ConsultationsCtx, actor: AuthUser, consultationId: string, body: CreatePointRequest, requestId?: string): Promise<CommentPoint> {
  await requireDisposable(ctx, consultationId);
  const ids = body.commentIds.map((id) => new Types.ObjectId(id));
  await selectable(ctx, consultationId, ids);
  const now = ctx.now();
  const disposition = body.disposition ? dispositionOf(actor, body.disposition, body.reason, now) : null;
  const point = await ctx.models.Point.create({ consultationId, title: body.title, disposition, createdBy: actor.id });
  await ctx.models.Comment.updateMany({ _id: { $in: ids }, consultationId, state: 'approved', pointId: null }, { $set: { pointId: point._id, disposition, updatedAt: now } });
  await recordAudit(ctx, actor, {
    role: 'moderator',
    action: 'consultation.create_point',
    target: { type: 'consultation_point', id: String(point._id) },
    after: { consultationId, title: body.title, disposition: body.disposition ?? null, reason: disposition?.reason ?? null, commentIds: body.commentIds },
    requestId,
  });
  return (await pointViews(ctx, consultationId, [point.toObject() as PointDoc]))[0];
}

/**
 * Changes a 意见要点: its title, its disposition (passed on to every comment in it), comments
 * added (they take its disposition) or removed (they lose it and need their own). Audited.
 * Errors: 404 unknown point; 400 a reason without a disposition to attach it to; 409 (see above).
 */
export async function updatePoint(ctx: ConsultationsCtx, actor: AuthUser, consultationId: string, pointId: string, body: UpdatePointRequest, requestId?: string): Promise<CommentPoint> {
  await requireDisposable(ctx, consultationId);
  const _id = new Types.ObjectId(pointId);
  const point = await ctx.models.Point.findOne({ _id, consultationId }).lean<PointDoc>();
  if (!point) throw notFound('没有找到这个意见要点');
  const now = ctx.now();
  let disposition = point.disposition;
  if (body.disposition) disposition = dispositionOf(actor, body.disposition, body.reason, now);
  else if (body.reason !== undefined) {
    if (!point.disposition) throw validationError([{ field: 'reason', message: '请先选择处理意见，再填写理由' }]);
    disposition = dispositionOf(actor, point.disposition.value, body.reason, now);
  }
  if (disposition && dispositionNeedsReason(disposition.value) && !disposition.reason) {
    throw validationError([{ field: 'reason', message: '除“采纳”外，处理意见须填写理由' }]);
  }
  const addIds = (body.addCommentIds ?? []).map((id) => new Types.ObjectId(id));
  const removeIds = (body.removeCommentIds ?? []).map((id) => new Types.ObjectId(id));
  if (addIds.length) await selectable(ctx, consultationId, addIds, _id);

  await ctx.models.Point.updateOne({ _id }, { $set: { title: body.title ?? point.title, disposition, updatedAt: now } });
  if (removeIds.length) await ctx.models.Comment.updateMany({ _id: { $in: removeIds }, pointId: _id }, { $set: { pointId: null, disposition: null, updatedAt: now } });
  if (addIds.length) await ctx.models.Comment.updateMany({ _id: { $in: addIds }, consultationId, state: 'approved' }, { $set: { pointId: _id, updatedAt: now } });
  if (disposition !== point.disposition || addIds.length) await ctx.models.Comment.updateMany({ pointId: _id }, { $set: { disposition, updatedAt: now } });
  await recordAudit(ctx, actor, {
    role: 'moderator',
    action: 'consultation.update_point',
    target: { type: 'consultation_point', id: pointId },
    before: { title: point.title, disposition: point.disposition?.value ?? null, reason: point.disposition?.reason ?? null },
    after: {
      title: body.title ?? point.title,
      disposition: disposition?.value ?? null,
      reason: disposition?.reason ?? null,
      added: body.addCommentIds ?? [],
      removed: body.removeCommentIds ?? [],
    },
    requestId,
  });
  const fresh = await ctx.models.Point.findById(_id).lean<PointDoc>();
  return (await pointViews(ctx, consultationId, [fresh!]))[0];
}
