import { Schema, type Connection, type Model, type Types } from 'mongoose';

/** One citizen's answer to "这个回答有帮助吗" for one Q&A; changeable, never duplicated. */
export interface QaVoteDoc {
  _id: Types.ObjectId;
  qaId: string;
  userId: string;
  vote: 'helpful' | 'unhelpful';
  createdAt: Date;
  updatedAt: Date;
}

/** Per-Q&A counters that are not derived from other documents (views). */
export interface QaStatsDoc {
  _id: Types.ObjectId;
  qaId: string;
  views: number;
}

export interface QaModels {
  QaVote: Model<QaVoteDoc>;
  QaStats: Model<QaStatsDoc>;
}

export function qaModels(conn: Connection): QaModels {
  const vote = new Schema<QaVoteDoc>(
    {
      qaId: { type: String, required: true },
      userId: { type: String, required: true },
      vote: { type: String, enum: ['helpful', 'unhelpful'], required: true },
    },
    { timestamps: true, collection: 'qa_votes' },
  );
  // Upsert on {qaId, userId} keeps one vote per citizen; the index guards it on a real MongoDB.
  vote.index({ qaId: 1, userId: 1 }, { unique: true });

  const stats = new Schema<QaStatsDoc>({ qaId: { type: String, required: true }, views: { type: Number, default: 0 } }, { collection: 'qa_stats' });
  stats.index({ qaId: 1 }, { unique: true });
  stats.index({ views: -1 });

  return {
    QaVote: (conn.models.QaVote as Model<QaVoteDoc>) ?? conn.model<QaVoteDoc>('QaVote', vote),
    QaStats: (conn.models.QaStats as Model<QaStatsDoc>) ?? conn.model<QaStatsDoc>('QaStats', stats),
  };
}
