import { UpstreamError } from '../../core/errors';
import { createOutbox, type Outbox } from '../../core/outbox';
import type { CaseTicketInput } from '../../upstream/case/types';
import { toChinaIso } from './deadline';
import { ticketAad, type TicketDoc } from './model';
import { signPhotoUrl } from './photos';
import { descriptionOf, locationOf } from './views';
import { applyParkedEvents, mergeCaseUpdate, mergedFields, tellOwner, updateFromCaseTicket, type HotlineCtx } from './sync';

/** The key the case system sees: one per tracking number, so it can never open a second ticket for it. */
export function caseIdempotencyKey(trackingNo: string): string {
  return `zwgk-${trackingNo}`;
}

/** The case system's ticket body for a stored submission; no name or phone when the citizen stays anonymous. */
export function toCaseInput(ctx: HotlineCtx, doc: TicketDoc, mimes: Map<string, string> = new Map()): CaseTicketInput {
  const contact: CaseTicketInput['contact'] = {};
  if (!doc.anonymous) {
    if (doc.contactNameEnc) contact.name = ctx.cipher.decrypt(doc.contactNameEnc, ticketAad('contactNameEnc', doc._id));
    if (doc.contactPhoneEnc) contact.phone = ctx.cipher.decrypt(doc.contactPhoneEnc, ticketAad('contactPhoneEnc', doc._id));
  }
  const now = ctx.now();
  const location = locationOf(ctx, doc);
  const base = ctx.config.HOTLINE_PUBLIC_BASE_URL ?? '';
  return {
    type: doc.type,
    title: doc.title,
    description: descriptionOf(ctx, doc),
    ...(location ? { location: { address: location.address, ...(location.lat !== null && location.lng !== null ? { lat: location.lat, lng: location.lng } : {}) } } : {}),
    contact,
    contactAllowed: doc.contactAllowed,
    anonymous: doc.anonymous,
    attachments: doc.photoIds.map((id) => ({
      url: signPhotoUrl(ctx.cipher, String(id), ctx.config.HOTLINE_PHOTO_URL_TTL_S, now, base),
      mime: mimes.get(String(id)) ?? 'image/jpeg',
    })),
    submittedAt: toChinaIso(doc.submittedAt),
  };
}

/**
 * The outbox forwarder: delivers stored submissions to the case system in the background,
 * on the shared outbox (core/outbox: lease claims, jittered backoff, one probe per pass
 * during an outage, give-up to `failed`, re-queue).
 *
 * - Deliver: createTicket with the key derived from the tracking number; a repeat after a
 *   lost answer or a crash returns the ticket the case system already opened, so an
 *   abandoned delivery is simply delivered again.
 * - Map and merge in one write: the case ticket number and the case system's timeline,
 *   guarded by the revision we claimed; if something changed the ticket meanwhile, map first,
 *   then merge.
 * - A refusal (4xx) repeats identically on every retry: it fails at once, and so does any
 *   other failure that is not an outage after HOTLINE_FORWARD_MAX_ATTEMPTS. Its owner is
 *   told (转交未成功) just before it is written as failed.
 * - The owner is told of what the delivery brought (受理) before the write; telling is keyed,
 *   so a crash in between only means it is told again, as a no-op, on the next delivery.
 */
export function startForwarder(ctx: HotlineCtx): Outbox<TicketDoc> {
  const cfg = ctx.config;
  return createOutbox<TicketDoc>(ctx.tasks, {
    name: 'hotline-forwarder',
    model: ctx.models.Ticket,
    field: 'forward',
    concurrency: cfg.HOTLINE_FORWARD_CONCURRENCY,
    pollMs: cfg.HOTLINE_FORWARD_POLL_MS,
    leaseMs: cfg.HOTLINE_FORWARD_LEASE_MS,
    backoffMs: cfg.HOTLINE_FORWARD_BACKOFF_MS,
    maxBackoffMs: cfg.HOTLINE_FORWARD_MAX_BACKOFF_MS,
    maxAttempts: cfg.HOTLINE_FORWARD_MAX_ATTEMPTS,
    onFailedUpdate: () => ({ $inc: { rev: 1 } }),
    beforeGiveUp: (doc) => tellOwner(ctx, doc, { ...doc, forward: { ...doc.forward, state: 'failed', failedAt: ctx.now() } }),
    logger: ctx.logger,
    now: ctx.now,
    async deliver(doc) {
      // Its owner deleted their account before it got through: what is left (no account of the
      // matter, no contact) is not a request any more, and is not sent.
      if (doc.erasedAt) return { kind: 'done', state: 'withdrawn' };
      let ticket;
      try {
        const mimes = new Map(doc.photoIds.map((id, i) => [String(id), doc.photoMimes?.[i] ?? 'image/jpeg']));
        ({ ticket } = await ctx.upstreams.caseSystem.createTicket(toCaseInput(ctx, doc, mimes), caseIdempotencyKey(doc.trackingNo)));
      } catch (err) {
        const message = (err as Error).message;
        if (err instanceof UpstreamError && err.kind === 'rejected') return { kind: 'failed', error: message };
        return { kind: 'retry', error: message, unreachable: err instanceof UpstreamError };
      }
      const delivered = {
        'forward.state': 'delivered',
        'forward.deliveredAt': ctx.now(),
        'forward.leaseId': null,
        'forward.lastError': null,
        caseTicketNo: ticket.ticketNo,
      };
      const update = updateFromCaseTicket(ticket);
      const set = mergedFields(doc, update);
      if (set) await tellOwner(ctx, doc, { ...doc, ...set });
      const merged = await ctx.models.Ticket.updateOne(
        { _id: doc._id, 'forward.state': 'pending', rev: doc.rev },
        { $set: { ...delivered, ...(set ?? {}) }, $inc: { rev: 1 } },
      );
      if (merged.matchedCount === 0) {
        await ctx.models.Ticket.updateOne({ _id: doc._id, 'forward.state': 'pending' }, { $set: delivered });
        await mergeCaseUpdate(ctx, { _id: doc._id }, update);
      }
      await applyParkedEvents(ctx, ticket.ticketNo);
      return { kind: 'written' };
    },
  });
}
