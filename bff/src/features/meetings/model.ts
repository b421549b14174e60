import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { ApplicationStatus, MeetingSelection, ObserverCategory } from '@zwgk/contracts';
import { fieldAad } from '../../core/crypto';

/**
 * 列席会议 (issue 11). The meetings themselves are the portal's; these collections hold what
 * happens around them. The embedded MongoDB has no unique index on non-_id fields and no
 * transactions, so uniqueness comes from natural-key upserts and `_id`s, limits from conditional
 * single-document updates, and multi-document steps are small resumable state machines.
 */

export const OBSERVER_CATEGORIES: readonly ObserverCategory[] = ['public', 'stakeholder', 'expert', 'media'];
export type PerCategory<T> = Record<ObserverCategory, T>;

/** What an applicant is still to be told; cleared once notify (keyed per application and event) has stored it. */
export type MeetingNotice = 'accepted' | 'declined' | 'drawn_selected' | 'drawn_reserve' | 'promoted';

/** Where the shown name of an application came from. */
export type NameSource = 'given' | 'nickname' | 'placeholder';

/**
 * `meeting_applications`: one citizen's application to observe one meeting, in one category.
 *
 * Unique per {meetingId, userId} (createOnce upserts on that key; concurrent requests by one
 * person settle on one record, a second Idempotency-Key gets 409). `drawNumber` is the public
 * number from `MeetingStateDoc.lastDrawNumber` ($inc), so it follows arrival order.
 *
 * Status transitions (each a conditional update with the expected status in the filter):
 * - `submitted` → `withdrawn` (citizen, before applicationClosesAt; `withdrawnFrom: submitted`);
 * - review, after the close: `submitted` → `selected` (staff accept, only while
 *   `MeetingStateDoc.selected[category] < seats`) or → `declined` (with `decisionReason`);
 * - lottery, after the draw (`MeetingDrawDoc`): `submitted` → `selected` (the first `seats` of the
 *   order) or → `reserve` (with `reserveRank`, 1-based in order);
 * - `reserve` → `selected` when promoted in place of a withdrawn observer (`replacesDrawNumber`);
 * - `selected` → `confirmed` (citizen, before startsAt);
 * - `selected` | `confirmed` | `reserve` → `withdrawn` (citizen, before startsAt; a lottery
 *   observer leaving sets `replacementDue` until the next reserve is promoted and published).
 */
export interface MeetingApplicationDoc {
  _id: Types.ObjectId;
  meetingId: string;
  userId: Types.ObjectId;
  idempotencyKey: string;
  category: ObserverCategory;
  /** 6 digits, zero-padded; unique per meeting. */
  drawNumber: string;
  /** The shown name sealed with the field cipher, bound to this record (applicationNameAad); null for the placeholder. */
  nameEnc: string | null;
  /** The masked form (张**) published with the roster and the observers. */
  nameMasked: string;
  nameSource: NameSource;
  reason: string;
  organisation: string | null;
  qualification: string | null;
  status: ApplicationStatus;
  /** 1-based place in the draw's reserve order as drawn (lottery); views show the place among those still waiting. */
  reserveRank: number | null;
  /** Review: why accepted or declined. */
  decisionReason: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  /** When it became `selected` (accept, draw, or promotion); kept after confirming. */
  selectedAt: Date | null;
  confirmedAt: Date | null;
  withdrawnAt: Date | null;
  /** The status it was withdrawn from (an observer leaving vs an applicant withdrawing). */
  withdrawnFrom: ApplicationStatus | null;
  /** A lottery observer who withdrew and whose replacement is not yet settled (the replacement task finishes it). */
  replacementDue: boolean;
  /** Set on a reserve promoted in place of this withdrawn draw number (makes the promotion idempotent). */
  replacesDrawNumber: string | null;
  noticeDue: MeetingNotice | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The portal's meeting as last seen by a write path (a snapshot for figures and tasks; the portal stays the source). */
export interface MeetingSnapshot {
  title: string;
  startsAt: Date;
  applicationClosesAt: Date;
  selection: MeetingSelection;
  seats: PerCategory<number>;
}

/**
 * `meeting_states`: one per meeting, created on first use by an upsert on `meetingId` (the portal
 * meeting id; the embedded server's upsert cannot take a string `_id`).
 * - `lastDrawNumber`: the draw-number counter ($inc 1 per application; gaps are harmless).
 * - `selected[category]`: review observers (selected or confirmed) per category; an accept is
 *   `$inc` with `selected.<category> < seats` in the filter, so seats are never oversold; a
 *   selected observer withdrawing gives the seat back ($inc −1).
 * - `drawSource`: the future public randomness source (lottery), settable until the close.
 */
export interface MeetingStateDoc {
  _id: Types.ObjectId;
  meetingId: string;
  lastDrawNumber: number;
  selected: PerCategory<number>;
  drawSource: string | null;
  drawSourceSetAt: Date | null;
  drawSourceSetBy: string | null;
  snapshot: MeetingSnapshot | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A selected observer who withdrew after the draw and the reserve who took the seat (null: none left). */
export interface DrawReplacementRecord {
  withdrawn: string;
  replacedBy: string | null;
  at: Date;
}

/**
 * `meeting_draws`: one per lottery meeting and category with seats, upserted on
 * `key` = `${meetingId}:${category}` (drawKey).
 *
 * 1. Frozen at the close (upsert with $setOnInsert, lazily on first read or draw after the close
 *    and by the draw task): `roster` (draw numbers of non-withdrawn applications, sorted),
 *    `rosterNames` (masked, same order), `rosterHash`, `seats`, `frozenAt`. Never changed after.
 * 2. Drawn once (conditional update with `drawnAt: null` in the filter): `publicValueSource`,
 *    `publicValue`, `seed`, `order`, `chosen`, `drawnAt`, `drawnBy` — stored before any
 *    application changes.
 * 3. Applied: applications `submitted` → `selected`/`reserve` (idempotent by the status filter),
 *    then `appliedAt`. A draw with `drawnAt` and no `appliedAt` is finished by the draw task.
 * 4. `replacements` grows as selected observers withdraw (one entry per withdrawn number).
 */
export interface MeetingDrawDoc {
  _id: Types.ObjectId;
  key: string;
  meetingId: string;
  category: ObserverCategory;
  seats: number;
  roster: string[];
  rosterNames: string[];
  rosterHash: string;
  frozenAt: Date;
  publicValueSource: string | null;
  publicValue: string | null;
  seed: string | null;
  order: string[];
  chosen: string[];
  drawnAt: Date | null;
  drawnBy: string | null;
  appliedAt: Date | null;
  replacements: DrawReplacementRecord[];
  createdAt: Date;
  updatedAt: Date;
}

/** A staff reply to an opinion (public; may be edited). */
export interface OpinionReplyRecord {
  text: string;
  repliedAt: Date;
  repliedBy: string;
}

/**
 * `meeting_opinions`: an observer's 列席意见, one per {meetingId, userId} (createOnce upsert),
 * only from a `confirmed` observer after startsAt. `reply` is set (and may be replaced) by staff;
 * `noticeDue: 'replied'` until the observer has been told.
 */
export interface MeetingOpinionDoc {
  _id: Types.ObjectId;
  meetingId: string;
  userId: Types.ObjectId;
  applicationId: Types.ObjectId;
  idempotencyKey: string;
  category: ObserverCategory;
  nameMasked: string;
  text: string;
  reply: OpinionReplyRecord | null;
  noticeDue: 'replied' | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface MeetingModels {
  Application: Model<MeetingApplicationDoc>;
  State: Model<MeetingStateDoc>;
  Draw: Model<MeetingDrawDoc>;
  Opinion: Model<MeetingOpinionDoc>;
}

export function meetingModels(conn: Connection): MeetingModels {
  if (conn.models.MeetingApplication) {
    return {
      Application: conn.models.MeetingApplication as Model<MeetingApplicationDoc>,
      State: conn.models.MeetingState as Model<MeetingStateDoc>,
      Draw: conn.models.MeetingDraw as Model<MeetingDrawDoc>,
      Opinion: conn.models.MeetingOpinion as Model<MeetingOpinionDoc>,
    };
  }
  const application = new Schema<MeetingApplicationDoc>(
    {
      meetingId: { type: String, required: true },
      userId: { type: Schema.Types.ObjectId, required: true },
      idempotencyKey: { type: String, required: true },
      category: { type: String, required: true },
      drawNumber: { type: String, required: true },
      nameEnc: { type: String, default: null },
      nameMasked: { type: String, required: true },
      nameSource: { type: String, required: true },
      reason: { type: String, required: true },
      organisation: { type: String, default: null },
      qualification: { type: String, default: null },
      status: { type: String, required: true },
      reserveRank: { type: Number, default: null },
      decisionReason: { type: String, default: null },
      decidedBy: { type: String, default: null },
      decidedAt: { type: Date, default: null },
      selectedAt: { type: Date, default: null },
      confirmedAt: { type: Date, default: null },
      withdrawnAt: { type: Date, default: null },
      withdrawnFrom: { type: String, default: null },
      replacementDue: { type: Boolean, default: false },
      replacesDrawNumber: { type: String, default: null },
      noticeDue: { type: String, default: null },
    },
    { timestamps: true, collection: 'meeting_applications', minimize: false },
  );
  // Uniqueness comes from the upsert on the key; the index guards it on a real MongoDB.
  application.index({ meetingId: 1, userId: 1 }, { unique: true });
  application.index({ meetingId: 1, drawNumber: 1 }, { unique: true });
  application.index({ meetingId: 1, category: 1, status: 1, drawNumber: 1 });
  application.index({ userId: 1, createdAt: -1 });
  application.index({ noticeDue: 1 }, { sparse: true });
  application.index({ replacementDue: 1 });

  const perCategory = { public: Number, stakeholder: Number, expert: Number, media: Number };
  const state = new Schema<MeetingStateDoc>(
    {
      meetingId: { type: String, required: true },
      lastDrawNumber: { type: Number, default: 0 },
      selected: { type: perCategory, default: () => ({ public: 0, stakeholder: 0, expert: 0, media: 0 }) },
      drawSource: { type: String, default: null },
      drawSourceSetAt: { type: Date, default: null },
      drawSourceSetBy: { type: String, default: null },
      snapshot: { type: Schema.Types.Mixed, default: null },
    },
    { timestamps: true, collection: 'meeting_states', minimize: false },
  );
  state.index({ meetingId: 1 }, { unique: true });

  const draw = new Schema<MeetingDrawDoc>(
    {
      key: { type: String, required: true },
      meetingId: { type: String, required: true },
      category: { type: String, required: true },
      seats: { type: Number, required: true },
      roster: { type: [String], default: [] },
      rosterNames: { type: [String], default: [] },
      rosterHash: { type: String, required: true },
      frozenAt: { type: Date, required: true },
      publicValueSource: { type: String, default: null },
      publicValue: { type: String, default: null },
      seed: { type: String, default: null },
      order: { type: [String], default: [] },
      chosen: { type: [String], default: [] },
      drawnAt: { type: Date, default: null },
      drawnBy: { type: String, default: null },
      appliedAt: { type: Date, default: null },
      replacements: { type: Schema.Types.Mixed, default: () => [] },
    },
    { timestamps: true, collection: 'meeting_draws', minimize: false },
  );
  draw.index({ key: 1 }, { unique: true });
  draw.index({ meetingId: 1 });
  draw.index({ appliedAt: 1, drawnAt: 1 });

  const opinion = new Schema<MeetingOpinionDoc>(
    {
      meetingId: { type: String, required: true },
      userId: { type: Schema.Types.ObjectId, required: true },
      applicationId: { type: Schema.Types.ObjectId, required: true },
      idempotencyKey: { type: String, required: true },
      category: { type: String, required: true },
      nameMasked: { type: String, required: true },
      text: { type: String, required: true },
      reply: { type: Schema.Types.Mixed, default: null },
      noticeDue: { type: String, default: null },
    },
    { timestamps: true, collection: 'meeting_opinions', minimize: false },
  );
  opinion.index({ meetingId: 1, userId: 1 }, { unique: true });
  opinion.index({ meetingId: 1, createdAt: 1, _id: 1 });
  opinion.index({ noticeDue: 1 }, { sparse: true });

  return {
    Application: conn.model<MeetingApplicationDoc>('MeetingApplication', application),
    State: conn.model<MeetingStateDoc>('MeetingState', state),
    Draw: conn.model<MeetingDrawDoc>('MeetingDraw', draw),
    Opinion: conn.model<MeetingOpinionDoc>('MeetingOpinion', opinion),
  };
}

/** The associated data of an application's sealed name: binds it to that application. */
export function applicationNameAad(id: unknown): string {
  return fieldAad('meeting_applications', 'nameEnc', id);
}

/** The natural key of a category's draw record. */
export function drawKey(meetingId: string, category: ObserverCategory): string {
  return `${meetingId}:${category}`;
}
