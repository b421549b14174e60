import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { CommentState, Disposition, PrescreenFlag, RejectReason } from '@zwgk/contracts';
import { fieldAad } from '../../core/crypto';

/** A decided disposition: what, why, when, by whom. */
export interface DispositionRecord {
  value: Disposition;
  reason: string | null;
  at: Date;
  by: string;
}

/**
 * A citizen's comment on a consultation (ours, not the portal's). Created once per
 * {userId, idempotencyKey}; every state change is a conditional update with the expected
 * state in the filter.
 */
export interface CommentDoc {
  _id: Types.ObjectId;
  consultationId: string;
  userId: Types.ObjectId;
  idempotencyKey: string;
  /** 1-based article order; null for the draft as a whole. */
  articleNo: number | null;
  articleLabel: string | null;
  text: string;
  /** Sealed with context.cipher, bound to this comment (commentAad). */
  realNameEnc: string | null;
  /** The masked form (张**), kept so public lists need not open the sealed name. */
  nameMasked: string | null;
  contactConsent: boolean;
  state: CommentState;
  flags: PrescreenFlag[];
  /** Whether the pre-screen flagged anything (queried; the flags say what). */
  flagged: boolean;
  rejectReason: RejectReason | null;
  rejectNote: string | null;
  moderatedBy: string | null;
  moderatedAt: Date | null;
  approvedAt: Date | null;
  withdrawnAt: Date | null;
  disposition: DispositionRecord | null;
  pointId: Types.ObjectId | null;
  /** A notice the author is still to be told (`rejected`, `outcome`); cleared once notify has stored it. */
  noticeDue: 'rejected' | 'outcome' | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A 意见要点: comments that say the same thing, disposed of together. */
export interface PointDoc {
  _id: Types.ObjectId;
  consultationId: string;
  title: string;
  disposition: DispositionRecord | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A published adoption report: the generated figures frozen at publication, one per
 * consultation (upsert on consultationId). `noticesQueuedAt` marks that every approved comment
 * has been given its outcome notice (resumable after a crash).
 */
export interface ReportDoc {
  _id: Types.ObjectId;
  consultationId: string;
  report: unknown;
  publishedAt: Date;
  publishedBy: string;
  noticesQueuedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ConsultationModels {
  Comment: Model<CommentDoc>;
  Point: Model<PointDoc>;
  Report: Model<ReportDoc>;
}

export function consultationModels(conn: Connection): ConsultationModels {
  if (conn.models.ConsultationComment) {
    return {
      Comment: conn.models.ConsultationComment as Model<CommentDoc>,
      Point: conn.models.ConsultationPoint as Model<PointDoc>,
      Report: conn.models.ConsultationReport as Model<ReportDoc>,
    };
  }
  const comment = new Schema<CommentDoc>(
    {
      consultationId: { type: String, required: true },
      userId: { type: Schema.Types.ObjectId, required: true },
      idempotencyKey: { type: String, required: true },
      articleNo: { type: Number, default: null },
      articleLabel: { type: String, default: null },
      text: { type: String, required: true },
      realNameEnc: { type: String, default: null },
      nameMasked: { type: String, default: null },
      contactConsent: { type: Boolean, default: false },
      state: { type: String, required: true },
      flags: { type: [String], default: [] },
      flagged: { type: Boolean, default: false },
      rejectReason: { type: String, default: null },
      rejectNote: { type: String, default: null },
      moderatedBy: { type: String, default: null },
      moderatedAt: { type: Date, default: null },
      approvedAt: { type: Date, default: null },
      withdrawnAt: { type: Date, default: null },
      disposition: { type: Schema.Types.Mixed, default: null },
      pointId: { type: Schema.Types.ObjectId, default: null },
      noticeDue: { type: String, default: null },
    },
    { timestamps: true, collection: 'consultation_comments', minimize: false },
  );
  // Uniqueness comes from the upsert on the key; the index guards it on a real MongoDB.
  comment.index({ userId: 1, idempotencyKey: 1 }, { unique: true });
  // The moderation queue (oldest first, across consultations or within one).
  comment.index({ state: 1, createdAt: 1, _id: 1 });
  comment.index({ consultationId: 1, state: 1, createdAt: 1, _id: 1 });
  // The public list, per article or all, newest published first.
  comment.index({ consultationId: 1, state: 1, articleNo: 1, approvedAt: -1, _id: -1 });
  comment.index({ consultationId: 1, state: 1, approvedAt: -1, _id: -1 });
  comment.index({ consultationId: 1, pointId: 1 });
  comment.index({ userId: 1, createdAt: -1 });
  comment.index({ noticeDue: 1 }, { sparse: true });

  const point = new Schema<PointDoc>(
    {
      consultationId: { type: String, required: true, index: true },
      title: { type: String, required: true },
      disposition: { type: Schema.Types.Mixed, default: null },
      createdBy: { type: String, required: true },
    },
    { timestamps: true, collection: 'consultation_points', minimize: false },
  );

  const report = new Schema<ReportDoc>(
    {
      consultationId: { type: String, required: true },
      report: { type: Schema.Types.Mixed, required: true },
      publishedAt: { type: Date, required: true },
      publishedBy: { type: String, required: true },
      noticesQueuedAt: { type: Date, default: null },
    },
    { timestamps: true, collection: 'consultation_reports', minimize: false },
  );
  report.index({ consultationId: 1 }, { unique: true });
  report.index({ noticesQueuedAt: 1 });

  return {
    Comment: conn.model<CommentDoc>('ConsultationComment', comment),
    Point: conn.model<PointDoc>('ConsultationPoint', point),
    Report: conn.model<ReportDoc>('ConsultationReport', report),
  };
}

/** The associated data of a comment's sealed real name: binds it to that comment. */
export function commentAad(id: unknown): string {
  return fieldAad('consultation_comments', 'realNameEnc', id);
}
