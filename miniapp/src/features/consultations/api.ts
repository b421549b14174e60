import { api, type CommentCreateRequest, type ConsultationListQuery, type PublicCommentQuery } from '@zwgk/contracts';
import { call, downloadExport, idempotencyHeaders } from '@/services';

/**
 * The consultations' calls to the BFF, in one place so screens and hooks never spell paths.
 * Every function throws ApiError with a Chinese message (see services/client.ts).
 */

/** Every consultation, ordered for the 参与 tab (征求中 first). */
export function listConsultations(query: ConsultationListQuery = {}) {
  return call(api.consultationList, { query });
}

/** One consultation with its basis documents and its draft split into articles (404 when the portal has none). */
export function getConsultation(id: string) {
  return call(api.consultation, { params: { id } });
}

/** Published comments, newest first: `articleNo` 0 for the whole draft, omitted for all. */
export function listPublishedComments(id: string, query: Partial<PublicCommentQuery> = {}) {
  return call(api.consultationComments, { params: { id }, query: query as PublicCommentQuery });
}

/** Submits a comment; the same `idempotencyKey` always answers with the same comment (409 once closed). */
export function submitComment(id: string, body: CommentCreateRequest, idempotencyKey: string) {
  return call(api.consultationComment, { params: { id }, body, headers: idempotencyHeaders(idempotencyKey) });
}

/** One page of the citizen's own comments with their states, newest first. */
export function listMyComments(page: number, pageSize: number, consultationId?: string) {
  return call(api.myConsultationComments, { query: { page, pageSize, consultationId } });
}

/** Withdraws one of the citizen's own comments while it is pending (409 once moderated). */
export function withdrawComment(commentId: string) {
  return call(api.withdrawConsultationComment, { params: { commentId } });
}

/** The published adoption report (404 until it is published). */
export function getReport(id: string) {
  return call(api.consultationReport, { params: { id } });
}

/** Saves the report as CSV (a download in H5, WeChat's forward-a-file sheet in the mini-program). */
export function downloadReportCsv(id: string) {
  return downloadExport(api.consultationReportCsv, {}, `意见采纳情况-${id}.csv`, { id });
}
