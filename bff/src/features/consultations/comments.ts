import { Types } from 'mongoose';
import {
  COMMENT_STATE_LABELS,
  type CommentCreateRequest,
  type CommentCreateResponse,
  type MyComment,
  type MyCommentPage,
  type MyCommentQuery,
  type PublicCommentPage,
  type PublicCommentQuery,
} from '@zwgk/contracts';
import { toChinaIso } from '../../core/calendar';
import { maskName } from '../../core/crypto';
import { conflict, notFound, validationError } from '../../core/errors';
import type { AuthUser } from '../../core/http';
import { createOnce } from '../../core/idempotency';
import type { ConsultationsCtx } from './context';
import { cnMinute, decodeCursor, encodeCursor } from './format';
import { commentAad, type CommentDoc } from './model';
import { prescreen } from './prescreen';
import { publishedCounts, reportedIds } from './counts';
import { articlesOf, findConsultation, loadConsultations } from './source';
import { toMyComment, toPublicComment } from './views';

function toCreateResponse(d: CommentDoc, replayed: boolean): CommentCreateResponse {
  return {
    id: String(d._id),
    consultationId: d.consultationId,
    articleNo: d.articleNo,
    state: d.state,
    stateLabel: COMMENT_STATE_LABELS[d.state],
    createdAt: toChinaIso(new Date(d.createdAt)),
    replayed,
  };
}

/**
 * Stores a citizen's comment, pending moderation, and answers at once. The server's clock
 * decides whether the consultation is open; its period comes from the cached portal copy, so
 * commenting works while the portal is down. The same Idempotency-Key from the same citizen
 * is one comment (`replayed`), also after the close. The pre-screen's flags are stored with it.
 * Errors: 404 unknown consultation or article; 409 not open yet or closed (naming when);
 * 503 when the portal is down and the consultation was never cached (nothing is stored).
 */
export async function submitComment(
  ctx: ConsultationsCtx,
  user: AuthUser,
  idempotencyKey: string,
  consultationId: string,
  body: CommentCreateRequest,
): Promise<{ response: CommentCreateResponse; created: boolean }> {
  const { value: c } = await findConsultation(ctx, consultationId);
  const userId = new Types.ObjectId(user.id);
  const now = ctx.now();
  const t = now.getTime();
  if (t < Date.parse(c.opensAt) || t >= Date.parse(c.closesAt)) {
    // A retry of a comment accepted just before the close is still that comment.
    const earlier = await ctx.models.Comment.findOne({ userId, idempotencyKey }).lean<CommentDoc>();
    if (earlier) return { response: toCreateResponse(earlier, true), created: false };
    if (t < Date.parse(c.opensAt)) throw conflict(`本次意见征集将于 ${cnMinute(c.opensAt)} 开始，届时欢迎提出意见`);
    throw conflict(`本次意见征集已于 ${cnMinute(c.closesAt)} 截止，不再接收新的意见`);
  }
  let articleLabel: string | null = null;
  if (body.articleNo !== undefined) {
    const article = articlesOf(c).articles[body.articleNo - 1];
    if (!article) throw notFound(`草案中没有第 ${body.articleNo} 条（按顺序）`);
    articleLabel = article.label;
  }
  const flags = prescreen(body.text);
  const { doc, created } = await createOnce<CommentDoc>(
    ctx.models.Comment,
    { userId, idempotencyKey },
    (_attempt, id) => ({
      consultationId,
      articleNo: body.articleNo ?? null,
      articleLabel,
      text: body.text,
      // Bound to this comment: a copy in another record does not open.
      realNameEnc: body.realName ? ctx.cipher.encrypt(body.realName, commentAad(id)) : null,
      nameMasked: body.realName ? maskName(body.realName) : null,
      contactConsent: body.contactConsent,
      state: 'pending',
      flags,
      flagged: flags.length > 0,
      rejectReason: null,
      rejectNote: null,
      moderatedBy: null,
      moderatedAt: null,
      approvedAt: null,
      withdrawnAt: null,
      disposition: null,
      pointId: null,
      noticeDue: null,
    }),
    now,
  );
  return { response: toCreateResponse(doc, !created), created };
}

/**
 * Published comments of a consultation, newest published first, per article (0: the whole
 * draft) or all; keyset paging. Errors: 404 unknown consultation or article; 400 a bad cursor.
 */
export async function listPublicComments(ctx: ConsultationsCtx, consultationId: string, q: PublicCommentQuery): Promise<PublicCommentPage> {
  const { value: c } = await findConsultation(ctx, consultationId);
  if (q.articleNo && q.articleNo > articlesOf(c).articles.length) throw notFound(`草案中没有第 ${q.articleNo} 条（按顺序）`);
  const filter: Record<string, unknown> = { consultationId, state: 'approved' };
  if (q.articleNo !== undefined) filter.articleNo = q.articleNo === 0 ? null : q.articleNo;
  const page: Record<string, unknown> = { ...filter };
  if (q.cursor) {
    const cur = decodeCursor(q.cursor);
    if (!cur) throw validationError([{ field: 'cursor', message: '翻页标记无效，请从第一页重新加载' }]);
    page.$or = [{ approvedAt: { $lt: cur.at } }, { approvedAt: cur.at, _id: { $lt: new Types.ObjectId(cur.id) } }];
  }
  const [docs, counts] = await Promise.all([
    ctx.models.Comment.find(page, { realNameEnc: 0 }).sort({ approvedAt: -1, _id: -1 }).limit(q.pageSize + 1).lean<CommentDoc[]>(),
    publishedCounts(ctx, consultationId),
  ]);
  const more = docs.length > q.pageSize;
  const items = docs.slice(0, q.pageSize);
  const last = items[items.length - 1];
  const total = q.articleNo === undefined ? counts.total : (counts.byArticle[String(q.articleNo)] ?? 0);
  return { items: items.map(toPublicComment), total, nextCursor: more && last ? encodeCursor(last.approvedAt!, last._id) : null };
}

/** 我的意见: the caller's comments, newest first, with their state (and disposition once published). */
export async function listMyComments(ctx: ConsultationsCtx, user: AuthUser, q: MyCommentQuery): Promise<MyCommentPage> {
  const filter: Record<string, unknown> = { userId: new Types.ObjectId(user.id) };
  if (q.consultationId) filter.consultationId = q.consultationId;
  const [docs, total, reported, titles] = await Promise.all([
    ctx.models.Comment.find(filter, { realNameEnc: 0 }).sort({ createdAt: -1, _id: -1 }).skip((q.page - 1) * q.pageSize).limit(q.pageSize).lean<CommentDoc[]>(),
    ctx.models.Comment.countDocuments(filter),
    reportedIds(ctx),
    consultationTitles(ctx),
  ]);
  return {
    items: docs.map((d) => toMyComment(d, titles.get(d.consultationId) ?? null, reported.has(d.consultationId))),
    page: q.page,
    pageSize: q.pageSize,
    total,
  };
}

/** Titles of the cached consultations; empty when the portal cannot be read and nothing is cached. */
async function consultationTitles(ctx: ConsultationsCtx): Promise<Map<string, string>> {
  const list = await loadConsultations(ctx).catch(() => null);
  return new Map((list?.value ?? []).map((c) => [c.id, c.title]));
}

/**
 * The author withdraws their own comment while it is still pending (one conditional update).
 * Errors: 404 not the caller's; 409 already moderated or withdrawn (nothing changes).
 */
export async function withdrawComment(ctx: ConsultationsCtx, user: AuthUser, commentId: string): Promise<MyComment> {
  const userId = new Types.ObjectId(user.id);
  const _id = new Types.ObjectId(commentId);
  const now = ctx.now();
  const doc = await ctx.models.Comment.findOneAndUpdate(
    { _id, userId, state: 'pending' },
    { $set: { state: 'withdrawn', withdrawnAt: now, updatedAt: now } },
    { new: true, projection: { realNameEnc: 0 } },
  ).lean<CommentDoc>();
  if (!doc) {
    const existing = await ctx.models.Comment.findOne({ _id, userId }, { state: 1 }).lean<CommentDoc>();
    if (!existing) throw notFound('没有找到这条意见');
    throw conflict(`这条意见${COMMENT_STATE_LABELS[existing.state]}，只有待审核的意见可以撤回`);
  }
  const [titles, reported] = await Promise.all([consultationTitles(ctx), reportedIds(ctx)]);
  return toMyComment(doc, titles.get(doc.consultationId) ?? null, reported.has(doc.consultationId));
}
