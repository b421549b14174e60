import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { HotlineRatingValue, HotlineStatus, HotlineTicketType } from '@zwgk/contracts';
import { fieldAad } from '../../core/crypto';

/** Where the matter is: an address and, when picked on a map, coordinates. */
export interface TicketLocation {
  address: string;
  lat: number | null;
  lng: number | null;
}

/** One entry of a ticket's progress. `pos` is the case system's timeline position (ours: 0). */
export interface TimelineEntry {
  pos: number;
  status: HotlineStatus;
  at: Date;
  department: string | null;
  note: string;
}

/**
 * A citizen's submission. The document is its own outbox item: `forward.*` says whether the
 * case system has it yet, and the forwarder claims it by moving `forward.nextAttemptAt`
 * forward (a lease) in one conditional update.
 */
export interface TicketDoc {
  _id: Types.ObjectId;
  trackingNo: string;
  userId: Types.ObjectId;
  /** The citizen's Idempotency-Key; unique per user (upsert on {userId, idempotencyKey}). */
  idempotencyKey: string;
  type: HotlineTicketType;
  title: string;
  /** Empty on tickets stored since the text is sealed (`descriptionEnc`); kept for older ones. */
  description: string;
  /** Sealed with context.cipher: the citizen's account of the matter. */
  descriptionEnc?: string | null;
  /** Null on tickets stored since the place is sealed (`locationEnc`, JSON); kept for older ones. */
  location: TicketLocation | null;
  locationEnc?: string | null;
  photoIds: Types.ObjectId[];
  /** MIME type of each photo, in photoIds order. */
  photoMimes: string[];
  /** Sealed with context.cipher; null when not given. */
  contactPhoneEnc: string | null;
  contactNameEnc: string | null;
  contactAllowed: boolean;
  anonymous: boolean;
  submittedAt: Date;
  forward: {
    /** `failed`: the case system refused it (or it kept failing); staff re-queue it by hand. */
    state: 'pending' | 'delivered' | 'failed' | 'withdrawn';
    attempts: number;
    /** Due time of the next attempt; while claimed, the end of the lease. */
    nextAttemptAt: Date;
    leaseId: string | null;
    lastError: string | null;
    deliveredAt: Date | null;
    /** When it was given up on (state `failed`). */
    failedAt?: Date | null;
    /** How often staff re-queued it (names each give-up's notice). */
    requeues?: number;
  };
  caseTicketNo: string | null;
  status: HotlineStatus;
  department: string | null;
  timeline: TimelineEntry[];
  acceptedAt: Date | null;
  /** First 办结: decides whether the ticket was handled on time. */
  firstClosedAt: Date | null;
  dueAt: Date | null;
  rating: { rating: HotlineRatingValue; comment: string | null; ratedAt: Date; reopenRequested: boolean } | null;
  /** Optimistic-concurrency revision of the timeline/status fields. */
  rev: number;
  /** When its personal data was erased at the end of the retention period (HOTLINE_RETENTION_DAYS). */
  erasedAt?: Date | null;

  updatedAt: Date;
  createdAt: Date;
}

/** A photo uploaded for a submission, stored as binary and served only to its owner and staff. */
export interface PhotoDoc {
  _id: Types.ObjectId;
  ownerId: Types.ObjectId;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  size: number;
  /** With `sealed`, the bytes encrypted with context.cipher.encryptBytes (metadata stripped first). */
  data: Buffer;
  sealed?: boolean;
  createdAt: Date;
}

/** A status event for a case ticket we have not mapped yet (it raced our own acceptance). */
export interface ParkedEventDoc {
  _id: Types.ObjectId;
  eventId: string;
  ticketNo: string;
  status: string;
  at: Date;
  department: string | null;
  note: string;
  createdAt: Date;
}

export interface HotlineModels {
  Ticket: Model<TicketDoc>;
  Photo: Model<PhotoDoc>;
  ParkedEvent: Model<ParkedEventDoc>;
}

/** Mongoose models of the hotline feature on `conn`. */
export function hotlineModels(conn: Connection): HotlineModels {
  const timeline = new Schema<TimelineEntry>(
    {
      pos: { type: Number, required: true },
      status: { type: String, required: true },
      at: { type: Date, required: true },
      department: { type: String, default: null },
      note: { type: String, default: '' },
    },
    { _id: false },
  );
  const ticket = new Schema<TicketDoc>(
    {
      trackingNo: { type: String, required: true },
      userId: { type: Schema.Types.ObjectId, required: true },
      idempotencyKey: { type: String, required: true },
      type: { type: String, required: true },
      title: { type: String, required: true },
      description: { type: String, default: '' },
      descriptionEnc: { type: String, default: null },
      location: { type: Schema.Types.Mixed, default: null },
      locationEnc: { type: String, default: null },
      photoIds: { type: [Schema.Types.ObjectId], default: [] },
      photoMimes: { type: [String], default: [] },
      contactPhoneEnc: { type: String, default: null },
      contactNameEnc: { type: String, default: null },
      contactAllowed: { type: Boolean, required: true },
      anonymous: { type: Boolean, required: true },
      submittedAt: { type: Date, required: true },
      forward: {
        state: { type: String, required: true },
        attempts: { type: Number, default: 0 },
        nextAttemptAt: { type: Date, required: true },
        leaseId: { type: String, default: null },
        lastError: { type: String, default: null },
        deliveredAt: { type: Date, default: null },
        failedAt: { type: Date, default: null },
        requeues: { type: Number, default: 0 },
      },
      caseTicketNo: { type: String, default: null },
      status: { type: String, required: true },
      department: { type: String, default: null },
      timeline: { type: [timeline], default: [] },
      acceptedAt: { type: Date, default: null },
      firstClosedAt: { type: Date, default: null },
      dueAt: { type: Date, default: null },
      rating: { type: Schema.Types.Mixed, default: null },
      rev: { type: Number, default: 0 },
      erasedAt: { type: Date, default: null },
    },
    { timestamps: true, collection: 'hotline_tickets' },
  );
  // Uniqueness comes from upserts on these natural keys; the indexes guard it on a real MongoDB.
  ticket.index({ userId: 1, idempotencyKey: 1 }, { unique: true });
  ticket.index({ trackingNo: 1 }, { unique: true });
  ticket.index({ caseTicketNo: 1 }, { sparse: true });
  ticket.index({ 'forward.state': 1, 'forward.nextAttemptAt': 1 });
  ticket.index({ userId: 1, submittedAt: -1 });
  ticket.index({ photoIds: 1 });
  ticket.index({ erasedAt: 1, submittedAt: 1 });

  const photo = new Schema<PhotoDoc>(
    {
      ownerId: { type: Schema.Types.ObjectId, required: true, index: true },
      mime: { type: String, required: true },
      size: { type: Number, required: true },
      data: { type: Buffer, required: true },
      sealed: { type: Boolean, default: false },
    },
    { timestamps: { createdAt: true, updatedAt: false }, collection: 'hotline_photos' },
  );
  photo.index({ ownerId: 1, createdAt: 1 });
  photo.index({ createdAt: 1 });

  const parked = new Schema<ParkedEventDoc>(
    {
      eventId: { type: String, required: true },
      ticketNo: { type: String, required: true, index: true },
      status: { type: String, required: true },
      at: { type: Date, required: true },
      department: { type: String, default: null },
      note: { type: String, default: '' },
    },
    { timestamps: { createdAt: true, updatedAt: false }, collection: 'hotline_parked_events' },
  );
  parked.index({ eventId: 1 }, { unique: true });

  return {
    Ticket: (conn.models.HotlineTicket as Model<TicketDoc>) ?? conn.model<TicketDoc>('HotlineTicket', ticket),
    Photo: (conn.models.HotlinePhoto as Model<PhotoDoc>) ?? conn.model<PhotoDoc>('HotlinePhoto', photo),
    ParkedEvent: (conn.models.HotlineParkedEvent as Model<ParkedEventDoc>) ?? conn.model<ParkedEventDoc>('HotlineParkedEvent', parked),
  };
}

/** The associated data of a ticket's sealed field (core/crypto `fieldAad`): binds it to that ticket. */
export function ticketAad(field: 'descriptionEnc' | 'locationEnc' | 'contactPhoneEnc' | 'contactNameEnc', id: unknown): string {
  return fieldAad('hotline_tickets', field, id);
}

/** The associated data of a photo's sealed bytes. */
export function photoAad(id: unknown): string {
  return fieldAad('hotline_photos', 'data', id);
}
