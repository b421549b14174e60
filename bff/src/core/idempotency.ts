import { Types, type Model } from 'mongoose';

function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number })?.code === 11000;
}

/**
 * The create half of `Idempotency-Key` handling (the route half is the contract's
 * `headers: IdempotencyHeaders`, which mount validates, and the `Keyed` answer, which mount
 * replays with `Idempotent-Replayed: true`): stores one record per natural key, e.g.
 * `{userId, idempotencyKey}` or `{sessionId, userId}`.
 *
 * One upsert with `$setOnInsert`: of two racing requests with one key, one inserts and both
 * read the same record. The record's `_id` is made here, so `created` is whether the stored
 * record is ours. A duplicate-key error (a racing insert on a real MongoDB's unique index,
 * or another unique field such as a random number being taken) reads the winner by the key;
 * when there is none, `fresh` is asked again (attempt 1, 2) for new values. `fresh` is told the
 * record's `_id`, so fields sealed with `fieldAad` can be bound to it. Uses the driver
 * directly: on the acknowledgement path, mongoose's casting costs more than the write, so
 * `fresh` must already hold stored types (ObjectIds, Dates).
 */
export async function createOnce<D>(
  model: Model<D>,
  key: Record<string, unknown>,
  fresh: (attempt: number, id: Types.ObjectId) => Record<string, unknown>,
  now: Date,
): Promise<{ doc: D; created: boolean }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const _id = new Types.ObjectId();
    try {
      const doc = await model.collection.findOneAndUpdate(
        key,
        { $setOnInsert: { ...fresh(attempt, _id), ...key, _id, createdAt: now, updatedAt: now } },
        { upsert: true, returnDocument: 'after' },
      );
      if (doc) return { doc: doc as unknown as D, created: String(doc._id) === String(_id) };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const winner = await model.findOne(key).lean<D>();
      if (winner) return { doc: winner, created: false };
    }
  }
  throw new Error('keyed create did not settle after 3 attempts');
}
