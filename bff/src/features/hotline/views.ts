import {
  HOTLINE_FORWARD_FAILED_LABEL,
  HOTLINE_FORWARD_FAILED_NOTE,
  HOTLINE_RATING_LABELS,
  HOTLINE_STATUS_LABELS,
  HOTLINE_TYPE_LABELS,
  type HotlineStatus,
  type HotlineTicketDetail,
  type HotlineTicketSummary,
} from '@zwgk/contracts';
import { decryptOrNull, maskPhone } from '../../core/crypto';
import { computeDeadline, toChinaIso } from './deadline';
import { ticketAad, type TicketDoc, type TicketLocation } from './model';
import { signPhotoUrl } from './photos';
import type { HotlineCtx } from './sync';

/** Photo links in responses to the app live this long (an <Image src> cannot send a token). */
export const VIEW_URL_TTL_S = 3600;

function isFinished(status: HotlineStatus): boolean {
  return status === 'closed' || status === 'visited';
}

/** The ticket's handling deadline at `now`, or null before the case system has accepted it. */
export function deadlineOf(doc: TicketDoc, now: Date) {
  if (!doc.acceptedAt) return null;
  return computeDeadline(doc.type, new Date(doc.acceptedAt), now, isFinished(doc.status) && doc.firstClosedAt ? new Date(doc.firstClosedAt) : null);
}

/**
 * Opens a sealed contact field of a ticket, or null: an unreadable one is logged and shown as
 * absent rather than failing the whole response.
 */
export function openContactField(ctx: HotlineCtx, doc: TicketDoc, field: Parameters<typeof ticketAad>[0]): string | null {
  return decryptOrNull(ctx.cipher, doc[field], ticketAad(field, doc._id), (err) =>
    ctx.logger.error({ err: (err as Error).message, field }, 'cannot decrypt a hotline contact field'),
  );
}

/** A ticket as a line of a list: status label, deadline, whether it can be rated, forwarding failure. */
export function toSummary(doc: TicketDoc, now: Date): HotlineTicketSummary {
  const forwardFailed = doc.forward?.state === 'failed';
  return {
    trackingNo: doc.trackingNo,
    type: doc.type,
    typeLabel: HOTLINE_TYPE_LABELS[doc.type],
    title: doc.title,
    status: doc.status,
    statusLabel: HOTLINE_STATUS_LABELS[doc.status],
    department: doc.department,
    submittedAt: toChinaIso(doc.submittedAt),
    updatedAt: toChinaIso(doc.updatedAt ?? doc.submittedAt),
    deadline: deadlineOf(doc, now),
    canRate: doc.status === 'closed' && !!doc.caseTicketNo,
    forwardFailed,
    ...(forwardFailed ? { statusLabel: HOTLINE_FORWARD_FAILED_LABEL } : {}),
  };
}

/** The citizen's account of the matter: sealed on tickets stored since sealing, in clear on older ones. */
export function descriptionOf(ctx: HotlineCtx, doc: TicketDoc): string {
  return doc.descriptionEnc ? (openContactField(ctx, doc, 'descriptionEnc') ?? '') : doc.description;
}

/** Where the matter is, sealed or (on older tickets) in clear. */
export function locationOf(ctx: HotlineCtx, doc: TicketDoc): TicketLocation | null {
  if (doc.locationEnc) {
    const json = openContactField(ctx, doc, 'locationEnc');
    return json ? (JSON.parse(json) as TicketLocation) : null;
  }
  return doc.location ? { address: doc.location.address, lat: doc.location.lat ?? null, lng: doc.location.lng ?? null } : null;
}

/** A ticket in full as its citizen sees it: timeline, signed photo links, masked phone, rating. */
export function toDetail(ctx: HotlineCtx, doc: TicketDoc, now: Date): HotlineTicketDetail {
  const phone = openContactField(ctx, doc, 'contactPhoneEnc');
  const summary = toSummary(doc, now);
  return {
    ...summary,
    description: descriptionOf(ctx, doc),
    location: locationOf(ctx, doc),
    photos: doc.photoIds.map((id, i) => ({ id: String(id), mime: doc.photoMimes?.[i] ?? 'image/jpeg', url: signPhotoUrl(ctx.cipher, String(id), VIEW_URL_TTL_S, now) })),
    contactPhoneMasked: phone ? maskPhone(phone) : null,
    contactAllowed: doc.contactAllowed,
    anonymous: doc.anonymous,
    caseTicketNo: doc.caseTicketNo,
    timeline: [
      ...doc.timeline.map((e) => ({
        status: e.status,
        statusLabel: HOTLINE_STATUS_LABELS[e.status],
        at: toChinaIso(e.at),
        department: e.department ?? null,
        note: e.note,
      })),
      // Shown, not stored: a re-queue takes it away again without touching the case timeline.
      ...(summary.forwardFailed
        ? [{ status: doc.status, statusLabel: HOTLINE_FORWARD_FAILED_LABEL, at: toChinaIso(doc.forward.failedAt ?? doc.updatedAt ?? now), department: null, note: HOTLINE_FORWARD_FAILED_NOTE }]
        : []),
    ],
    rating: doc.rating
      ? {
          rating: doc.rating.rating,
          ratingLabel: HOTLINE_RATING_LABELS[doc.rating.rating],
          comment: doc.rating.comment ?? null,
          ratedAt: toChinaIso(doc.rating.ratedAt),
          reopenRequested: !!doc.rating.reopenRequested,
        }
      : null,
    canReopen: summary.canRate,
  };
}
