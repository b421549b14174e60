import { Types } from 'mongoose';
import { APPLICATION_STATUS_LABELS, OBSERVER_CATEGORY_LABELS, type ReviewApplicationRequest, type StaffApplication } from '@zwgk/contracts';
import { recordAudit } from '../../core/audit';
import { conflict, notFound } from '../../core/errors';
import type { AuthUser } from '../../core/http';
import type { MeetingsCtx } from './context';
import type { MeetingApplicationDoc } from './model';
import { findMeeting, isClosed } from './source';
import { touchState } from './state';
import { NO_SEALED, toStaffApplication } from './views';

/**
 * Staff accept or decline a `submitted` application of a review meeting, after the close, with
 * a reason; the applicant is told (keyed notice). An accept first takes a seat on the meeting's
 * state record (`$inc` with `selected.<category> < seats` in the filter: concurrent accepts
 * never exceed the seats), then moves the application; if that finds it already decided, the
 * seat is given back. Audited.
 * Errors: 404 unknown meeting or application; 409 lottery meeting, before the close
 * ("申请尚未截止"), already decided, or the category full.
 */
export async function reviewApplication(
  ctx: MeetingsCtx,
  actor: AuthUser,
  meetingId: string,
  applicationId: string,
  body: ReviewApplicationRequest,
  requestId?: string,
): Promise<StaffApplication> {
  const { value: m } = await findMeeting(ctx, meetingId);
  const _id = new Types.ObjectId(applicationId);
  const d = await ctx.models.Application.findOne({ _id, meetingId }, NO_SEALED).lean<MeetingApplicationDoc>();
  if (!d) throw notFound('没有找到这份申请');
  if (m.selection !== 'review') throw conflict('本次会议通过公开抽签选定列席人员，不能逐份审核');
  if (!isClosed(m, ctx.now())) throw conflict('申请尚未截止，截止后才能审核');
  if (d.status !== 'submitted') throw conflict(`这份申请${APPLICATION_STATUS_LABELS[d.status]}，已经处理过`);
  const accept = body.decision === 'accept';
  const field = `selected.${d.category}`;
  if (accept) {
    await touchState(ctx, m);
    const seat = await ctx.models.State.updateOne({ meetingId, [field]: { $lt: m.seats[d.category] } }, { $inc: { [field]: 1 } });
    if (!seat.modifiedCount) throw conflict(`${OBSERVER_CATEGORY_LABELS[d.category]}类别的 ${m.seats[d.category]} 个名额已全部选定`);
  }
  const now = ctx.now();
  const doc = await ctx.models.Application.findOneAndUpdate(
    { _id, status: 'submitted' },
    {
      $set: {
        status: accept ? 'selected' : 'declined',
        decisionReason: body.reason,
        decidedBy: actor.id,
        decidedAt: now,
        ...(accept ? { selectedAt: now } : {}),
        noticeDue: accept ? 'accepted' : 'declined',
        updatedAt: now,
      },
    },
    { new: true, projection: NO_SEALED },
  ).lean<MeetingApplicationDoc>();
  if (!doc) {
    if (accept) await ctx.models.State.updateOne({ meetingId }, { $inc: { [field]: -1 } });
    throw conflict('这份申请已经处理过');
  }
  await recordAudit(ctx, actor, {
    role: 'events',
    action: accept ? 'meeting.application.accept' : 'meeting.application.decline',
    target: { type: 'meeting_application', id: applicationId },
    before: { status: 'submitted' },
    after: { status: doc.status, meetingId, category: doc.category, drawNumber: doc.drawNumber },
    requestId,
  });
  ctx.kick();
  return toStaffApplication(doc);
}
