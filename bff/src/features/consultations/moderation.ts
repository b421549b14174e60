import { Types } from 'mongoose';
import { COMMENT_STATE_LABELS, type RejectCommentRequest, type StaffComment, type StaffCommentPage, type StaffCommentQuery } from '@zwgk/contracts';
import { recordAudit } from '../../core/audit';
import { conflict, notFound, validationError } from '../../core/errors';
import type { AuthUser } from '../../core/http';
import type { ConsultationsCtx } from './context';
import { invalidateCounts } from './counts';
import { decodeCursor, encodeCursor } from './format';
import type { CommentDoc } from './model';
import { toStaffComment } from './views';

/**
 * Staff list of comments, oldest first with keyset paging: by default the moderation queue
 * (pending, across consultations); filtered by state, consultation, pre-screen flag,
 * disposition, article or 意见要点. Errors: 400 a bad cursor.
 */
export async function listStaffComments(ctx: ConsultationsCtx, q: StaffCommentQuery): Promise<StaffCommentPage> {
  const filter: Record<string, unknown> = { state: q.state };
  if (q.consultationId) filter.consultationId = q.consultationId;
  if (q.flagged !== undefined) filter.flagged = q.flagged;
  if (q.disposed !== undefined) filter.disposition = q.disposed ? { $ne: null } : null;
  if (q.articleNo !== undefined) filter.articleNo = q.articleNo === 0 ? null : q.articleNo;
  if (q.pointId) filter.pointId = new Types.ObjectId(q.pointId);
  const page: Record<string, unknown> = { ...filter };
  if (q.cursor) {
    const cur = decodeCursor(q.cursor);
    if (!cur) throw validationError([{ field: 'cursor', message: '翻页标记无效，请从第一页重新加载' }]);
    page.$or = [{ createdAt: { $gt: cur.at } }, { createdAt: cur.at, _id: { $gt: new Types.ObjectId(cur.id) } }];
  }
  const [docs, total] = await Promise.all([
    ctx.models.Comment.find(page, { realNameEnc: 0 }).sort({ createdAt: 1, _id: 1 }).limit(q.pageSize + 1).lean<CommentDoc[]>(),
    ctx.models.Comment.countDocuments(filter),
  ]);
  const items = docs.slice(0, q.pageSize);
  const last = items[items.length - 1];
  return { items: items.map(toStaffComment), total, nextCursor: docs.length > q.pageSize && last ? encodeCursor(last.createdAt, last._id) : null };
}

/** 404 when the comment does not exist, else 409 naming the state it is in (the update changed nothing). */
async function wrongState(ctx: ConsultationsCtx, _id: Types.ObjectId, action: string): Promise<never> {
  const existing = await ctx.models.Comment.findById(_id, { state: 1 }).lean<CommentDoc>();
  if (!existing) throw notFound('没有找到这条意见');
  throw conflict(`这条意见当前为“${COMMENT_STATE_LABELS[existing.state]}”，只有待审核的意见可以${action}`);
}

/**
 * Publishes a pending comment (one conditional update on its state); audited.
 * Errors: 404 unknown; 409 not pending (nothing changes).
 */
export async function approveComment(ctx: ConsultationsCtx, actor: AuthUser, commentId: string, requestId?: string): Promise<StaffComment> {
  const _id = new Types.ObjectId(commentId);
  const now = ctx.now();
  const doc = await ctx.models.Comment.findOneAndUpdate(
    { _id, state: 'pending' },
    { $set: { state: 'approved', approvedAt: now, moderatedAt: now, moderatedBy: actor.id, updatedAt: now } },
    { new: true, projection: { realNameEnc: 0 } },
  ).lean<CommentDoc>();
  if (!doc) return wrongState(ctx, _id, '审核通过');
  await invalidateCounts(ctx, doc.consultationId);
  await recordAudit(ctx, actor, {
    role: 'moderator',
    action: 'consultation.approve',
    target: { type: 'consultation_comment', id: commentId },
    before: { state: 'pending' },
    after: { state: 'approved', consultationId: doc.consultationId },
    requestId,
  });
  return toStaffComment(doc);
}

/**
 * Withholds a pending comment with a reason from the fixed list (and a note); the author is
 * told, exactly once, by the notice task. One conditional update; audited.
 * Errors: 404 unknown; 409 not pending (nothing changes).
 */
export async function rejectComment(ctx: ConsultationsCtx, actor: AuthUser, commentId: string, body: RejectCommentRequest, requestId?: string): Promise<StaffComment> {
  const _id = new Types.ObjectId(commentId);
  const now = ctx.now();
  const doc = await ctx.models.Comment.findOneAndUpdate(
    { _id, state: 'pending' },
    {
      $set: { state: 'rejected', rejectReason: body.reason, rejectNote: body.note || null, moderatedAt: now, moderatedBy: actor.id, noticeDue: 'rejected', updatedAt: now },
    },
    { new: true, projection: { realNameEnc: 0 } },
  ).lean<CommentDoc>();
  if (!doc) return wrongState(ctx, _id, '不予公开');
  ctx.kickNotices();
  await recordAudit(ctx, actor, {
    role: 'moderator',
    action: 'consultation.reject',
    target: { type: 'consultation_comment', id: commentId },
    before: { state: 'pending' },
    after: { state: 'rejected', reason: body.reason, consultationId: doc.consultationId },
    requestId,
  });
  return toStaffComment(doc);
}
