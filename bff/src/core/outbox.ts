import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import type { Logger } from './logger';
import type { TaskHandle, TaskRunner, TaskSignal } from './tasks';

/**
 * Delivery state kept on each outbox item, under one field of its document (the record is
 * its own outbox item: stored and queued in one write).
 */
export interface OutboxState {
  /** `pending` until delivered; terminal states are `delivered`, `failed` or a feature's own. */
  state: string;
  attempts: number;
  /** Due time of the next attempt; while claimed, the end of the lease. */
  nextAttemptAt: Date;
  /** Set while an instance holds the item; null once released. */
  leaseId: string | null;
  lastError: string | null;
  deliveredAt?: Date | null;
  failedAt?: Date | null;
}

/** What one delivery attempt came to. */
export type DeliveryOutcome =
  /** Done: the item leaves the queue in `state` (default `delivered`), with `set` written too. */
  | { kind: 'done'; state?: string; set?: Record<string, unknown> }
  /** `deliver` already wrote the item's final state itself (e.g. in one guarded write with other fields). */
  | { kind: 'written' }
  /** Try again after a backoff. `unreachable`: the far side is down; the pass stops after this probe. */
  | { kind: 'retry'; error: string; unreachable?: boolean }
  /** Give up now (a refusal that would repeat identically); staff may re-queue it. */
  | { kind: 'failed'; error: string; set?: Record<string, unknown> };

export interface OutboxOptions<D extends { _id: unknown }> {
  /** Task name, also the log's `task`. */
  name: string;
  model: Model<D>;
  /** The document field holding the OutboxState, e.g. `forward`. */
  field: string;
  concurrency: number;
  pollMs: number;
  leaseMs: number;
  backoffMs: number;
  maxBackoffMs: number;
  /** Failed attempts (other than outages) after which an item is given up on. */
  maxAttempts: number;
  /** Delivers one claimed item (its `field` already shows this claim: attempts counted, leaseId set). */
  deliver(doc: D): Promise<DeliveryOutcome>;
  /**
   * An item whose previous lease ran out without a result: the instance holding it died
   * mid-delivery, and whether the far side got it is unknown. Default: deliver it again,
   * right for a receiver that dedupes on a key. A receiver that cannot dedupe decides here.
   */
  onAbandoned?(doc: D): Promise<DeliveryOutcome | 'deliver'>;
  /** Extra update applied whenever an item is given up on (e.g. bump a revision). */
  onFailedUpdate?: () => { $set?: Record<string, unknown>; $inc?: Record<string, number> };
  /**
   * Runs just before an item is written as given up on (e.g. to tell its owner). If it throws,
   * the item is not given up on yet: it is retried, and the hook runs again next time, so the
   * hook must be safe to repeat.
   */
  beforeGiveUp?(doc: D): Promise<void>;
  /**
   * Tasks (by name) this outbox gives way to: while one of them is running a pass, a pass of
   * this one is put off, for at most `maxDeferMs` (default 10 s) in a row, so less urgent work
   * (telling citizens) never slows more urgent work (delivering their submissions) on a
   * shared database, and is never starved by it either.
   */
  yieldTo?: { tasks: string[]; maxDeferMs?: number };
  logger: Logger;
  now: () => Date;
}

export interface Outbox<D = unknown> {
  readonly task: TaskHandle;
  /** Looks for due items now (after a new one was stored) instead of at the next poll. */
  kick(): void;
  /** One drain pass; resolves with how many items reached a final state. */
  runOnce(): Promise<number>;
  /**
   * Puts a given-up item matching `filter` back in the queue, due now with a fresh attempt
   * count (its last error kept for reference), plus `extra`; resolves with the item as it is
   * now, or null when no `failed` item matches.
   */
  requeue(filter: Record<string, unknown>, extra?: { $inc?: Record<string, number> }): Promise<D | null>;
}

/**
 * A generic transactional outbox over a MongoDB collection, run on the app's TaskRunner.
 *
 * - Claim: one conditional findOneAndUpdate moves a due item's `nextAttemptAt` to the end of a
 *   lease and stamps a lease id, so of several instances exactly one gets it; a crashed
 *   instance's lease runs out and the item is due again (then `onAbandoned` decides).
 * - Fail: the item backs off (base × 2^attempts, capped, with jitter, so instances do not
 *   retry in step). When the far side is unreachable the pass stops after that one probe, so
 *   an outage costs one attempt per poll instead of one per item; kicks stay quiet until the
 *   next poll. After `maxAttempts` failures that were not outages, or a refusal, it is
 *   `failed` for staff to re-queue; an outage never fails an item, however long it lasts.
 * - Workers ramp up: each one that finds an item starts another, up to the concurrency, so a
 *   trickle costs one or two claims per item, not one per worker.
 */
export function createOutbox<D extends { _id: unknown }>(tasks: TaskRunner, o: OutboxOptions<D>): Outbox<D> {
  // Field paths are built at run time, beyond what mongoose's update types can follow.
  const model = o.model as unknown as Model<Record<string, unknown>>;
  const f = (k: keyof OutboxState) => `${o.field}.${k}`;
  const log = o.logger.child({ task: o.name });
  let quietUntil = 0;

  async function claim(): Promise<D | null> {
    const now = o.now();
    const leaseId = randomUUID();
    // The document as it was before the claim: a leaseId left on it means an abandoned delivery.
    const before = (await model.findOneAndUpdate(
      { [f('state')]: 'pending', [f('nextAttemptAt')]: { $lte: now } },
      { $set: { [f('nextAttemptAt')]: new Date(now.getTime() + o.leaseMs), [f('leaseId')]: leaseId }, $inc: { [f('attempts')]: 1 } },
      { sort: { [f('nextAttemptAt')]: 1 }, new: false, lean: true },
    )) as unknown as D | null;
    if (!before) return null;
    const state = (before as Record<string, unknown>)[o.field] as OutboxState;
    const claimed = { ...state, attempts: state.attempts + 1, leaseId, nextAttemptAt: new Date(now.getTime() + o.leaseMs) };
    const doc = { ...before, [o.field]: claimed } as D;
    (doc as { __abandoned?: boolean }).__abandoned = !!state.leaseId;
    return doc;
  }

  /** Writes the outcome, guarded by our lease; false when the far side looked unreachable. */
  async function settle(doc: D, outcome: DeliveryOutcome): Promise<boolean> {
    const state = (doc as Record<string, unknown>)[o.field] as OutboxState;
    if (outcome.kind === 'written') return true;
    const now = o.now();
    const guard = { _id: doc._id, [f('leaseId')]: state.leaseId, [f('state')]: 'pending' };
    let update: Record<string, Record<string, unknown>>;
    let unreachable = false;
    if (outcome.kind === 'done') {
      update = { $set: { [f('state')]: outcome.state ?? 'delivered', [f('deliveredAt')]: now, [f('leaseId')]: null, [f('lastError')]: null, ...outcome.set } };
    } else {
      unreachable = outcome.kind === 'retry' && !!outcome.unreachable;
      const giveUp = outcome.kind === 'failed' || (!unreachable && state.attempts >= o.maxAttempts);
      const error = outcome.error.slice(0, 300);
      let hookFailed = false;
      if (giveUp && o.beforeGiveUp) {
        try {
          await o.beforeGiveUp(doc);
        } catch (err) {
          hookFailed = true;
          log.warn({ id: String(doc._id), err: (err as Error).message }, 'give-up hook failed; the item is retried');
        }
      }
      if (giveUp && !hookFailed) {
        const extra = o.onFailedUpdate?.() ?? {};
        update = {
          $set: { [f('state')]: 'failed', [f('failedAt')]: now, [f('leaseId')]: null, [f('lastError')]: error, ...(outcome.kind === 'failed' ? outcome.set : {}), ...extra.$set },
          ...(extra.$inc ? { $inc: extra.$inc } : {}),
        };
        log.error({ id: String(doc._id), attempts: state.attempts, err: error }, 'delivery failed for good; staff may re-queue it');
      } else {
        const cap = Math.min(o.maxBackoffMs, o.backoffMs * 2 ** Math.min(20, state.attempts - 1));
        const delay = Math.round(cap * (0.5 + Math.random() * 0.5));
        update = { $set: { [f('nextAttemptAt')]: new Date(now.getTime() + delay), [f('leaseId')]: null, [f('lastError')]: error } };
        if (unreachable) log.debug({ id: String(doc._id), attempts: state.attempts, delayMs: delay, err: error }, 'far side unreachable; item stays in the outbox');
        else log.warn({ id: String(doc._id), attempts: state.attempts, delayMs: delay, err: error }, 'delivery failed; will retry');
      }
    }
    await model
      .updateOne(guard, update)
      .catch((e) => log.warn({ err: e, id: String(doc._id) }, 'could not release an outbox item; its lease will expire'));
    return !unreachable;
  }

  async function attempt(doc: D): Promise<{ final: boolean; reachable: boolean }> {
    let outcome: DeliveryOutcome;
    try {
      const abandoned = (doc as { __abandoned?: boolean }).__abandoned;
      delete (doc as { __abandoned?: boolean }).__abandoned;
      const decided = abandoned && o.onAbandoned ? await o.onAbandoned(doc) : 'deliver';
      outcome = decided === 'deliver' ? await o.deliver(doc) : decided;
    } catch (err) {
      outcome = { kind: 'retry', error: (err as Error).message ?? String(err) };
    }
    const reachable = await settle(doc, outcome);
    return { final: outcome.kind === 'done' || outcome.kind === 'written' || outcome.kind === 'failed', reachable };
  }

  let deferredSince = 0;
  /** True when a task this outbox yields to is busy and it has not waited too long already. */
  function shouldDefer(): boolean {
    if (!o.yieldTo) return false;
    const busy = o.yieldTo.tasks.some((name) => tasks.get(name)?.busy);
    if (!busy) {
      deferredSince = 0;
      return false;
    }
    deferredSince ||= Date.now();
    return Date.now() - deferredSince < (o.yieldTo.maxDeferMs ?? 10_000);
  }

  async function pass(signal: TaskSignal): Promise<number> {
    if (shouldDefer()) return 0;
    let handled = 0;
    let halt = false;
    let active = 0;
    let failure: unknown = null;
    const workers: Promise<void>[] = [];
    const spawn = () => {
      if (active >= o.concurrency || signal.stopped || halt) return;
      active++;
      workers.push(worker());
    };
    const worker = async () => {
      let first = true;
      try {
        while (!signal.stopped && !halt) {
          const doc = await claim();
          if (!doc) return;
          if (first) spawn();
          first = false;
          const r = await attempt(doc);
          if (r.final) handled++;
          if (!r.reachable) halt = true;
        }
      } catch (err) {
        // Mongo trouble (a claim failed): stop the pass, but let the other workers finish
        // their deliveries, so the pass (and stop()) never ends while one still runs.
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
    if (halt) quietUntil = Date.now() + o.pollMs;
    return handled;
  }

  const task = tasks.add({ name: o.name, everyMs: o.pollMs, run: pass });
  return {
    task,
    kick() {
      if (Date.now() < quietUntil) return;
      task.kick();
    },
    runOnce: () => task.runOnce(),
    async requeue(filter, extra = {}) {
      const doc = (await model.findOneAndUpdate(
        { ...filter, [f('state')]: 'failed' },
        { $set: { [f('state')]: 'pending', [f('attempts')]: 0, [f('nextAttemptAt')]: o.now(), [f('leaseId')]: null, [f('failedAt')]: null }, ...extra },
        { new: true, lean: true },
      )) as unknown as D | null;
      if (doc) {
        quietUntil = 0;
        task.kick();
      }
      return doc;
    },
  };
}
