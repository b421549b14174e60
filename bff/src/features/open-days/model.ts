import { createHash } from 'node:crypto';
import { Schema, Types, type Connection, type Model } from 'mongoose';
import type { RegistrationStatus } from '@zwgk/contracts';
import { fieldAad } from '../../core/crypto';

/**
 * 政府开放日 — what we store (the open days themselves are the portal's; we only keep the
 * sign-ups and one counter document per session). Three collections:
 *
 * `open_day_sessions` (SessionStateDoc, `key` = `<openDayId>:<sessionId>`, `_id` = keyId(key)): the counters of one
 * session, created on first use (upsert, capacity copied from the portal; a change of capacity in
 * the portal moves `capacity` and `placesFree` together in one update). `placesHeld` is the sum
 * of `partySize` over the session's registrations in `confirmed`, `offered` and `attended`, and
 * `placesFree` = `capacity − placesHeld` (may be negative only if the portal lowers the capacity
 * below what is held: nobody is removed, nobody new gets in). `queue` is the waitlist itself, in
 * arrival order: entries `<registrationId>:<partySize>`, pushed in the one update that accepts a
 * waiting party (arrival = the order the database applied those updates) and pulled in the one
 * update that offers it places, cancels it or moves it; `waiting` = its length, kept in the same
 * updates. A waiting party's position is its index in `queue` + 1: exact, unique and current.
 * EVERY change of a counter is ONE conditional `findOneAndUpdate` on this document:
 *   hold    `{_id, placesFree: {$gte: n}, waiting: 0, ops: {$ne: op}}` → `$inc {placesFree: −n, placesHeld: n}, $push {ops: op}`
 *   offer   `{_id, placesFree: {$gte: n}, queue: entry}` → `$inc {placesFree: −n, placesHeld: n, waiting: −1}, $pull {queue: entry}`
 *   enqueue `{_id, queue: {$ne: entry}}` → `$push {queue: entry}, $inc {waiting: 1}`
 *   dequeue `{_id, queue: entry}` → `$pull {queue: entry}, $inc {waiting: −1}`
 *   release `{_id, ops: {$ne: op}}` → `$inc {placesFree: n, placesHeld: −n}, $push {ops: op}`
 * so capacity can never be exceeded, and re-applying any of them is a no-op (`ops` holds the ids
 * of hold/release operations applied whose registration is not finished yet; queue membership
 * makes the others idempotent). A direct hold needs `waiting: 0`, so a newcomer never jumps a
 * waiting party; with free places and a waitlist the newcomer queues and promotion offers the
 * places in queue order (to the first party that fits).

 * `open_day_registrations` (RegistrationDoc): one sign-up (the citizen + up to 2 companions).
 * Status transitions (each a conditional update with the expected status and `pendingOp: null`
 * in the filter):
 *   (new) → placing                      created with its intent `pendingOp: {kind: 'place'}`
 *   placing → confirmed | waitlisted     hold succeeded | session full / waitlist-only citizen
 *   waitlisted → offered                 promotion: places freed and this is the first waiting
 *                                        party that fits; held until `offerExpiresAt`
 *   offered → confirmed                  claimed in time (no counter change: already held)
 *   offered → lapsed                     not claimed by `offerExpiresAt` (task); places released
 *                                        and promotion rolls to the next party
 *   confirmed | offered | waitlisted → cancelled   by the citizen until the cutoff; releases
 *   confirmed | waitlisted → same status, other session   change-session (`move`)
 *   confirmed → attended                 staff check-in (no counter change)
 *   confirmed → no_show                  task after the session ended; releases the places
 * `placing` is internal (never answered; the sweeper finishes it).
 *
 * The resumable state machine: a transition that changes counters first records its intent on
 * the registration (`pendingOp`, set conditionally, which also serialises transitions of one
 * registration), then applies the counter update on the session (idempotent: by `pendingOp.id`
 * in `ops`, or by queue membership), then finishes the registration (new status,
 * `pendingOp: null`, conditional on the op id). A change of session has two counter steps
 * (`<id>:h` on the new session, then `<id>:r` on the old one; `stage` records the progress; the
 * old places are released only once the new ones are held). A crash anywhere leaves a
 * registration with a `pendingOp`; once it is older than the lease (OPEN_DAY_OP_LEASE_MS, by the
 * wall clock) anyone may drive it forward from where it stopped — the places task, or the
 * citizen's retry — because every step is idempotent and op ids stay in `ops` until the places
 * task prunes them, well after their registration finished (op ids carry their start time).
 *
 * `open_day_claims` (ClaimDoc, `key` = `u:<openDayId>:<userId>` or `i:<openDayId>:<idHash>`, `_id` = keyId(key)): the
 * one active registration of an account, and of an ID number as registrant, per open day. Taken
 * by insert (the `_id` is unique even in the embedded database, which only takes ObjectIds: hence
 * `_id` = the first 12 bytes of SHA-256 of the natural key) before the registration is
 * created; released (deleted, conditional on `registrationId`) when the registration is
 * cancelled or lapses; a claim whose registration is missing or inactive is taken over.
 *
 * Personal data: names, ID numbers and phones are sealed with `fieldAad` bound to the
 * registration (`regAad(id, 'name')`, `regAad(id, 'companions.0.idNumber')`); their masked forms
 * are stored beside them so lists never open a seal; `idHash` is the blind index of the
 * registrant's ID number (for the claim and the restriction, never shown).
 */

/** A registration status as stored: the contract's, plus `placing` while its first hold runs. */
export type StoredRegistrationStatus = RegistrationStatus | 'placing';

export type PendingOpKind = 'place' | 'offer' | 'cancel' | 'lapse' | 'move' | 'no_show';

/** The intent of a counter-changing transition, recorded on the registration before the session update. */
export interface PendingOp {
  /** Unique per transition; the session's `ops` hold it (`<id>:h` / `<id>:r` for the two steps of a move). */
  id: string;
  kind: PendingOpKind;
  /** For a move: the session moved from and the one moved to (`sessionId` becomes `toSessionId` at stage 'release'). */
  fromSessionId: string | null;
  toSessionId: string | null;
  /** For a move: 'hold' (new places not yet recorded on the registration) → 'release' (old places to free). */
  stage: 'hold' | 'release' | null;
  /** Places (party size) the op holds or releases. */
  n: number;
  /** The status the registration had when the intent was recorded (what a cancel releases). */
  fromStatus: StoredRegistrationStatus;
  /** Wall-clock time the intent was recorded (the lease; not the app clock, which tests move). */
  at: Date;
}

export interface SessionStateDoc {
  /** keyId(key) */
  _id: Types.ObjectId;
  /** `<openDayId>:<sessionId>` */
  key: string;
  openDayId: string;
  sessionId: string;
  capacity: number;
  startsAt: Date;
  endsAt: Date;
  placesHeld: number;
  /** capacity − placesHeld, the field holds are conditioned on. */
  placesFree: number;
  /** The waitlist in arrival order: `<registrationId>:<partySize>`. */
  queue: string[];
  /** queue.length, kept in the same updates (a direct hold needs 0). */
  waiting: number;
  ops: string[];
  /** When the no-show pass finished this session (after `endsAt`). */
  noShowsDoneAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CompanionRecord {
  nameEnc: string;
  nameMasked: string;
  idNumberEnc: string;
  idNumberMasked: string;
}

export interface RegistrationDoc {
  _id: Types.ObjectId;
  openDayId: string;
  sessionId: string;
  userId: Types.ObjectId;
  idempotencyKey: string;
  status: StoredRegistrationStatus;
  /** The registrant and companions. */
  partySize: number;
  nameEnc: string;
  nameMasked: string;
  idNumberEnc: string;
  idNumberMasked: string;
  /** Blind index of the registrant's ID number (the claim `i:<openDayId>:<idHash>`). */
  idHash: string;
  phoneEnc: string;
  phoneMasked: string;
  companions: CompanionRecord[];
  /** Placed on the waitlist although places were free (repeated no-shows). */
  waitlistOnly: boolean;
  /** Position in the waitlist when it joined it (1-based; the current one is read from the session's queue); null when never waitlisted. */
  seq: number | null;
  /** Offers made to it so far (names the notification key of each offer). */
  offerCount: number;
  offeredAt: Date | null;
  offerExpiresAt: Date | null;
  confirmedAt: Date | null;
  checkedInAt: Date | null;
  checkedInBy: string | null;
  cancelledAt: Date | null;
  lapsedAt: Date | null;
  noShowAt: Date | null;
  /** The day-before reminder was handed to notify (keyed, so a crash re-sends nothing). */
  remindedAt: Date | null;
  /** An offer notice still to be handed to notify (set with the offer, cleared once stored; keyed by offerCount). */
  noticeDue: 'offer' | null;
  pendingOp: PendingOp | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ClaimDoc {
  /** keyId(key) */
  _id: Types.ObjectId;
  /** `u:<openDayId>:<userId>` or `i:<openDayId>:<idHash>` */
  key: string;
  registrationId: Types.ObjectId;
  /** The claiming request's key, so a concurrent retry with the same key waits for it instead of failing. */
  userId: Types.ObjectId;
  idempotencyKey: string;
  at: Date;
}

export interface OpenDayModels {
  Session: Model<SessionStateDoc>;
  Registration: Model<RegistrationDoc>;
  Claim: Model<ClaimDoc>;
}

export const REGISTRATIONS = 'open_day_registrations';

export function openDayModels(conn: Connection): OpenDayModels {
  if (conn.models.OpenDayRegistration) {
    return {
      Session: conn.models.OpenDaySessionState as Model<SessionStateDoc>,
      Registration: conn.models.OpenDayRegistration as Model<RegistrationDoc>,
      Claim: conn.models.OpenDayClaim as Model<ClaimDoc>,
    };
  }
  const session = new Schema<SessionStateDoc>(
    {
      key: { type: String, required: true },
      openDayId: { type: String, required: true },
      sessionId: { type: String, required: true },
      capacity: { type: Number, required: true },
      startsAt: { type: Date, required: true },
      endsAt: { type: Date, required: true },
      placesHeld: { type: Number, default: 0 },
      placesFree: { type: Number, required: true },
      queue: { type: [String], default: [] },
      waiting: { type: Number, default: 0 },
      ops: { type: [String], default: [] },
      noShowsDoneAt: { type: Date, default: null },
    },
    { timestamps: true, collection: 'open_day_sessions', minimize: false },
  );
  session.index({ openDayId: 1 });
  session.index({ endsAt: 1, noShowsDoneAt: 1 });
  // Promotion looks for sessions with free places and a waitlist.
  session.index({ waiting: 1, placesFree: 1 });

  const companion = new Schema<CompanionRecord>(
    { nameEnc: String, nameMasked: String, idNumberEnc: String, idNumberMasked: String },
    { _id: false },
  );
  const registration = new Schema<RegistrationDoc>(
    {
      openDayId: { type: String, required: true },
      sessionId: { type: String, required: true },
      userId: { type: Schema.Types.ObjectId, required: true },
      idempotencyKey: { type: String, required: true },
      status: { type: String, required: true },
      partySize: { type: Number, required: true },
      nameEnc: { type: String, required: true },
      nameMasked: { type: String, required: true },
      idNumberEnc: { type: String, required: true },
      idNumberMasked: { type: String, required: true },
      idHash: { type: String, required: true },
      phoneEnc: { type: String, required: true },
      phoneMasked: { type: String, required: true },
      companions: { type: [companion], default: [] },
      waitlistOnly: { type: Boolean, default: false },
      seq: { type: Number, default: null },
      offerCount: { type: Number, default: 0 },
      offeredAt: { type: Date, default: null },
      offerExpiresAt: { type: Date, default: null },
      confirmedAt: { type: Date, default: null },
      checkedInAt: { type: Date, default: null },
      checkedInBy: { type: String, default: null },
      cancelledAt: { type: Date, default: null },
      lapsedAt: { type: Date, default: null },
      noShowAt: { type: Date, default: null },
      remindedAt: { type: Date, default: null },
      noticeDue: { type: String, default: null },
      pendingOp: { type: Schema.Types.Mixed, default: null },
    },
    { timestamps: true, collection: REGISTRATIONS, minimize: false },
  );
  // Uniqueness comes from the upsert on the key; the index guards it on a real MongoDB.
  registration.index({ userId: 1, idempotencyKey: 1 }, { unique: true });
  registration.index({ userId: 1, createdAt: -1 });
  registration.index({ userId: 1, status: 1, noShowAt: -1 });
  // A session's list by status: the waitlist in arrival order, the others by sign-up time.
  registration.index({ openDayId: 1, sessionId: 1, status: 1, seq: 1 });
  registration.index({ openDayId: 1, sessionId: 1, status: 1, createdAt: 1 });
  registration.index({ status: 1, offerExpiresAt: 1 });
  registration.index({ 'pendingOp.at': 1 }, { sparse: true });
  registration.index({ noticeDue: 1 }, { sparse: true });

  const claim = new Schema<ClaimDoc>(
    {
      key: { type: String, required: true },
      registrationId: { type: Schema.Types.ObjectId, required: true },
      userId: { type: Schema.Types.ObjectId, required: true },
      idempotencyKey: { type: String, required: true },
      at: { type: Date, required: true },
    },
    { collection: 'open_day_claims', versionKey: false },
  );

  return {
    Session: conn.model<SessionStateDoc>('OpenDaySessionState', session),
    Registration: conn.model<RegistrationDoc>('OpenDayRegistration', registration),
    Claim: conn.model<ClaimDoc>('OpenDayClaim', claim),
  };
}

/** `<openDayId>:<sessionId>`, the natural key of a session's counters. */
export function sessionKey(openDayId: string, sessionId: string): string {
  return `${openDayId}:${sessionId}`;
}

/** The `_id` made from a natural key (the embedded database takes only ObjectIds as `_id`). */
export function keyId(key: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(key).digest().subarray(0, 12).toString('hex'));
}

/** The associated data of a registration's sealed field (`name`, `idNumber`, `phone`, `companions.0.name`, …). */
export function regAad(id: unknown, field: string): string {
  return fieldAad(REGISTRATIONS, field, id);
}
