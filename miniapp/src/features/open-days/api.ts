import { api, type OpenDayRegisterRequest } from '@zwgk/contracts';
import { call, idempotencyHeaders } from '@/services';

/**
 * The open days' calls to the BFF, in one place so screens and hooks never spell paths.
 * Every function throws ApiError with a Chinese message (see services/client.ts).
 */

/** Every open day, 报名中 first, with places left and the citizen's own status. */
export function listOpenDays() {
  return call(api.openDayList);
}

/** One open day with its sessions' places (live) and, signed in, the citizen's registration and restriction. */
export function getOpenDay(id: string) {
  return call(api.openDay, { params: { id } });
}

/** Signs up for a session; the same `idempotencyKey` always answers with the same registration (409 outside the window). */
export function registerForSession(id: string, body: OpenDayRegisterRequest, idempotencyKey: string) {
  return call(api.openDayRegister, { params: { id }, body, headers: idempotencyHeaders(idempotencyKey) });
}

/** The citizen's registrations, newest first. */
export function listMyRegistrations() {
  return call(api.myOpenDayRegistrations);
}

/** One of the citizen's registrations (404 for someone else's). */
export function getMyRegistration(registrationId: string) {
  return call(api.myOpenDayRegistration, { params: { registrationId } });
}

/** Cancels a registration or a place on the waitlist (409 after the cut-off). */
export function cancelRegistration(registrationId: string) {
  return call(api.cancelOpenDayRegistration, { params: { registrationId } });
}

/** Moves to another session of the same open day (409 and nothing changes when it has too few places). */
export function changeSession(registrationId: string, sessionId: string) {
  return call(api.changeOpenDaySession, { params: { registrationId }, body: { sessionId } });
}

/** Takes the place a waitlist offer holds (409 once it expired). */
export function claimOffer(registrationId: string) {
  return call(api.claimOpenDayOffer, { params: { registrationId } });
}

/** The current check-in pass (QR text and 8-character code), valid for one 30-second window. */
export function getCheckInPass(registrationId: string) {
  return call(api.openDayCheckInPass, { params: { registrationId } });
}
