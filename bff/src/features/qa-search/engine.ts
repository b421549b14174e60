import colloquialData from './colloquial.json';
import dictionaryData from './dictionary.json';
import synonymData from './synonyms.json';
import { addWords, asks, fuzzyPinyin, isHan, isWordChar, normalize, normalizeAligned, PARTICLES, segmenter, STOP_WORDS, stripFiller } from './normalize';

/** One Q&A of the knowledge base, as the engine indexes it. */
export interface QaDoc {
  id: string;
  question: string;
  answer: string;
  policyId?: string | null;
  topics: string[];
  /** Text of what the entry links to (its policy, its interpretation's key terms…), see context.ts; searched at `contextWeight`. */
  context?: string;
}

/** `[start, end)` UTF-16 ranges into the original question / answer. */
export type Ranges = Array<[number, number]>;

export interface QaHit {
  doc: QaDoc;
  /** Relevance in [0, 1]: the share of the query's weighted terms the entry covers. */
  score: number;
  highlights: { question: Ranges; answer: Ranges };
}

export interface QaSearchResult {
  hits: QaHit[];
  /** False when nothing fits well enough to be shown as an answer. */
  confident: boolean;
  /** Share of the query's word weight the top hit covers (see EngineOptions.minCoverage). */
  coverage?: number;
  /** The top hit's score on the query's terms and votes alone: what `confident` compares with confidentScore. */
  confidence?: number;
}

/** Scoring knobs; the defaults were tuned on the dev split of bench/search-eval (see bench/search-quality.mjs). */
export interface EngineOptions {
  /** Share of the score from each channel: whole words, character bigrams of the question, pinyin of those bigrams. */
  channelWeights: [number, number, number];
  /**
   * Extra weight of the character channel: single characters the citizen typed as a word of
   * their own (车, 钱, 房), matched against the characters of the question, by IDF.
   */
  unigramWeight: number;
  /**
   * Extra weight of the context channel: the words of the linked policy and interpretation
   * (QaDoc.context), matched with the query's word concepts.
   */
  contextWeight: number;
  /**
   * Evidence added when the entry's question asks for the same kind of thing as the query
   * (how to, how much, how long, whether, what, who: see normalize.ts `asks`), scaled by the
   * share of the query's kinds it shares; only for entries that match on some term.
   */
  askWeight: number;
  /**
   * Evidence from learning (learning.ts): a Q&A citizens found helpful for similar queries gets
   * learnWeight × its lift in [−1, 1] (an entry with no matching term too).
   */
  learnWeight: number;
  /** BM25F field weights of the word channel: question, answer. */
  questionWeight: number;
  answerWeight: number;
  k1: number;
  b: number;
  /** The score is 1 − exp(−evidence); evidence is the matched IDF mass relative to `evidenceScale` very rare words. */
  evidenceScale: number;
  /**
   * Query-side IDF emphasis: each query term counts idf × (idf / idf of the rarest possible
   * term)^idfPower, so a long story's frequent words (家里, 现在, 申请) weigh less than its rare ones.
   */
  idfPower: number;
  /** Weight of a word of the same sense in the general dictionary (dictionary.json), relative to the word typed; 0: off. */
  dictionaryWeight: number;
  /** Which typed words get dictionary senses: only those the index does not know, or all. */
  dictionaryScope: 'unknown' | 'all';
  /** Weight of a synonym relative to the word the citizen typed. */
  synonymWeight: number;
  /** Weight of an official term reached from a colloquial word (colloquial.json). */
  colloquialWeight: number;
  /** The top hit must score this much for the answer to count as confident. */
  confidentScore: number;
  /**
   * …and cover this share of the query's word weight (IDF): a query whose rarest words the
   * entry does not have at all (考驾照 in 考驾照要多少钱) is not answered by it, however well
   * the rest matches. 0 (off) by default: on dev it declined more answerable colloquial and
   * long queries than no-answer ones it caught.
   */
  minCoverage: number;
  /**
   * How much coverage tempers the confidence: the top score × (1 − β + β × coverage) is what
   * confidentScore is compared with. A query whose rare words the entry lacks (公积金 in
   * 公积金怎么提取, matched on 提取 alone) then is not answered by it.
   */
  coverageBlend: number;
  /** Weight of the pseudo-relevance feedback terms relative to a typed word (0: off). */
  prfWeight: number;
  /** Feedback is taken from this many top entries… */
  prfDocs: number;
  /** …and this many terms, each in fewer entries than an IDF of this share of the rarest term's. */
  prfTerms: number;
  prfMinIdf: number;
  /** Hits below this score are never shown. */
  minScore: number;
  /** Hits below this share of the top score are not shown. */
  relativeCut: number;
}

export const DEFAULT_OPTIONS: EngineOptions = {
  channelWeights: [0.6, 0.25, 0.15],
  unigramWeight: 0.3,
  contextWeight: 0.5,
  askWeight: 0.1,
  learnWeight: 0.3,
  questionWeight: 3,
  answerWeight: 1,
  k1: 1.2,
  b: 0.75,
  evidenceScale: 0.4,
  idfPower: 1,
  dictionaryWeight: 0.6,
  dictionaryScope: 'all',
  synonymWeight: 0.9,
  colloquialWeight: 0.85,
  confidentScore: 0.4,
  minCoverage: 0,
  coverageBlend: 0.5,
  prfWeight: 0,
  prfDocs: 3,
  prfTerms: 8,
  prfMinIdf: 0.3,
  minScore: 0.325,
  relativeCut: 0.4,
};

interface SynonymGroup {
  terms: string[];
}

const WORD = 0;
const BIGRAM = 1;
const PINYIN = 2;
const UNIGRAM = 3;
const CONTEXT = 4;
const CHANNELS = 5;
/**
 * Query terms whose IDF is under this share of the rarest possible term's are not scored: at
 * 100k entries, terms found in more than ~40 % of them; in an index of a few hundred, none.
 */
const SKIP_IDF = 0.1;
/** Dictionary senses in more entries than this (or 2 % of them) are not scanned. */
const LOOSE_MAX_DF = 500;

interface Concept {
  /**
   * Alternatives (the typed word and its synonyms) with their weights; a doc scores its best
   * one. `loose`: a dictionary sense, which may match but does not set the concept's IDF.
   */
  alts: Array<{ term: string; weight: number; loose?: boolean }>;
}

interface QueryPlan {
  /** Concepts per channel: words, bigrams, pinyin bigrams, single characters, context words. */
  channels: Concept[][];
  /** Normalized words worth highlighting (typed words and their synonyms). */
  highlightWords: string[];
  bigrams: Set<string>;
  pinyins: Set<string>;
  /** What the query asks for (normalize.ts `asks`). */
  asks: number;
  /** Learned lift per Q&A id for this query (learning.ts), when the caller has one. */
  lift?: Map<string, number>;
}

let synonymGroups: string[][] | null = null;
/** The synonym groups from synonyms.json, normalized; their terms are taught to the segmenter. */
export function loadSynonyms(groups: SynonymGroup[] = (synonymData as { groups: SynonymGroup[] }).groups): string[][] {
  const out = groups.map((g) => [...new Set(g.terms.map((t) => normalize(t).trim()).filter((t) => t.length > 1))]).filter((g) => g.length > 1);
  addWords(out.flat());
  return out;
}

/** Word tokens of a normalized text (search-mode segmentation, stop words dropped). */
function words(text: string): string[] {
  const out: string[] = [];
  for (const t of segmenter().cutForSearch(text, true)) {
    if (STOP_WORDS.has(t)) continue;
    let ok = true;
    for (let i = 0; i < t.length; i++) if (!isWordChar(t[i])) ok = false;
    if (ok) out.push(t);
  }
  return out;
}

/** Adjacent ideograph pairs (no particles), with their fuzzy-pinyin keys; `skip` masks positions to leave out. */
function bigrams(text: string, skip?: Uint8Array): { bi: string[]; py: string[] } {
  const bi: string[] = [];
  const py: string[] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    const a = text[i];
    const c = text[i + 1];
    if (!isHan(a) || !isHan(c) || PARTICLES.has(a) || PARTICLES.has(c)) continue;
    if (skip && (skip[i] || skip[i + 1])) continue;
    bi.push(a + c);
    py.push(fuzzyPinyin(a) + fuzzyPinyin(c) + '|');
  }
  return { bi, py };
}

/** Marks the positions of stop words and punctuation (from an accurate-mode cut) so bigrams skip them. */
function stopMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  let pos = 0;
  for (const t of segmenter().cut(text, true)) {
    const at = text.startsWith(t, pos) ? pos : text.indexOf(t, pos);
    if (at < 0) continue;
    if (STOP_WORDS.has(t)) mask.fill(1, at, at + t.length);
    pos = at + t.length;
  }
  for (let i = 0; i < text.length; i++) if (!isWordChar(text[i])) mask[i] = 1;
  return mask;
}

/** Toneless fuzzy pinyin of a word, the key under which homophone typos meet the real word. */
function pinyinKey(word: string): string {
  let k = '';
  for (const ch of word) k += fuzzyPinyin(ch) + '|';
  return k;
}

function count(terms: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** Set bits of a byte (question kinds are bit flags, normalize.ts ASKS). */
const POPCOUNT = Uint8Array.from({ length: 256 }, (_, x) => {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
});

/** At most this many dictionary words join a typed word: more would be noise, and slow. */
const DICTIONARY_MAX = 4;
let senseIndex: Map<string, string[][]> | null = null;
/** Word → the dictionary's sense groups containing it, built once on first use (routes build it before listening). */
export function senseGroups(): Map<string, string[][]> {
  if (senseIndex) return senseIndex;
  senseIndex = new Map();
  for (const g of (dictionaryData as { groups: string[][] }).groups) for (const w of g) senseIndex.set(w, [...(senseIndex.get(w) ?? []), g]);
  return senseIndex;
}

interface ColloquialEntry {
  say: string[];
  means: string[];
}

let colloquialEntries: Array<{ say: string[]; means: string[] }> | null = null;
/** The colloquial → official vocabulary from colloquial.json, normalized; multi-character words are taught to the segmenter. */
export function loadColloquial(entries: ColloquialEntry[] = (colloquialData as { entries: ColloquialEntry[] }).entries): Array<{ say: string[]; means: string[] }> {
  const norm = (xs: string[]) => [...new Set(xs.map((t) => normalize(t).trim()).filter(Boolean))];
  const out = entries.map((e) => ({ say: norm(e.say), means: norm(e.means) })).filter((e) => e.say.length && e.means.length);
  addWords(out.flatMap((e) => [...e.say, ...e.means]));
  return out;
}

/** Single ideographs of a masked text that carry meaning: the character channel's terms. */
function unigrams(text: string, skip: Uint8Array): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) if (!skip[i] && isHan(text[i]) && !PARTICLES.has(text[i])) out.push(text[i]);
  return out;
}

/**
 * Growable posting list of one term: doc numbers ascending (documents are numbered in the
 * order they are added, so appending keeps it sorted) with raw term frequencies; BM25
 * saturation is computed at query time so that average lengths can change with every update.
 */
class Postings {
  docs = new Int32Array(2);
  tf = new Uint16Array(2);
  /** Word channel only: frequency in the answer (tf is the question's). */
  tfa: Uint16Array | null;
  n = 0;
  constructor(twoFields: boolean) {
    this.tfa = twoFields ? new Uint16Array(2) : null;
  }

  push(d: number, tf: number, tfa = 0): void {
    if (this.n === this.docs.length) {
      const cap = this.n * 2;
      const docs = new Int32Array(cap);
      docs.set(this.docs);
      this.docs = docs;
      const t = new Uint16Array(cap);
      t.set(this.tf);
      this.tf = t;
      if (this.tfa) {
        const a = new Uint16Array(cap);
        a.set(this.tfa);
        this.tfa = a;
      }
    }
    this.docs[this.n] = d;
    this.tf[this.n] = Math.min(65535, tf);
    if (this.tfa) this.tfa[this.n] = Math.min(65535, tfa);
    this.n++;
  }

  /** Drops spare capacity (after a full build: growth by doubling leaves up to half unused). */
  trim(): void {
    if (this.docs.length === this.n) return;
    this.docs = this.docs.slice(0, this.n);
    this.tf = this.tf.slice(0, this.n);
    if (this.tfa) this.tfa = this.tfa.slice(0, this.n);
  }

  /** True when doc `d` is in the list (binary search). */
  has(d: number): boolean {
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = this.docs[mid];
      if (x === d) return true;
      if (x < d) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Removes doc `d` (binary search); false when it is not in the list. */
  remove(d: number): boolean {
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = this.docs[mid];
      if (x === d) {
        this.docs.copyWithin(mid, mid + 1, this.n);
        this.tf.copyWithin(mid, mid + 1, this.n);
        this.tfa?.copyWithin(mid, mid + 1, this.n);
        this.n--;
        return true;
      }
      if (x < d) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

/** What one Q&A contributes to the index: term frequencies per channel and field lengths. */
interface Analysis {
  qw: Map<string, number>;
  aw: Map<string, number>;
  bi: Map<string, number>;
  py: Map<string, number>;
  uni: Map<string, number>;
  ctx: Map<string, number>;
  lq: number;
  la: number;
  lb: number;
  lu: number;
  lc: number;
}

function analyze(doc: QaDoc): Analysis {
  const q = normalize(doc.question);
  const a = normalize(`${doc.answer} ${doc.topics.join(' ')}`);
  const qWords = words(q);
  const aWords = words(a);
  const mask = stopMask(q);
  const { bi, py } = bigrams(q, mask);
  const uni = unigrams(q, mask);
  const cWords = doc.context ? words(normalize(doc.context)) : [];
  return { qw: count(qWords), aw: count(aWords), bi: count(bi), py: count(py), uni: count(uni), ctx: count(cWords), lq: qWords.length, la: aWords.length, lb: bi.length, lu: uni.length, lc: cWords.length };
}

/** Learned lift per Q&A id for a query's concept keys (learning.ts); `votesOnly` leaves out opened results. */
export type Learned = (key: string[], votesOnly: boolean) => Map<string, number>;

/** A change to apply to a live index: entries added or changed (by id), ids removed. */
export interface IndexChange {
  upsert?: QaDoc[];
  remove?: string[];
}

/**
 * In-memory Q&A search index. Four channels are scored BM25-style against the question
 * (and the answer, for whole words) and mixed into one score in [0, 1] from the matched
 * IDF mass. Synonyms count as the word typed, colloquial words reach official terms,
 * pinyin bigrams catch homophone typos, single characters typed as words (车, 钱) match
 * by IDF; Traditional text is folded to Simplified on both sides.
 *
 * Updates are incremental (`apply`): postings, document frequencies and average lengths
 * follow every added, changed or removed entry, and results equal those of an index built
 * from scratch over the same entries (ties are broken by id, not by insertion order).
 * `QaSearchEngine.build` builds a large index in slices that yield to the event loop.
 */
export class QaSearchEngine {
  private readonly postings: Array<Map<string, Postings>> = Array.from({ length: CHANNELS }, () => new Map());
  /** Doc number → entry (null once removed); doc numbers are never reused. */
  private docs: Array<QaDoc | null> = [];
  private readonly numberOf = new Map<string, number>();
  private live = 0;
  // Per doc number: field lengths and, derived from them, inverse BM25 length norms.
  private lq = new Int32Array(0);
  private la = new Int32Array(0);
  private lb = new Int32Array(0);
  private lu = new Int32Array(0);
  private lc = new Int32Array(0);
  /** Per doc number: what its question asks for. */
  private ask = new Uint8Array(0);
  private nq = new Float32Array(0);
  private na = new Float32Array(0);
  private nb = new Float32Array(0);
  private nu = new Float32Array(0);
  private nc = new Float32Array(0);
  private sums = [0, 0, 0, 0, 0];
  private normsStale = true;
  // Scratch space for scoring, indexed by doc number.
  private acc = new Float64Array(0);
  private best = new Float64Array(0);
  private seen = new Uint8Array(0);
  private touched = new Int32Array(0);
  private readonly opts: EngineOptions;
  private readonly synonyms: string[][];
  private readonly colloquial: Array<{ say: string[]; means: string[] }>;
  private readonly groupOf = new Map<string, string[]>();
  /** Known words (2–4 ideographs) by fuzzy-pinyin key: candidates to correct a homophone typo to. */
  private readonly byPinyin = new Map<string, Set<string>>();

  constructor(
    docs: QaDoc[] = [],
    opts: Partial<EngineOptions> = {},
    synonyms: string[][] = (synonymGroups ??= loadSynonyms()),
    colloquial: Array<{ say: string[]; means: string[] }> = (colloquialEntries ??= loadColloquial()),
  ) {
    this.opts = { ...DEFAULT_OPTIONS, ...opts };
    this.synonyms = synonyms;
    this.colloquial = colloquial;
    for (const g of synonyms) for (const t of g) this.groupOf.set(t, g);
    this.grow(docs.length);
    for (const d of docs) this.add(d);
  }

  /**
   * Builds an index over many entries without blocking the event loop for more than about
   * `sliceMs` at a time: entries are added in slices, yielding (setImmediate) between them.
   * The caller keeps serving the old index and swaps this one in when the promise resolves.
   */
  static async build(
    docs: QaDoc[],
    opts: Partial<EngineOptions> = {},
    { sliceMs = 10, synonyms, colloquial }: { sliceMs?: number; synonyms?: string[][]; colloquial?: Array<{ say: string[]; means: string[] }> } = {},
  ): Promise<QaSearchEngine> {
    const engine = new QaSearchEngine([], opts, synonyms, colloquial);
    engine.grow(docs.length);
    let i = 0;
    while (i < docs.length) {
      const t0 = performance.now();
      do engine.add(docs[i++]);
      while (i < docs.length && (i & 15 || performance.now() - t0 < sliceMs));
      if (i < docs.length) await new Promise((r) => setImmediate(r));
    }
    for (const map of engine.postings) {
      let t0 = performance.now();
      let k = 0;
      for (const p of map.values()) {
        p.trim();
        if (++k % 256 === 0 && performance.now() - t0 > sliceMs) {
          await new Promise((r) => setImmediate(r));
          t0 = performance.now();
        }
      }
    }
    return engine;
  }

  /** Number of entries in the index. */
  get size(): number {
    return this.live;
  }

  /** Applies added, changed and removed entries in place. Returns how many entries changed. */
  apply(change: IndexChange): number {
    let n = 0;
    for (const id of change.remove ?? []) if (this.delete(id)) n++;
    for (const doc of change.upsert ?? []) {
      this.delete(doc.id);
      this.add(doc);
      n++;
    }
    return n;
  }

  /** True when the index holds entry `id`. */
  has(id: string): boolean {
    return this.numberOf.has(id);
  }

  /**
   * The query's concepts as stable keys (each concept by its smallest alternative, so a
   * synonym, a corrected typo or the Traditional spelling gives the same key), sorted: what
   * learning (learning.ts) stores a query under and compares queries by.
   */
  queryKey(query: string): string[] {
    return this.keyOf(this.plan(query));
  }

  private keyOf(plan: QueryPlan): string[] {
    const keys = new Set<string>();
    for (const c of plan.channels[WORD]) {
      let k = c.alts[0]?.term;
      for (const a of c.alts) if (a.term < k) k = a.term;
      if (k) keys.add(k);
    }
    return [...keys].sort();
  }

  /** Ids of the entries in the index. */
  ids(): string[] {
    return [...this.numberOf.keys()];
  }

  private grow(extra: number): void {
    const need = this.docs.length + extra;
    if (need <= this.lq.length) return;
    const cap = Math.max(need, Math.ceil(this.lq.length * 1.5), 16);
    const growI = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.lq = growI(this.lq);
    this.la = growI(this.la);
    this.lb = growI(this.lb);
    this.lu = growI(this.lu);
    this.lc = growI(this.lc);
    const ask = new Uint8Array(cap);
    ask.set(this.ask);
    this.ask = ask;
    this.nq = new Float32Array(cap);
    this.na = new Float32Array(cap);
    this.nb = new Float32Array(cap);
    this.nu = new Float32Array(cap);
    this.nc = new Float32Array(cap);
    this.normsStale = true;
    this.acc = new Float64Array(cap);
    this.best = new Float64Array(cap);
    this.seen = new Uint8Array(cap);
    this.touched = new Int32Array(cap);
  }

  private list(ch: number, term: string): Postings {
    let p = this.postings[ch].get(term);
    if (!p) {
      this.postings[ch].set(term, (p = new Postings(ch === WORD)));
      if (ch === WORD) this.vocabulary(term, true);
    }
    return p;
  }

  /** Keeps the pinyin vocabulary in step with the words the index knows. */
  private vocabulary(term: string, add: boolean): void {
    if (term.length < 2 || term.length > 4) return;
    for (const ch of term) if (!isHan(ch)) return;
    const k = pinyinKey(term);
    let s = this.byPinyin.get(k);
    if (add) {
      if (!s) this.byPinyin.set(k, (s = new Set()));
      s.add(term);
    } else if (s) {
      s.delete(term);
      if (!s.size) this.byPinyin.delete(k);
    }
  }

  private add(doc: QaDoc): void {
    if (this.numberOf.has(doc.id)) this.delete(doc.id);
    this.grow(1);
    const d = this.docs.length;
    this.docs.push(doc);
    this.numberOf.set(doc.id, d);
    this.live++;
    const a = analyze(doc);
    this.lq[d] = a.lq;
    this.la[d] = a.la;
    this.lb[d] = a.lb;
    this.lu[d] = a.lu;
    this.lc[d] = a.lc;
    this.ask[d] = asks(normalize(doc.question));
    this.sums[0] += a.lq;
    this.sums[1] += a.la;
    this.sums[2] += a.lb;
    this.sums[3] += a.lu;
    this.sums[4] += a.lc;
    for (const [t, tf] of a.qw) this.list(WORD, t).push(d, tf, a.aw.get(t) ?? 0);
    for (const [t, tf] of a.aw) if (!a.qw.has(t)) this.list(WORD, t).push(d, 0, tf);
    for (const [t, tf] of a.bi) this.list(BIGRAM, t).push(d, tf);
    for (const [t, tf] of a.py) this.list(PINYIN, t).push(d, tf);
    for (const [t, tf] of a.uni) this.list(UNIGRAM, t).push(d, tf);
    for (const [t, tf] of a.ctx) this.list(CONTEXT, t).push(d, tf);
    this.normsStale = true;
  }

  private delete(id: string): boolean {
    const d = this.numberOf.get(id);
    if (d === undefined) return false;
    const doc = this.docs[d]!;
    // Re-analysing gives the same terms as when it was added (same text, same segmenter).
    const a = analyze(doc);
    const drop = (ch: number, terms: Iterable<string>) => {
      for (const t of terms) {
        const p = this.postings[ch].get(t);
        if (!p || !p.remove(d) || p.n) continue;
        this.postings[ch].delete(t);
        if (ch === WORD) this.vocabulary(t, false);
      }
    };
    drop(WORD, new Set([...a.qw.keys(), ...a.aw.keys()]));
    drop(BIGRAM, a.bi.keys());
    drop(PINYIN, a.py.keys());
    drop(UNIGRAM, a.uni.keys());
    drop(CONTEXT, a.ctx.keys());
    this.sums[0] -= this.lq[d];
    this.sums[1] -= this.la[d];
    this.sums[2] -= this.lb[d];
    this.sums[3] -= this.lu[d];
    this.sums[4] -= this.lc[d];
    this.docs[d] = null;
    this.numberOf.delete(id);
    this.live--;
    this.normsStale = true;
    return true;
  }

  /** Inverse BM25 length norms 1 / (1 − b + b·len/avg) per doc, recomputed after changes. */
  private norms(): void {
    if (!this.normsStale) return;
    const { b } = this.opts;
    const n = Math.max(1, this.live);
    const fill = (len: Int32Array, out: Float32Array, sum: number) => {
      const avg = Math.max(1, sum / n);
      for (let d = 0; d < this.docs.length; d++) out[d] = 1 / (1 - b + (b * len[d]) / avg);
    };
    fill(this.lq, this.nq, this.sums[0]);
    fill(this.la, this.na, this.sums[1]);
    fill(this.lb, this.nb, this.sums[2]);
    fill(this.lu, this.nu, this.sums[3]);
    fill(this.lc, this.nc, this.sums[4]);
    this.normsStale = false;
  }

  private idf(df: number): number {
    return Math.log(1 + (this.live - df + 0.5) / (df + 0.5));
  }

  private df(ch: number, term: string): number {
    return this.postings[ch].get(term)?.n ?? 0;
  }

  /** Up to `dictionaryMax` words the index knows that share a dictionary sense with `w`, the rarest first (ties by the word). */
  private sameSense(w: string): string[] {
    const groups = senseGroups().get(w);
    if (!groups) return [];
    const found = new Set<string>();
    for (const g of groups) for (const t of g) if (t !== w && this.postings[WORD].has(t)) found.add(t);
    return [...found]
      .map((t) => [t, this.df(WORD, t)] as const)
      .sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, DICTIONARY_MAX)
      .map((x) => x[0]);
  }

  /** Up to three known words sharing a pinyin key, the most frequent first (ties by the word, so every instance agrees). */
  private fixesFor(key: string): string[] | undefined {
    const s = this.byPinyin.get(key);
    if (!s) return undefined;
    return [...s]
      .map((t) => [t, this.df(WORD, t)] as const)
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
      .slice(0, 3)
      .map((x) => x[0]);
  }

  /** Turns a query into concepts per channel: typed words with their synonyms and official terms, typo corrections, bigrams, pinyin keys, characters. */
  private plan(query: string): QueryPlan {
    const norm = normalize(query);
    const text = stripFiller(norm);
    const stops = stopMask(text);
    // Spans taken by a synonym, a colloquial word or a typo correction: one concept in the word channel.
    const synMask = new Uint8Array(text.length);
    const fixMask = new Uint8Array(text.length);
    const wordConcepts: Concept[] = [];
    const covered = new Set<string>();
    const highlightWords: string[] = [];
    const { opts } = this;
    const { synonymWeight: sw, colloquialWeight: cw } = opts;
    const addGroup = (group: string[], typed: string, weight: number) => {
      wordConcepts.push({ alts: group.map((t) => ({ term: t, weight: t === typed ? weight : weight * sw })) });
      for (const t of group) covered.add(t);
      highlightWords.push(...group);
    };
    // Dictionary-only tokens (no HMM, which glues unknown pairs such as 能告, 有车) with their
    // offsets: single-character colloquial words and the character channel use them.
    const tokens: Array<{ t: string; at: number }> = [];
    {
      let pos = 0;
      for (const t of segmenter().cut(text, false)) {
        const at = text.startsWith(t, pos) ? pos : text.indexOf(t, pos);
        if (at < 0) continue;
        tokens.push({ t, at });
        pos = at + t.length;
      }
    }
    const tokenSet = new Set(tokens.map((x) => x.t));
    // Colloquial words → official terms (plus the synonym groups of both), one concept per entry.
    const colMask = new Uint8Array(text.length);
    for (const e of this.colloquial) {
      let hit: string | null = null;
      for (const t of e.say) {
        const found = t.length === 1 ? tokenSet.has(t) : text.includes(t);
        if (found && (hit === null || t.length > hit.length)) hit = t;
      }
      if (hit === null) continue;
      const alts = new Map<string, number>();
      const put = (t: string, w: number) => {
        if ((alts.get(t) ?? 0) < w) alts.set(t, w);
      };
      put(hit, 1);
      for (const g of this.groupOf.get(hit) ?? []) put(g, sw);
      for (const m of e.means) {
        put(m, cw);
        for (const g of this.groupOf.get(m) ?? []) put(g, cw * sw);
      }
      wordConcepts.push({ alts: [...alts].map(([term, weight]) => ({ term, weight })) });
      for (const t of alts.keys()) covered.add(t);
      highlightWords.push(...[...alts.keys()].filter((t) => t.length > 1));
      if (hit.length === 1) {
        for (const x of tokens) if (x.t === hit) colMask[x.at] = 1;
      } else for (let at = text.indexOf(hit); at >= 0; at = text.indexOf(hit, at + 1)) synMask.fill(1, at, at + hit.length);
    }
    for (const group of this.synonyms) {
      let hit: string | null = null;
      for (const t of group) {
        const at = text.indexOf(t);
        if (at >= 0 && (hit === null || t.length > hit.length)) hit = t;
      }
      if (hit === null || covered.has(hit)) continue;
      for (let at = text.indexOf(hit); at >= 0; at = text.indexOf(hit, at + 1)) synMask.fill(1, at, at + hit.length);
      addGroup(group, hit, 1);
    }
    // Homophone typos: a run of 2–4 ideographs the index does not know as a word, whose
    // pinyin is that of a word it does know (底保 → 低保, 申清 → 申请).
    const known = this.postings[WORD];
    for (let i = 0; i < text.length; i++) {
      for (let len = 4; len >= 2; len--) {
        if (i + len > text.length) continue;
        let ok = true;
        for (let j = i; j < i + len; j++) if (synMask[j] || stops[j] || !isHan(text[j])) ok = false;
        if (!ok) continue;
        const s = text.slice(i, i + len);
        if (known.has(s)) continue;
        const fixes = this.fixesFor(pinyinKey(s));
        if (!fixes) continue;
        const group = this.groupOf.get(fixes[0]);
        if (group) addGroup(group, fixes[0], 0.85);
        else {
          wordConcepts.push({ alts: fixes.map((t) => ({ term: t, weight: 0.85 })) });
          highlightWords.push(...fixes);
          for (const t of fixes) covered.add(t);
        }
        fixMask.fill(1, i, i + len);
        i += len - 1;
        break;
      }
    }
    // Words typed: those inside a synonym or corrected span are already a concept.
    for (const w of new Set(words(text))) {
      if (covered.has(w)) continue;
      let inside = true;
      for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
        for (let j = at; j < at + w.length; j++) if (!synMask[j] && !fixMask[j]) inside = false;
      }
      if (inside && text.includes(w)) continue;
      const alts: Concept['alts'] = [{ term: w, weight: 1 }];
      // Words of the same sense in a general dictionary (CC-CEDICT), those the index knows.
      if (opts.dictionaryWeight > 0 && w.length > 1 && (opts.dictionaryScope === 'all' || !known.has(w))) {
        for (const t of this.sameSense(w)) alts.push({ term: t, weight: opts.dictionaryWeight, loose: true });
      }
      wordConcepts.push({ alts });
      if (w.length > 1) highlightWords.push(w);
    }
    // Characters typed as a word of their own (车, 钱, 穷): matched against the question's characters.
    const uni = new Set<string>();
    for (const x of tokens) {
      if (x.t.length !== 1 || !isHan(x.t) || PARTICLES.has(x.t) || STOP_WORDS.has(x.t) || stops[x.at] || synMask[x.at] || fixMask[x.at]) continue;
      uni.add(x.t);
    }
    const biMask = new Uint8Array(text.length);
    const pyMask = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      biMask[i] = stops[i] | synMask[i] | fixMask[i];
      pyMask[i] = stops[i] | synMask[i];
    }
    const bis = new Set(bigrams(text, biMask).bi);
    const pys = new Set(bigrams(text, pyMask).py);
    const single = (t: string): Concept => ({ alts: [{ term: t, weight: 1 }] });
    return {
      // The context channel reads the same word concepts against the linked policy text.
      channels: [wordConcepts, [...bis].map(single), [...pys].map(single), [...uni].map(single), wordConcepts],
      highlightWords,
      bigrams: bis,
      pinyins: pys,
      asks: asks(norm),
    };
  }

  /**
   * Searches the index. Hits are best first, at most `limit`, and only those that clear the
   * score thresholds; `confident` says whether the best one is good enough to be an answer.
   * `raw: true` skips the thresholds (evaluation of the ranking alone).
   */
  search(query: string, { limit = 10, raw = false, lift }: { limit?: number; raw?: boolean; lift?: Learned } = {}): QaSearchResult {
    if (this.live === 0) return { hits: [], confident: false };
    this.norms();
    const { opts } = this;
    const plan = this.plan(query);
    let confirmed: Map<string, number> | undefined;
    if (lift) {
      const key = this.keyOf(plan);
      plan.lift = lift(key, false);
      confirmed = lift(key, true);
    }
    let r = this.rank(plan, Math.max(limit, opts.prfDocs));
    if (!r) return { hits: [], confident: false };
    // Confidence is judged on the query as typed: feedback terms come from the top entries
    // themselves and would lift every top score, answerable or not.
    // …and on the terms and votes alone: the kind of question (askBonus) and opened results
    // order entries, they say nothing of whether one answers.
    let top = 0;
    if (r.topD.length) {
      const d = r.topD[0];
      const id = this.docs[d]!.id;
      const evidence = -Math.log(Math.max(1e-12, 1 - r.topS[0])) - this.askBonus(plan.asks, d) - this.learned(plan.lift?.get(id)) + this.learned(confirmed?.get(id));
      top = 1 - Math.exp(-Math.max(0, evidence));
    }
    const coverage = r.topD.length ? this.coverage(r.topD[0], plan.channels[WORD], r.weights[WORD]) : 0;
    top *= 1 - opts.coverageBlend + opts.coverageBlend * coverage;
    const confident = top >= opts.confidentScore && coverage >= opts.minCoverage;
    if (opts.prfWeight > 0 && r.topD.length) {
      const expansion = this.feedback(plan, r.topD.slice(0, opts.prfDocs), r.topS);
      if (expansion.length) {
        const channels = plan.channels.slice();
        channels[WORD] = [...plan.channels[WORD], ...expansion];
        const second = this.rank({ ...plan, channels }, limit, r.idfMax);
        if (second) r = second;
      }
    }
    const { topD, topS } = r;
    const shownTop = topS[0] ?? 0;
    const hits: QaHit[] = [];
    for (let i = 0; i < Math.min(limit, topD.length); i++) {
      const score = Math.min(1, topS[i]);
      if (!raw && (score < opts.minScore || score < shownTop * opts.relativeCut)) break;
      const doc = this.docs[topD[i]]!;
      hits.push({ doc, score: Math.round(score * 1000) / 1000, highlights: { question: this.highlight(doc.question, plan), answer: this.highlight(doc.answer, plan) } });
    }
    return { hits, confident: confident && hits.length > 0, coverage, confidence: top };
  }

  /**
   * RM3-style pseudo-relevance feedback: words of the top entries' questions (×questionWeight)
   * and answers, each entry weighted by its score and its terms by their share of its length,
   * are the expansion; the `prfTerms` most likely that the query lacks (and that are not in
   * most entries) become concepts at `prfWeight` × their likelihood relative to the best.
   */
  private feedback(plan: QueryPlan, topD: number[], topS: number[]): Concept[] {
    const { opts } = this;
    const have = new Set<string>();
    for (const c of plan.channels[WORD]) for (const a of c.alts) have.add(a.term);
    const p = new Map<string, number>();
    const idfMax = this.idf(0);
    topD.forEach((d, i) => {
      const doc = this.docs[d]!;
      const q = words(normalize(doc.question));
      const a = words(normalize(`${doc.answer} ${doc.topics.join(' ')}`));
      const len = opts.questionWeight * q.length + opts.answerWeight * a.length || 1;
      const add = (t: string, w: number) => {
        if (t.length < 2 || have.has(t)) return;
        p.set(t, (p.get(t) ?? 0) + (topS[i] * w) / len);
      };
      for (const t of q) add(t, opts.questionWeight);
      for (const t of a) add(t, opts.answerWeight);
    });
    const ranked = [...p]
      .filter(([t]) => this.idf(this.df(WORD, t)) >= opts.prfMinIdf * idfMax)
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, opts.prfTerms);
    const maxP = ranked[0]?.[1] ?? 0;
    return ranked.map(([term, v]) => ({ alts: [{ term, weight: (opts.prfWeight * v) / maxP }] }));
  }

  /** Scores the plan's concepts over the postings; the best `limit` doc numbers with their scores. */
  private rank(plan: QueryPlan, limit: number, idfMaxIn?: number): { topD: number[]; topS: number[]; weights: number[][]; idfMax: number } | null {
    const { acc, best, seen, touched, opts, nq, na } = this;
    const { k1, questionWeight: wq, answerWeight: wa } = opts;
    const idfMax = idfMaxIn ?? this.idf(0);
    let nTouched = 0;
    // Alternatives in nearly half of all entries are skipped like whole concepts are (below).
    let skipDf = this.live;
    while (skipDf > 0 && this.idf(skipDf) < SKIP_IDF * idfMax) skipDf = Math.floor(skipDf * 0.95);
    // A dictionary sense in thousands of entries costs a long scan for a weak match: skipped.
    const looseDf = Math.max(LOOSE_MAX_DF, this.live * 0.02);
    // Query-side weight of each concept: its IDF, emphasised by rarity (idfPower).
    const idfs = plan.channels.map((concepts, ch) => concepts.map((c) => this.conceptIdf(ch, c)));
    const weights = idfs.map((xs) => xs.map((idf) => idf * Math.pow(idf / idfMax, opts.idfPower)));
    // Channels without any term (e.g. a query of digits has no bigrams) hand their share to the others.
    let wsum = 0;
    for (let ch = 0; ch < 3; ch++) if (weights[ch].length) wsum += opts.channelWeights[ch];
    if (wsum === 0 && !weights[UNIGRAM].length) return null;
    for (let ch = 0; ch < CHANNELS; ch++) {
      if (!weights[ch].length) continue;
      const chWeight = ch === UNIGRAM ? opts.unigramWeight : ch === CONTEXT ? opts.contextWeight : opts.channelWeights[ch] / wsum;
      if (!(chWeight > 0)) continue;
      const scale = chWeight / (idfMax * opts.evidenceScale);
      const norm = ch === BIGRAM || ch === PINYIN ? this.nb : ch === CONTEXT ? this.nc : this.nu;
      const map = this.postings[ch];
      for (let ci = 0; ci < plan.channels[ch].length; ci++) {
        const concept = plan.channels[ch][ci];
        // Terms in nearly half of all entries move no ranking but cost the longest posting lists.
        if (idfs[ch][ci] < SKIP_IDF * idfMax) continue;
        const w = weights[ch][ci] * scale;
        const single = concept.alts.length === 1;
        const local: number[] = [];
        for (const alt of concept.alts) {
          const p = map.get(alt.term);
          if (!p || (single ? false : p.n > skipDf) || (alt.loose && p.n > looseDf)) continue;
          const { docs, tf, tfa, n } = p;
          const aw = w * alt.weight;
          // Specialised loops (two fields or one; one alternative or several): this is the hot path.
          if (tfa) {
            for (let i = 0; i < n; i++) {
              const d = docs[i];
              if (!seen[d]) {
                seen[d] = 1;
                touched[nTouched++] = d;
              }
              const t = wq * tf[i] * nq[d] + wa * tfa[i] * na[d];
              const v = (aw * t) / (t + k1);
              if (single) acc[d] += v;
              else {
                // A concept with alternatives: each doc scores its best one, once.
                if (best[d] === 0) local.push(d);
                if (v > best[d]) best[d] = v;
              }
            }
          } else if (single) {
            for (let i = 0; i < n; i++) {
              const d = docs[i];
              if (!seen[d]) {
                seen[d] = 1;
                touched[nTouched++] = d;
              }
              const t = tf[i] * norm[d];
              acc[d] += (aw * t) / (t + k1);
            }
          } else {
            for (let i = 0; i < n; i++) {
              const d = docs[i];
              if (!seen[d]) {
                seen[d] = 1;
                touched[nTouched++] = d;
              }
              const t = tf[i] * norm[d];
              const v = (aw * t) / (t + k1);
              if (best[d] === 0) local.push(d);
              if (v > best[d]) best[d] = v;
            }
          }
        }
        for (const d of local) {
          acc[d] += best[d];
          best[d] = 0;
        }
      }
    }
    // Same kind of question (how to, how much…): a bonus by the share of the query's kinds.
    if (plan.asks && opts.askWeight > 0) {
      // Hot loop over every touched entry: a bit test and a table look-up each.
      const qAsks = plan.asks;
      const unit = opts.askWeight / (opts.evidenceScale * POPCOUNT[qAsks]);
      const ask = this.ask;
      for (let i = 0; i < nTouched; i++) {
        const d = touched[i];
        const shared = ask[d] & qAsks;
        if (shared) acc[d] += unit * POPCOUNT[shared];
      }
    }
    // Learned associations: also entries no term of the query reaches.
    if (plan.lift && opts.learnWeight > 0) {
      for (const [id, l] of plan.lift) {
        const d = this.numberOf.get(id);
        if (d === undefined) continue;
        if (!seen[d]) {
          seen[d] = 1;
          touched[nTouched++] = d;
        }
        acc[d] = Math.max(0, acc[d] + this.learned(l));
      }
    }
    // Top-k by partial selection over the touched docs; equal scores rank by id.
    const k = Math.max(1, limit);
    const topD: number[] = [];
    const topS: number[] = [];
    const ids = this.docs;
    const before = (s: number, d: number, s2: number, d2: number) => s > s2 || (s === s2 && ids[d]!.id < ids[d2]!.id);
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i];
      const s = 1 - Math.exp(-acc[d]);
      acc[d] = 0;
      seen[d] = 0;
      let j: number;
      if (topD.length < k) {
        topD.push(d);
        topS.push(s);
        j = topD.length - 1;
      } else {
        if (!before(s, d, topS[k - 1], topD[k - 1])) continue;
        j = k - 1;
        topD[j] = d;
        topS[j] = s;
      }
      for (; j > 0 && before(topS[j], topD[j], topS[j - 1], topD[j - 1]); j--) {
        const ts = topS[j - 1];
        topS[j - 1] = topS[j];
        topS[j] = ts;
        const td = topD[j - 1];
        topD[j - 1] = topD[j];
        topD[j] = td;
      }
    }
    return { topD, topS, weights, idfMax };
  }

  /** Evidence of a learned lift in [−1, 1]. */
  private learned(l: number | undefined): number {
    return l ? (this.opts.learnWeight * l) / this.opts.evidenceScale : 0;
  }

  /** Evidence for doc `d` asking the same kinds of thing as the query: askWeight × the share of the query's kinds. */
  private askBonus(qAsks: number, d: number): number {
    if (!qAsks || !(this.opts.askWeight > 0)) return 0;
    return (this.opts.askWeight * POPCOUNT[qAsks & this.ask[d]]) / (this.opts.evidenceScale * POPCOUNT[qAsks]);
  }

  /** Share of the query's word-channel weight whose concept doc `d` contains, each by the weight of its best alternative there. */
  private coverage(d: number, concepts: Concept[], weights: number[]): number {
    let all = 0;
    let got = 0;
    concepts.forEach((c, i) => {
      all += weights[i];
      // Covered as well as the best alternative present: a dictionary sense (0.6) covers less than the word typed.
      let best = 0;
      for (const a of c.alts) if (a.weight > best && this.postings[WORD].get(a.term)?.has(d)) best = a.weight;
      got += weights[i] * Math.min(1, best);
    });
    return all > 0 ? got / all : 1;
  }

  /** One IDF per concept: the rarest of its alternatives that the index knows, dictionary senses aside (unknown words count as rarest of all). */
  private conceptIdf(ch: number, c: Concept): number {
    let df = 0;
    for (const a of c.alts) {
      // A dictionary sense matches but does not make a common word rare (nor unskippable).
      if (a.loose) continue;
      const n = this.df(ch, a.term);
      if (n && (df === 0 || n < df)) df = n;
    }
    return this.idf(df);
  }

  /** Ranges of `text` matching the query: its words and synonyms, and bigrams equal or homophone to the query's. */
  private highlight(text: string, plan: QueryPlan): Ranges {
    const aligned = normalizeAligned(text);
    const mark = new Uint8Array(text.length);
    for (const w of plan.highlightWords) {
      for (let at = aligned.indexOf(w); at >= 0; at = aligned.indexOf(w, at + 1)) mark.fill(1, at, at + w.length);
    }
    for (let i = 0; i + 1 < aligned.length; i++) {
      const a = aligned[i];
      const c = aligned[i + 1];
      if (!isHan(a) || !isHan(c)) continue;
      if (plan.bigrams.has(a + c) || plan.pinyins.has(fuzzyPinyin(a) + fuzzyPinyin(c) + '|')) {
        // Very common pairs (申请, 可以) would light up every entry: skip them.
        if (this.df(BIGRAM, a + c) > this.live * 0.25 && this.live > 20) continue;
        mark[i] = 1;
        mark[i + 1] = 1;
      }
    }
    const out: Ranges = [];
    for (let i = 0; i < mark.length; i++) {
      if (!mark[i]) continue;
      let j = i;
      while (j < mark.length && mark[j]) j++;
      out.push([i, j]);
      i = j;
    }
    return out;
  }
}
