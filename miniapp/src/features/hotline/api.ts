import {
  api,
  HotlinePhotoUploadResponse,
  HOTLINE_PHOTO_FIELD,
  type HotlineRateRequest,
  type HotlineStatsQuery,
  type HotlineSubmitRequest,
} from '@zwgk/contracts';
import { ApiError, call, idempotencyHeaders, uploadFile } from '@/services';

/**
 * The hotline's calls to the BFF, in one place so screens and hooks never spell paths.
 * Every function throws ApiError with a Chinese message (see services/client.ts).
 */

/** Submits a 诉求; the same `idempotencyKey` always answers with the same ticket. */
export function submitTicket(body: HotlineSubmitRequest, idempotencyKey: string) {
  return call(api.hotlineSubmit, { body, headers: idempotencyHeaders(idempotencyKey) });
}

/** One page of the citizen's own tickets, newest first. */
export function listMyTickets(page: number, pageSize = 10) {
  return call(api.hotlineMyTickets, { query: { page, pageSize } });
}

/** One of the citizen's tickets with its timeline and deadline (404 for anyone else's). */
export function getTicket(trackingNo: string) {
  return call(api.hotlineTicket, { params: { trackingNo } });
}

/** Rates a 办结 ticket once; 不满意 with `reopen` asks for 重办. */
export function rateTicket(trackingNo: string, body: HotlineRateRequest) {
  return call(api.hotlineRate, { params: { trackingNo }, body });
}

/** The published statistics (public). */
export function getStats(query: HotlineStatsQuery = {}) {
  return call(api.hotlineStats, { query });
}

/** Fresh preview links for the citizen's own photos (gone or expired ones are left out). */
export function linkPhotos(ids: string[]) {
  return call(api.hotlinePhotoLinks, { body: { ids } });
}

/** Uploads one photo; rejects with the server's message for a wrong type or a file too large. */
export async function uploadPhoto(filePath: string): Promise<HotlinePhotoUploadResponse> {
  const body = await uploadFile(api.hotlineUploadPhoto.path, filePath, HOTLINE_PHOTO_FIELD);
  const parsed = HotlinePhotoUploadResponse.safeParse(body);
  if (!parsed.success) throw new ApiError({ code: 'bad_response', status: 200, message: '图片上传结果有误，请重试' });
  return parsed.data;
}
