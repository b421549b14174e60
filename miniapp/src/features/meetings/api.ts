import { api, type MeetingApplyRequest, type MeetingOpinionRequest } from '@zwgk/contracts';
import { apiUrlOf, call, idempotencyHeaders } from '@/services';

/**
 * 列席会议's calls to the BFF, in one place so screens and hooks never spell paths.
 * Every function throws ApiError with a Chinese message (see services/client.ts).
 */

/** Every meeting open to observers, 接受申请 first, with the citizen's own status when signed in. */
export function listMeetings() {
  return call(api.meetingList);
}

/** One meeting: agenda, seats, selection, observers, opinions and the citizen's application (404 when unknown). */
export function getMeeting(id: string) {
  return call(api.meeting, { params: { id } });
}

/** The published draw of a lottery meeting: rosters, hashes, public values, seeds, orders, replacements. */
export function getMeetingDraw(id: string) {
  return call(api.meetingDraw, { params: { id } });
}

/** Where anyone can read the draw (the argument of `node scripts/verify-draw.mjs`). */
export function meetingDrawUrl(id: string): string {
  return apiUrlOf(api.meetingDraw.path.replace('{id}', encodeURIComponent(id)));
}

/** Applies to observe; the same `idempotencyKey` always answers with the same application (409 once closed or applied). */
export function applyToMeeting(id: string, body: MeetingApplyRequest, idempotencyKey: string) {
  return call(api.meetingApply, { params: { id }, body, headers: idempotencyHeaders(idempotencyKey) });
}

/** An observer's 列席意见 after the meeting started (one per observer; 403 for anyone else). */
export function submitMeetingOpinion(id: string, body: MeetingOpinionRequest, idempotencyKey: string) {
  return call(api.meetingOpinion, { params: { id }, body, headers: idempotencyHeaders(idempotencyKey) });
}

/** The citizen's applications, newest first. */
export function listMyApplications() {
  return call(api.myMeetingApplications);
}

/** Withdraws before the close, or gives up a seat before the meeting (the next reserve takes it). */
export function withdrawApplication(applicationId: string) {
  return call(api.withdrawMeetingApplication, { params: { applicationId } });
}

/** A selected observer confirms attendance (before the meeting). */
export function confirmAttendance(applicationId: string) {
  return call(api.confirmMeetingAttendance, { params: { applicationId } });
}
