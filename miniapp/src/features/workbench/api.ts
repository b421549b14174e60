import {
  api,
  type AuditQuery,
  type CreatePointRequest,
  type DrawSourceRequest,
  type OpinionReplyRequest,
  type ReviewApplicationRequest,
  type RunDrawRequest,
  type StaffApplicationQuery,
  type DisposeCommentsRequest,
  type HotlineForwardState,
  type HotlineStatus,
  type RegistrationStatus,
  type RejectCommentRequest,
  type RouteContract,
  type StaffCommentQuery,
} from '@zwgk/contracts';
import { call, downloadExport } from '@/services';

/**
 * The workbench's calls to the BFF, in one place so screens and hooks never spell paths.
 * Every function throws ApiError with a Chinese message (see services/client.ts); staff routes
 * answer 403 `role_required` to someone without the role.
 */

/** The hotline desk's filters as the screen holds them (all optional). */
export interface DeskFilters {
  status?: HotlineStatus;
  forward?: HotlineForwardState;
  /** Only tickets past their deadline. */
  overdue?: boolean;
  /** Keyword in the title. */
  q?: string;
  /** YYYY-MM-DD, China dates, inclusive. */
  from?: string;
  to?: string;
}

/** The filters as the staff routes take them (list and CSV export alike). */
export function deskQuery(filters: DeskFilters) {
  return {
    status: filters.status,
    forward: filters.forward,
    overdue: filters.overdue ? ('true' as const) : undefined,
    q: filters.q?.trim() || undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
  };
}

/** The tools the caller's roles allow, with their queue counts. */
export function getWorkbench() {
  return call(api.workbench);
}

/** One page of the desk's tickets under `filters`. */
export function listDeskTickets(filters: DeskFilters, page: number, pageSize: number) {
  return call(api.hotlineStaffTickets, { query: { ...deskQuery(filters), page, pageSize } });
}

/** A ticket in full, with the identity hidden from the handling department and its forwarding. */
export function getDeskTicket(trackingNo: string) {
  return call(api.hotlineStaffTicket, { params: { trackingNo } });
}

/** Queues a ticket whose forwarding failed for another delivery (409 for any other ticket). */
export function requeueDeskTicket(trackingNo: string) {
  return call(api.hotlineStaffRequeue, { params: { trackingNo } });
}

/** Exports the tickets under `filters` as CSV (see services/download.ts for how it is saved). */
export function exportDeskTickets(filters: DeskFilters, today: string) {
  return downloadExport(api.hotlineStaffExport, deskQuery(filters), `12345诉求-${today}.csv`);
}

/** One page of the audit log (admin). */
export function listAuditLog(query: Omit<AuditQuery, 'page' | 'pageSize'>, page: number, pageSize: number) {
  return call(api.auditLog, { query: { ...query, page, pageSize } });
}

// ---- 民意征集 (moderator) ----

/** Filters of a staff comment list (the moderation queue is `state: 'pending'`). */
export type StaffCommentFilters = Partial<Pick<StaffCommentQuery, 'state' | 'consultationId' | 'flagged' | 'disposed' | 'articleNo' | 'pointId'>>;

/** One page of staff comments under `filters`, oldest first; `cursor` from the previous page's `nextCursor`. */
export function listStaffComments(filters: StaffCommentFilters, cursor: string | undefined, pageSize: number) {
  const { flagged, disposed, ...rest } = filters;
  const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? ('true' as const) : ('false' as const));
  return call(api.staffConsultationComments, { query: { ...rest, flagged: flag(flagged), disposed: flag(disposed), cursor, pageSize } });
}

/** Publishes a pending comment (409 when someone else already moderated it). */
export function approveComment(commentId: string) {
  return call(api.approveConsultationComment, { params: { commentId } });
}

/** Withholds a pending comment with a reason from the fixed list (409 as for approval). */
export function rejectComment(commentId: string, body: RejectCommentRequest) {
  return call(api.rejectConsultationComment, { params: { commentId }, body });
}

/** Every consultation that has opened, with where its comments stand. */
export function listStaffConsultations() {
  return call(api.staffConsultations);
}

/** One consultation's comment counts, working days since the close and whether it can be published. */
export function getStaffConsultation(id: string) {
  return call(api.staffConsultation, { params: { id } });
}

/** The public consultation page (its articles, for the article filter). */
export function getConsultation(id: string) {
  return call(api.consultation, { params: { id } });
}

/** Gives the selected approved comments one disposition (409 before the close or after publication). */
export function disposeComments(id: string, body: DisposeCommentsRequest) {
  return call(api.disposeConsultationComments, { params: { id }, body });
}

/** The consultation's 意见要点. */
export function listPoints(id: string) {
  return call(api.consultationPoints, { params: { id } });
}

/** Groups comments that say the same thing into a 意见要点, with its disposition. */
export function createPoint(id: string, body: CreatePointRequest) {
  return call(api.createConsultationPoint, { params: { id }, body });
}

/** The adoption report as the current dispositions make it (not published). */
export function previewReport(id: string) {
  return call(api.previewConsultationReport, { params: { id } });
}

/** Publishes the adoption report (409 naming how many comments remain, when some do). */
export function publishReport(id: string) {
  return call(api.publishConsultationReport, { params: { id } });
}

/**
 * Exports every comment of a consultation as CSV. downloadExport takes the route's path as it is,
 * so the consultation's id is put into it here.
 */
export function exportConsultationComments(id: string, today: string) {
  const route: RouteContract = { ...api.exportConsultationComments, path: api.exportConsultationComments.path.replace('{id}', encodeURIComponent(id)) };
  return downloadExport(route, {}, `意见-${id}-${today}.csv`);
}

// ---- 政府开放日 (events) ----

/** Every open day with its sessions' counts (confirmed, offered, attended, no-shows, waitlist). */
export function listStaffOpenDays() {
  return call(api.staffOpenDays);
}

/** One page of a session's registrations (masked), the waitlist in position order; `status` filters. */
export function listSessionRegistrations(id: string, sessionId: string, status: RegistrationStatus | undefined, page: number, pageSize: number) {
  return call(api.staffSessionRegistrations, { params: { id, sessionId }, query: { status, page, pageSize } });
}

/** Exports a session's list as CSV (full personal data for admin only, audited by the BFF). */
export function exportSessionRegistrations(id: string, sessionId: string, today: string) {
  return downloadExport(api.staffSessionRegistrationsCsv, {}, `开放日名单-${id}-${sessionId}-${today}.csv`, { id, sessionId });
}

/** Checks a party in by its scanned QR text or its 8-character code (a repeat answers `alreadyCheckedIn`). */
export function checkInAtSession(id: string, sessionId: string, code: string) {
  return call(api.staffCheckIn, { params: { id, sessionId }, body: { code } });
}

// ---- 列席会议 (events) ----

/** Every meeting with its seats, 待审核, 待抽签 and 待答复 counts. */
export function listStaffMeetings() {
  return call(api.staffMeetings);
}

/** One page of a meeting's applications (masked names, by draw number) under `filters`. */
export function listStaffMeetingApplications(id: string, filters: Pick<StaffApplicationQuery, 'category' | 'status'>, page: number, pageSize: number) {
  return call(api.staffMeetingApplications, { params: { id }, query: { ...filters, page, pageSize } });
}

/** 选定 or 不选定 with a reason (review meetings, after the close; 409 when the category is full). */
export function reviewMeetingApplication(id: string, applicationId: string, body: ReviewApplicationRequest) {
  return call(api.staffReviewApplication, { params: { id, applicationId }, body });
}

/** States the future public randomness source of a lottery meeting (409 after the close). */
export function setMeetingDrawSource(id: string, body: DrawSourceRequest) {
  return call(api.staffSetDrawSource, { params: { id }, body });
}

/** Enters the published value and draws one category (once per category; again is 409). */
export function runMeetingDraw(id: string, body: RunDrawRequest) {
  return call(api.staffRunDraw, { params: { id }, body });
}

/** The public draw (what each category's draw published). */
export function getMeetingDraw(id: string) {
  return call(api.meetingDraw, { params: { id } });
}

/** The public meeting page (its opinions with their ids and replies). */
export function getMeeting(id: string) {
  return call(api.meeting, { params: { id } });
}

/** Answers an observer's opinion publicly (may be changed later). */
export function replyMeetingOpinion(id: string, opinionId: string, body: OpinionReplyRequest) {
  return call(api.staffReplyOpinion, { params: { id, opinionId }, body });
}
