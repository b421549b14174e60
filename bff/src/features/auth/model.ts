import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { fieldAad } from '../../core/crypto';

export interface UserDoc {
  _id: Types.ObjectId;
  openid: string;
  unionid?: string | null;
  roles: string[];
  /** Phone number, AES-GCM sealed (core/crypto); never stored in clear. */
  phoneEnc?: string | null;
  /** Keyed hash of the phone number, for lookups without decrypting. */
  phoneIndex?: string | null;
  /** Nickname the citizen chose, AES-GCM sealed like the phone number; only its owner sees it. */
  nicknameEnc?: string | null;
  /**
   * When the citizen deleted their account: the record stays only as the anonymous owner of
   * their erased hotline requests (openid replaced, personal fields cleared).
   */
  erasedAt?: Date | null;
  lastLoginAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** One login session: its refresh tokens rotate; reusing an old one revokes the whole family. */
export interface SessionFamilyDoc {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  currentTokenId: string;
  revokedAt: Date | null;
  revokedReason?: string | null;
  expiresAt: Date;
  rotatedAt?: Date | null;
  createdAt: Date;
}

export interface AuthModels {
  User: Model<UserDoc>;
  SessionFamily: Model<SessionFamilyDoc>;
}

export function authModels(conn: Connection): AuthModels {
  const user = new Schema<UserDoc>(
    {
      openid: { type: String, required: true },
      unionid: { type: String, default: null },
      roles: { type: [String], default: ['citizen'] },
      phoneEnc: { type: String, default: null },
      phoneIndex: { type: String, default: null },
      nicknameEnc: { type: String, default: null },
      erasedAt: { type: Date, default: null },
      lastLoginAt: { type: Date, required: true },
    },
    { timestamps: true, collection: 'users' },
  );
  // Upsert by openid is what keeps users unique; the index guards it on a real MongoDB.
  user.index({ openid: 1 }, { unique: true });
  user.index({ phoneIndex: 1 }, { sparse: true });

  const family = new Schema<SessionFamilyDoc>(
    {
      userId: { type: Schema.Types.ObjectId, required: true, index: true },
      currentTokenId: { type: String, required: true },
      revokedAt: { type: Date, default: null },
      revokedReason: { type: String, default: null },
      expiresAt: { type: Date, required: true },
      rotatedAt: { type: Date, default: null },
    },
    { timestamps: { createdAt: true, updatedAt: false }, collection: 'session_families' },
  );

  return {
    User: (conn.models.User as Model<UserDoc>) ?? conn.model<UserDoc>('User', user),
    SessionFamily: (conn.models.SessionFamily as Model<SessionFamilyDoc>) ?? conn.model<SessionFamilyDoc>('SessionFamily', family),
  };
}

/** The associated data of a user's sealed field (core/crypto `fieldAad`): binds it to that user. */
export function userAad(field: 'phoneEnc' | 'nicknameEnc', id: unknown): string {
  return fieldAad('users', field, id);
}
