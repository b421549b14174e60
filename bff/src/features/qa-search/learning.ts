import { Schema, type Connection, type Model } from 'mongoose';
import type { Logger } from '../../core/logger';

/**
 * Learning from use: what citizens do after a search — open a result, vote "这个回答有帮助吗" —
 * becomes query → Q&A associations that lift those answers for similar queries.
 *
 * Why it cannot be gamed by one person: a signal's key is (citizen, query, Q&A), so repeating
 * a vote or an open replaces it instead of adding; when a query is scored, each citizen counts
 * once per Q&A (their strongest signal across all similar queries), so paraphrasing the same
 * query many times adds nothing; and each citizen records at most `perUserPerDay` new signals a
 * day. Signals decay with a half-life, and the sum over citizens saturates, so a handful of
 * people can lift an answer, never make it win on their own against strong text evidence.
 */
export const LEARNING = {
  /** Signal weight by kind: a helpful vote is the strongest, an open a weak hint, an unhelpful vote pushes down. */
  weights: { helpful: 1, opened: 0.3, unhelpful: -1 } as Record<SignalKind, number>,
  halfLifeDays: 30,
  /** Signals older than this many half-lives are not loaded (under 7 % of their weight). */
  horizonHalfLives: 4,
  perUserPerDay: 30,
  /** Summed weight s over citizens becomes a lift of sign(s)·(1 − e^(−|s|/saturation)). */
  saturation: 3,
  /** Stored queries at least this similar (weighted Jaccard of their concepts) lend their associations. */
  minSimilarity: 0.5,
};

export type SignalKind = 'helpful' | 'unhelpful' | 'opened';

export interface SignalDoc {
  /** `${userKey}|${queryKey}|${qaId}`: one signal per citizen, query and Q&A (the upsert's natural key). */
  key: string;
  userKey: string;
  /** The query's concept keys (QaSearchEngine.queryKey), sorted. */
  terms: string[];
  qaId: string;
  kind: SignalKind;
  at: Date;
}

/** One citizen's count of new signals on one day; `key` `${userKey}|${day}`. */
interface QuotaDoc {
  key: string;
  n: number;
  expiresAt: Date;
}

export function learningModels(conn: Connection): { Signal: Model<SignalDoc>; Quota: Model<QuotaDoc> } {
  const signal = new Schema<SignalDoc>(
    { key: { type: String, required: true }, userKey: String, terms: [String], qaId: String, kind: String, at: Date },
    { collection: 'qa_search_signals', versionKey: false },
  );
  // The embedded database has no unique indexes: upserts on `key` keep it unique there; the index guards it on a real MongoDB.
  signal.index({ key: 1 }, { unique: true });
  signal.index({ at: 1 });
  const quota = new Schema<QuotaDoc>({ key: { type: String, required: true }, n: Number, expiresAt: Date }, { collection: 'qa_search_quota', versionKey: false });
  quota.index({ key: 1 }, { unique: true });
  quota.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
  return {
    Signal: (conn.models.QaSearchSignal as Model<SignalDoc>) ?? conn.model<SignalDoc>('QaSearchSignal', signal),
    Quota: (conn.models.QaSearchQuota as Model<QuotaDoc>) ?? conn.model<QuotaDoc>('QaSearchQuota', quota),
  };
}

interface Held {
  userKey: string;
  qaId: string;
  weight: number;
  at: number;
}

/**
 * The associations in memory, by query: which stored queries share a concept with a new one
 * (an inverted index over concept keys), and their signals. Pure; the store below feeds it.
 */
export class Associations {
  private readonly byQuery = new Map<string, { terms: string[]; signals: Map<string, Held> }>();
  private readonly byTerm = new Map<string, Set<string>>();

  constructor(private readonly now: () => number = Date.now) {}

  get size(): number {
    let n = 0;
    for (const q of this.byQuery.values()) n += q.signals.size;
    return n;
  }

  /** Adds or replaces the signal of (citizen, query, Q&A). */
  put(userKey: string, terms: string[], qaId: string, kind: SignalKind, at: number): void {
    if (!terms.length) return;
    const key = terms.join('|');
    let q = this.byQuery.get(key);
    if (!q) {
      this.byQuery.set(key, (q = { terms, signals: new Map() }));
      for (const t of terms) {
        let s = this.byTerm.get(t);
        if (!s) this.byTerm.set(t, (s = new Set()));
        s.add(key);
      }
    }
    q.signals.set(`${userKey}|${qaId}`, { userKey, qaId, weight: LEARNING.weights[kind], at });
  }

  /**
   * Lift per Q&A id in [−1, 1] for a query with these concept keys: over stored queries at
   * least `minSimilarity` alike, each citizen's strongest decayed signal per Q&A (× similarity),
   * summed over citizens and saturated. `votesOnly`: from votes alone, leaving out opened
   * results (what the search's confidence may rest on: citizens also open results of questions
   * nothing answers).
   */
  lift(terms: string[], votesOnly = false): Map<string, number> {
    const out = new Map<string, number>();
    if (!terms.length || !this.byQuery.size) return out;
    const mine = new Set(terms);
    const candidates = new Set<string>();
    for (const t of terms) for (const k of this.byTerm.get(t) ?? []) candidates.add(k);
    const now = this.now();
    const halfLife = LEARNING.halfLifeDays * 86_400_000;
    // qaId → citizen → strongest signal (by magnitude).
    const per = new Map<string, Map<string, number>>();
    for (const key of candidates) {
      const q = this.byQuery.get(key)!;
      let shared = 0;
      for (const t of q.terms) if (mine.has(t)) shared++;
      const sim = shared / (mine.size + q.terms.length - shared);
      if (sim < LEARNING.minSimilarity) continue;
      for (const s of q.signals.values()) {
        if (votesOnly && s.weight === LEARNING.weights.opened) continue;
        const w = sim * s.weight * Math.pow(0.5, Math.max(0, now - s.at) / halfLife);
        let users = per.get(s.qaId);
        if (!users) per.set(s.qaId, (users = new Map()));
        const old = users.get(s.userKey);
        if (old === undefined || Math.abs(w) > Math.abs(old)) users.set(s.userKey, w);
      }
    }
    for (const [qaId, users] of per) {
      let sum = 0;
      for (const w of users.values()) sum += w;
      if (sum !== 0) out.set(qaId, Math.sign(sum) * (1 - Math.exp(-Math.abs(sum) / LEARNING.saturation)));
    }
    return out;
  }
}

/**
 * The signals in MongoDB (natural-key upserts: a repeated signal replaces, never adds) and
 * the associations built from them, reloaded on every `refresh` so every BFF instance learns
 * from the signals any instance recorded.
 */
export class LearningStore {
  private assoc: Associations;
  private readonly models: ReturnType<typeof learningModels>;

  constructor(
    mongo: Connection,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.models = learningModels(mongo);
    this.assoc = new Associations(() => this.now().getTime());
  }

  /** The lift per Q&A for a query's concept keys (see Associations.lift). */
  lift(terms: string[], votesOnly = false): Map<string, number> {
    return this.assoc.lift(terms, votesOnly);
  }

  /**
   * Records one signal of citizen `userKey`. Outcomes: true when counted (new, or replacing
   * that citizen's earlier signal for the same query and Q&A); false when the citizen already
   * recorded `perUserPerDay` new signals today, or the query has no searchable concept.
   * Errors: database errors propagate.
   */
  async record(userKey: string, terms: string[], qaId: string, kind: SignalKind): Promise<boolean> {
    if (!terms.length) return false;
    const { Signal } = this.models;
    const at = this.now();
    const key = `${userKey}|${terms.join('|')}|${qaId}`;
    const existing = await Signal.exists({ key });
    if (!existing && !(await this.takeQuota(userKey, at))) return false;
    await Signal.updateOne({ key }, { $set: { userKey, terms, qaId, kind, at } }, { upsert: true });
    this.assoc.put(userKey, terms, qaId, kind, at.getTime());
    return true;
  }

  /**
   * One new signal off the citizen's daily quota: the day's counter is created by an upsert
   * that changes nothing once it exists, then taken by a conditional increment (n below the
   * cap in the filter), atomic per document, so concurrent signals never exceed the cap.
   */
  private async takeQuota(userKey: string, at: Date): Promise<boolean> {
    const { Quota } = this.models;
    const key = `${userKey}|${at.toISOString().slice(0, 10)}`;
    await Quota.updateOne({ key }, { $setOnInsert: { key, n: 0, expiresAt: new Date(at.getTime() + 2 * 86_400_000) } }, { upsert: true });
    const doc = await Quota.findOneAndUpdate({ key, n: { $lt: LEARNING.perUserPerDay } }, { $inc: { n: 1 } }, { new: true });
    return !!doc;
  }

  /** Reloads the associations from the signals within the horizon. A failure keeps the current ones. */
  async refresh(): Promise<void> {
    try {
      const since = new Date(this.now().getTime() - LEARNING.horizonHalfLives * LEARNING.halfLifeDays * 86_400_000);
      const rows = await this.models.Signal.find({ at: { $gte: since } }).lean();
      const next = new Associations(() => this.now().getTime());
      for (const r of rows) next.put(r.userKey, r.terms, r.qaId, r.kind, new Date(r.at).getTime());
      this.assoc = next;
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'search learning signals could not be reloaded; keeping the last ones');
    }
  }
}
