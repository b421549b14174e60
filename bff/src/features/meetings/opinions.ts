import { Types } from 'mongoose';
import type { MeetingOpinion, MeetingOpinionRequest, OpinionReplyRequest } from '@zwgk/contracts';
import { recordAudit } from '../../core/audit';
import { conflict, forbidden, notFound } from '../../core/errors';
import type { AuthUser } from '../../core/http';
import { createOnce } from '../../core/idempotency';
import type { MeetingsCtx } from './context';
import type { MeetingApplicationDoc, MeetingOpinionDoc } from './model';
import { findMeeting, hasStarted } from './source';
import { NO_SEALED, toOpinion } from './views';

/**
 * A confirmed observer submits their 列席意见 after the meeting started: one per observer and
 * meeting (upsert on {meetingId, userId}); the same Idempotency-Key replays it, another is 409.
 * Errors: 404 unknown meeting; 403 not a confirmed observer of it; 409 before the start, or
 * already submitted.
 */
export async function submitOpinion(
  ctx: MeetingsCtx,
  user: AuthUser,
  idempotencyKey: string,
  meetingId: string,
  body: MeetingOpinionRequest,
): Promise<{ response: MeetingOpinion; created: boolean }> {
  const { value: m } = await findMeeting(ctx, meetingId);
  const userId = new Types.ObjectId(user.id);
  const app = await ctx.models.Application.findOne({ meetingId, userId }, NO_SEALED).lean<MeetingApplicationDoc>();
  if (app?.status !== 'confirmed') throw forbidden('只有确认参加并列席本次会议的人员可以提交列席意见');
  const existing = await ctx.models.Opinion.findOne({ meetingId, userId }).lean<MeetingOpinionDoc>();
  if (existing) {
    if (existing.idempotencyKey === idempotencyKey) return { response: toOpinion(existing), created: false };
    throw conflict('您已提交过本次会议的列席意见，每位列席人员提交一条');
  }
  if (!hasStarted(m, ctx.now())) throw conflict('会议开始后才能提交列席意见');
  const { doc, created } = await createOnce<MeetingOpinionDoc>(
    ctx.models.Opinion,
    { meetingId, userId },
    () => ({ applicationId: app._id, idempotencyKey, category: app.category, nameMasked: app.nameMasked, text: body.text, reply: null, noticeDue: null }),
    ctx.now(),
  );
  if (!created && doc.idempotencyKey !== idempotencyKey) throw conflict('您已提交过本次会议的列席意见，每位列席人员提交一条');
  return { response: toOpinion(doc), created };
}

/**
 * Staff reply to an opinion (public; replying again replaces the text). Audited.
 * Errors: 404 unknown meeting or opinion.
 */
export async function replyOpinion(ctx: MeetingsCtx, actor: AuthUser, meetingId: string, opinionId: string, body: OpinionReplyRequest, requestId?: string): Promise<MeetingOpinion> {
  await findMeeting(ctx, meetingId);
  const now = ctx.now();
  const before = await ctx.models.Opinion.findOne({ _id: new Types.ObjectId(opinionId), meetingId }, { reply: 1 }).lean<MeetingOpinionDoc>();
  if (!before) throw notFound('没有找到这条列席意见');
  const doc = await ctx.models.Opinion.findOneAndUpdate(
    { _id: before._id },
    { $set: { reply: { text: body.text, repliedAt: now, repliedBy: actor.id }, noticeDue: 'replied', updatedAt: now } },
    { new: true },
  ).lean<MeetingOpinionDoc>();
  await recordAudit(ctx, actor, {
    role: 'events',
    action: 'meeting.opinion.reply',
    target: { type: 'meeting_opinion', id: opinionId },
    before: { replied: !!before.reply },
    after: { replied: true, meetingId },
    requestId,
  });
  ctx.kick();
  return toOpinion(doc!);
}

/** The opinions of a meeting with their replies, in order of submission. */
export async function opinionsOf(ctx: MeetingsCtx, meetingId: string): Promise<MeetingOpinion[]> {
  const docs = await ctx.models.Opinion.find({ meetingId }).sort({ createdAt: 1, _id: 1 }).lean<MeetingOpinionDoc[]>();
  return docs.map(toOpinion);
}
