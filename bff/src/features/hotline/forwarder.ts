import { randomUUID } from 'node:crypto';
import { UpstreamError } from '../../core/errors';
import type { CaseTicketInput } from '../../upstream/case/types';
import { toChinaIso } from './deadline';
import type { TicketDoc } from './model';
import { signPhotoUrl } from './photos';
import { applyParkedEvents, mergeCaseUpdate, mergedFields, updateFromCaseTicket, type HotlineCtx } from './sync';

/** The key the case system sees: one per tracking number, so it can never open a second ticket for it. */
export function caseIdempotencyKey(trackingNo: string): string {
  return `zwgk-${trackingNo}`;
}

/** The case system's ticket body for a stored submission; no name or phone when the citizen stays anonymous. */
export function toCaseInput(ctx: HotlineCtx, doc: TicketDoc, mimes: Map<string, string> = new Map()): CaseTicketInput {
  const contact: CaseTicketInput['contact'] = {};
  if (!doc.anonymous) {
    if (doc.contactNameEnc) contact.name = ctx.cipher.decrypt(doc.contactNameEnc);
    if (doc.contactPhoneEnc) contact.phone = ctx.cipher.decrypt(doc.contactPhoneEnc);
  }
  const now = ctx.now();
  const base = ctx.config.HOTLINE_PUBLIC_BASE_URL ?? '';
  return {
    type: doc.type,
    title: doc.title,
    description: doc.description,
    ...(doc.location
      ? { location: { address: doc.location.address, ...(doc.location.lat !== null && doc.location.lng !== null ? { lat: doc.location.lat, lng: doc.location.lng } : {}) } }
      : {}),
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

export interface Forwarder {
  /** Looks for due items now (after a submission) instead of at the next poll. */
  kick(): void;
  /** Runs one pass over the due items; resolves with how many were delivered. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The outbox forwarder: delivers stored submissions to the case system in the background.
 *
 * - Claim: one conditional findOneAndUpdate moves a due item's `nextAttemptAt` to the end of a
 *   lease and stamps a lease id, so of several BFF instances exactly one gets it; a crashed
 *   instance's lease simply runs out and the item is due again.
 * - Deliver: createTicket with the key derived from the tracking number; a repeat after a
 *   lost answer or a crash returns the ticket the case system already opened.
 * - Fail: the item backs off (base × 2^attempts, capped, with jitter). When the case system
 *   itself is unreachable the whole pass stops after that one probe, so an outage costs one
 *   attempt per poll instead of one per stored item, and the backlog flows as soon as a probe
 *   succeeds.
 */
export function startForwarder(ctx: HotlineCtx): Forwarder {
  const cfg = ctx.config;
  const log = ctx.logger.child({ task: 'hotline-forwarder' });
  let stopped = false;
  let running: Promise<number> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  /** After a pass found the case system unreachable, submissions do not trigger probes until the next poll. */
  let quietUntil = 0;
  let kickTimer: NodeJS.Timeout | null = null;

  async function claim(): Promise<TicketDoc | null> {
    const now = ctx.now();
    return ctx.models.Ticket.findOneAndUpdate(
      { 'forward.state': 'pending', 'forward.nextAttemptAt': { $lte: now } },
      {
        $set: { 'forward.nextAttemptAt': new Date(now.getTime() + cfg.HOTLINE_FORWARD_LEASE_MS), 'forward.leaseId': randomUUID() },
        $inc: { 'forward.attempts': 1 },
      },
      { sort: { 'forward.nextAttemptAt': 1 }, new: true, lean: true },
    ) as Promise<TicketDoc | null>;
  }

  /** Delivers one claimed item; false when the case system looks unreachable. */
  async function deliver(doc: TicketDoc): Promise<boolean> {
    try {
      const mimes = new Map(doc.photoIds.map((id, i) => [String(id), doc.photoMimes?.[i] ?? 'image/jpeg']));
      const { ticket } = await ctx.upstreams.caseSystem.createTicket(toCaseInput(ctx, doc, mimes), caseIdempotencyKey(doc.trackingNo));
      const delivered = {
        'forward.state': 'delivered',
        'forward.deliveredAt': ctx.now(),
        'forward.leaseId': null,
        'forward.lastError': null,
        caseTicketNo: ticket.ticketNo,
      };
      const update = updateFromCaseTicket(ticket);
      // Usually one write: the mapping and the case system's timeline together, guarded by the
      // revision we claimed. If something changed the ticket meanwhile, map first, then merge.
      const merged = await ctx.models.Ticket.updateOne(
        { _id: doc._id, 'forward.state': 'pending', rev: doc.rev },
        { $set: { ...delivered, ...(mergedFields(doc, update) ?? {}) }, $inc: { rev: 1 } },
      );
      if (merged.matchedCount === 0) {
        await ctx.models.Ticket.updateOne({ _id: doc._id, 'forward.state': 'pending' }, { $set: delivered });
        await mergeCaseUpdate(ctx, { _id: doc._id }, update);
      }
      await applyParkedEvents(ctx, ticket.ticketNo);
      return true;
    } catch (err) {
      const attempts = doc.forward.attempts;
      const cap = Math.min(cfg.HOTLINE_FORWARD_MAX_BACKOFF_MS, cfg.HOTLINE_FORWARD_BACKOFF_MS * 2 ** Math.min(20, attempts - 1));
      const delay = Math.round(cap * (0.5 + Math.random() * 0.5));
      const message = (err as Error).message;
      const unreachable = err instanceof UpstreamError && err.kind !== 'rejected';
      // A refusal (4xx) repeats identically on every retry, and so, most likely, does any other
      // failure that is not an outage after enough attempts: stop and hand it to staff. An
      // outage never fails an item, however long it lasts.
      const giveUp = !unreachable && ((err instanceof UpstreamError && err.kind === 'rejected') || attempts >= cfg.HOTLINE_FORWARD_MAX_ATTEMPTS);
      const release = giveUp
        ? { 'forward.state': 'failed', 'forward.failedAt': ctx.now(), 'forward.leaseId': null, 'forward.lastError': message.slice(0, 300) }
        : { 'forward.nextAttemptAt': new Date(ctx.now().getTime() + delay), 'forward.leaseId': null, 'forward.lastError': message.slice(0, 300) };
      await ctx.models.Ticket.updateOne(
        { _id: doc._id, 'forward.leaseId': doc.forward.leaseId, 'forward.state': 'pending' },
        { $set: release, ...(giveUp ? { $inc: { rev: 1 } } : {}) },
      ).catch((e) => log.warn({ err: e, trackingNo: doc.trackingNo }, 'could not release an outbox item; its lease will expire'));
      if (giveUp) log.error({ trackingNo: doc.trackingNo, attempts, err: message }, 'forwarding a submission failed for good; staff must re-queue it');
      if (unreachable) log.debug({ trackingNo: doc.trackingNo, attempts, delayMs: delay, err: message }, 'case system unreachable; submission stays in the outbox');
      else if (!giveUp) log.error({ trackingNo: doc.trackingNo, attempts, err: message }, 'forwarding a submission failed');
      return !unreachable;
    }
  }

  async function pass(): Promise<number> {
    let delivered = 0;
    let halt = false;
    // Workers ramp up: each one that finds an item starts another, up to the concurrency. A
    // trickle of submissions then costs one or two claims per item instead of one per worker
    // (every empty claim is a query, and on the embedded server a full scan).
    let active = 0;
    const workers: Promise<void>[] = [];
    const spawn = () => {
      if (active >= cfg.HOTLINE_FORWARD_CONCURRENCY || stopped || halt) return;
      active++;
      workers.push(worker());
    };
    let failure: unknown = null;
    const worker = async () => {
      let first = true;
      try {
        while (!stopped && !halt) {
          const doc = await claim();
          if (!doc) return;
          if (first) spawn();
          first = false;
          if (await deliver(doc)) delivered++;
          else halt = true;
        }
      } catch (err) {
        // Mongo trouble (a claim failed): stop the pass, but let the other workers finish their
        // deliveries, so the pass (and stop()) never ends while one still runs.
        failure ??= err;
        halt = true;
      }
    };
    spawn();
    // Workers spawn workers: wait until no new one appeared while the last batch settled.
    for (let settled = 0; settled < workers.length; ) {
      const batch = workers.slice(settled);
      settled = workers.length;
      await Promise.allSettled(batch);
    }
    if (failure) throw failure;
    if (halt) quietUntil = Date.now() + cfg.HOTLINE_FORWARD_POLL_MS;
    return delivered;
  }

  function runOnce(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      try {
        do {
          again = false;
          total += await pass();
        } while (again && !stopped && Date.now() >= quietUntil);
      } catch (err) {
        log.warn({ err }, 'forwarder pass failed; retrying at the next poll');
      } finally {
        running = null;
      }
      return total;
    })();
    return running;
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void runOnce().finally(schedule);
    }, cfg.HOTLINE_FORWARD_POLL_MS);
    timer.unref();
  };
  schedule();

  return {
    kick() {
      if (stopped || Date.now() < quietUntil || kickTimer) return;
      // A burst of submissions shares one pass.
      kickTimer = setTimeout(() => {
        kickTimer = null;
        void runOnce();
      }, 5);
      kickTimer.unref();
    },
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (kickTimer) clearTimeout(kickTimer);
      await running;
    },
  };
}
