import synonymData from './synonyms.json';
import { addWords, fuzzyPinyin, isHan, isWordChar, normalize, normalizeAligned, PARTICLES, segmenter, STOP_WORDS, stripFiller } from './normalize';

/** One Q&A of the knowledge base, as the engine indexes it. */
export interface QaDoc {
  id: string;
  question: string;
  answer: string;
  policyId?: string | null;
  topics: string[];
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
}

/** Scoring knobs; the defaults were tuned on the dev split of bench/search-eval (see bench/search-quality.mjs). */
export interface EngineOptions {
  /** Share of the score from each channel: whole words, character bigrams of the question, pinyin of those bigrams. */
  channelWeights: [number, number, number];
  /** BM25F field weights of the word channel: question, answer. */
  questionWeight: number;
  answerWeight: number;
  k1: number;
  b: number;
  /**
   * Mix of the two halves of the score: coverage (share of the query's IDF mass matched,
   * which punishes long stories full of details) and evidence (matched IDF mass itself,
   * saturating at `evidenceScale` rare words, which punishes a handful of weak matches).
   */
  coverageWeight: number;
  evidenceScale: number;
  /** Weight of a synonym relative to the word the citizen typed. */
  synonymWeight: number;
  /** The top hit must score this much for the answer to count as confident. */
  confidentScore: number;
  /** Hits below this score are never shown. */
  minScore: number;
  /** Hits below this share of the top score are not shown. */
  relativeCut: number;
}

export const DEFAULT_OPTIONS: EngineOptions = {
  channelWeights: [0.6, 0.25, 0.15],
  questionWeight: 3,
  answerWeight: 1,
  k1: 1.2,
  b: 0.75,
  coverageWeight: 0,
  evidenceScale: 1,
  synonymWeight: 0.9,
  confidentScore: 0.45,
  minScore: 0.225,
  relativeCut: 0.4,
};

interface SynonymGroup {
  terms: string[];
}

const WORD = 0;
const BIGRAM = 1;
const PINYIN = 2;

/** Postings of one term: doc numbers and precomputed BM25 saturation (tf'/(tf'+k1)) in [0,1]. */
interface Posting {
  docs: Int32Array;
  impact: Float32Array;
}

interface Concept {
  /** Alternatives (the typed word and its synonyms) with their weights; a doc scores its best one. */
  alts: Array<{ term: string; weight: number }>;
}

interface QueryPlan {
  channels: Concept[][];
  /** Normalized words worth highlighting (typed words and their synonyms). */
  highlightWords: string[];
  bigrams: Set<string>;
  pinyins: Set<string>;
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

/**
 * In-memory Q&A search index. Three channels are scored BM25-style against the question
 * (and the answer, for whole words) and mixed into one score in [0, 1]: the weighted share
 * of the query's terms (by IDF) that an entry covers. Synonyms count as the word typed;
 * pinyin bigrams catch homophone typos; Traditional text is folded to Simplified on both
 * sides. Immutable once built: updates build a new index and swap it in.
 */
export class QaSearchEngine {
  readonly size: number;
  private readonly docs: QaDoc[];
  private readonly postings: Array<Map<string, Posting>> = [new Map(), new Map(), new Map()];
  private readonly acc: Float64Array;
  private readonly ev: Float64Array;
  private readonly best: Float64Array;
  private readonly seen: Uint8Array;
  private readonly touched: Int32Array;
  private readonly opts: EngineOptions;
  private readonly synonyms: string[][];

  constructor(docs: QaDoc[], opts: Partial<EngineOptions> = {}, synonyms: string[][] = (synonymGroups ??= loadSynonyms())) {
    this.opts = { ...DEFAULT_OPTIONS, ...opts };
    this.synonyms = synonyms;
    this.docs = docs;
    this.size = docs.length;
    this.acc = new Float64Array(docs.length);
    this.ev = new Float64Array(docs.length);
    this.best = new Float64Array(docs.length);
    this.seen = new Uint8Array(docs.length);
    this.touched = new Int32Array(docs.length);
    this.build();
  }

  private build(): void {
    const { k1, b, questionWeight: wq, answerWeight: wa } = this.opts;
    const n = this.docs.length;
    // Pass 1: term frequencies and lengths; pass 2: impacts, which need average lengths.
    const perDoc: Array<{ qw: Map<string, number>; aw: Map<string, number>; bi: Map<string, number>; py: Map<string, number>; lq: number; la: number; lb: number }> = new Array(n);
    let sumQ = 0;
    let sumA = 0;
    let sumB = 0;
    for (let d = 0; d < n; d++) {
      const doc = this.docs[d];
      const q = normalize(doc.question);
      const a = normalize(`${doc.answer} ${doc.topics.join(' ')}`);
      const qWords = words(q);
      const aWords = words(a);
      const { bi, py } = bigrams(q, stopMask(q));
      perDoc[d] = { qw: count(qWords), aw: count(aWords), bi: count(bi), py: count(py), lq: qWords.length, la: aWords.length, lb: bi.length };
      sumQ += qWords.length;
      sumA += aWords.length;
      sumB += bi.length;
    }
    const avgQ = Math.max(1, sumQ / Math.max(1, n));
    const avgA = Math.max(1, sumA / Math.max(1, n));
    const avgB = Math.max(1, sumB / Math.max(1, n));
    const lists: Array<Map<string, { d: number[]; w: number[] }>> = [new Map(), new Map(), new Map()];
    const push = (ch: number, term: string, d: number, tf: number) => {
      let l = lists[ch].get(term);
      if (!l) lists[ch].set(term, (l = { d: [], w: [] }));
      l.d.push(d);
      l.w.push(tf / (tf + k1));
    };
    for (let d = 0; d < n; d++) {
      const p = perDoc[d];
      const nq = 1 - b + (b * p.lq) / avgQ;
      const na = 1 - b + (b * p.la) / avgA;
      const nb = 1 - b + (b * p.lb) / avgB;
      const wordsOfDoc = new Set([...p.qw.keys(), ...p.aw.keys()]);
      for (const t of wordsOfDoc) push(WORD, t, d, (wq * (p.qw.get(t) ?? 0)) / nq + (wa * (p.aw.get(t) ?? 0)) / na);
      for (const [t, tf] of p.bi) push(BIGRAM, t, d, tf / nb);
      for (const [t, tf] of p.py) push(PINYIN, t, d, tf / nb);
      perDoc[d] = undefined as never; // let the per-doc maps go as we go
    }
    for (let ch = 0; ch < 3; ch++) {
      for (const [t, l] of lists[ch]) this.postings[ch].set(t, { docs: Int32Array.from(l.d), impact: Float32Array.from(l.w) });
    }
  }

  private idf(df: number): number {
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** Known words by pinyin key (2–4 ideographs), the most frequent first: candidates to correct a typo to. */
  private byPinyin: Map<string, string[]> | null = null;
  private pinyinVocabulary(): Map<string, string[]> {
    if (this.byPinyin) return this.byPinyin;
    const m = new Map<string, Array<[string, number]>>();
    for (const [t, p] of this.postings[WORD]) {
      if (t.length < 2 || t.length > 4) continue;
      let han = true;
      for (const ch of t) if (!isHan(ch)) han = false;
      if (!han) continue;
      const k = pinyinKey(t);
      let l = m.get(k);
      if (!l) m.set(k, (l = []));
      l.push([t, p.docs.length]);
    }
    const out = new Map<string, string[]>();
    for (const [k, l] of m) out.set(k, l.sort((x, y) => y[1] - x[1]).slice(0, 3).map((x) => x[0]));
    return (this.byPinyin = out);
  }

  private groupOf: Map<string, string[]> | null = null;

  /** Turns a query into concepts per channel: typed words with their synonyms, typo corrections, bigrams, pinyin keys. */
  private plan(query: string): QueryPlan {
    const norm = normalize(query);
    const text = stripFiller(norm);
    const stops = stopMask(text);
    // Spans taken by a synonym or a typo correction: judged by the word channel as one concept.
    const synMask = new Uint8Array(text.length);
    const fixMask = new Uint8Array(text.length);
    const wordConcepts: Concept[] = [];
    const covered = new Set<string>();
    const highlightWords: string[] = [];
    const sw = this.opts.synonymWeight;
    const addGroup = (group: string[], typed: string, weight: number) => {
      wordConcepts.push({ alts: group.map((t) => ({ term: t, weight: t === typed ? weight : weight * sw })) });
      for (const t of group) covered.add(t);
      highlightWords.push(...group);
    };
    for (const group of this.synonyms) {
      let hit: string | null = null;
      for (const t of group) {
        const at = text.indexOf(t);
        if (at >= 0 && (hit === null || t.length > hit.length)) hit = t;
      }
      if (hit === null) continue;
      for (let at = text.indexOf(hit); at >= 0; at = text.indexOf(hit, at + 1)) synMask.fill(1, at, at + hit.length);
      addGroup(group, hit, 1);
    }
    // Homophone typos: a run of 2–4 ideographs the index does not know as a word, whose
    // pinyin is that of a word it does know (底保 → 低保, 申清 → 申请).
    const vocab = this.pinyinVocabulary();
    const known = this.postings[WORD];
    if (!this.groupOf) {
      this.groupOf = new Map();
      for (const g of this.synonyms) for (const t of g) this.groupOf.set(t, g);
    }
    for (let i = 0; i < text.length; i++) {
      for (let len = 4; len >= 2; len--) {
        if (i + len > text.length) continue;
        let ok = true;
        for (let j = i; j < i + len; j++) if (synMask[j] || stops[j] || !isHan(text[j])) ok = false;
        if (!ok) continue;
        const s = text.slice(i, i + len);
        if (known.has(s)) continue;
        const fixes = vocab.get(pinyinKey(s));
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
      wordConcepts.push({ alts: [{ term: w, weight: 1 }] });
      if (w.length > 1) highlightWords.push(w);
    }
    const biMask = new Uint8Array(text.length);
    const pyMask = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      biMask[i] = stops[i] | synMask[i] | fixMask[i];
      pyMask[i] = stops[i] | synMask[i];
    }
    const bis = new Set(bigrams(text, biMask).bi);
    const pys = new Set(bigrams(text, pyMask).py);
    return {
      channels: [wordConcepts, [...bis].map((t) => ({ alts: [{ term: t, weight: 1 }] })), [...pys].map((t) => ({ alts: [{ term: t, weight: 1 }] }))],
      highlightWords,
      bigrams: bis,
      pinyins: pys,
    };
  }

  /**
   * Searches the index. Hits are best first, at most `limit`, and only those that clear the
   * score thresholds; `confident` says whether the best one is good enough to be an answer.
   * `raw: true` skips the thresholds (evaluation of the ranking alone).
   */
  search(query: string, { limit = 10, raw = false }: { limit?: number; raw?: boolean } = {}): QaSearchResult {
    const plan = this.plan(query);
    const { acc, ev, best, seen, touched } = this;
    const idfMax = this.idf(0);
    let nTouched = 0;
    // Channels without any term (e.g. a query of digits has no bigrams) hand their share to the others.
    const dens = plan.channels.map((concepts, ch) => {
      let den = 0;
      for (const c of concepts) den += this.conceptIdf(ch, c);
      return den;
    });
    let wsum = 0;
    for (let ch = 0; ch < 3; ch++) if (dens[ch] > 0) wsum += this.opts.channelWeights[ch];
    if (wsum === 0) return { hits: [], confident: false };
    for (let ch = 0; ch < 3; ch++) {
      if (dens[ch] === 0) continue;
      const scale = this.opts.channelWeights[ch] / wsum / dens[ch];
      const evRatio = dens[ch] / (idfMax * this.opts.evidenceScale);
      const map = this.postings[ch];
      for (const concept of plan.channels[ch]) {
        const idf = this.conceptIdf(ch, concept) * scale;
        if (concept.alts.length === 1) {
          const p = map.get(concept.alts[0].term);
          if (!p) continue;
          const { docs, impact } = p;
          for (let i = 0; i < docs.length; i++) {
            const d = docs[i];
            if (!seen[d]) {
              seen[d] = 1;
              touched[nTouched++] = d;
            }
            const v = idf * impact[i];
            acc[d] += v;
            ev[d] += v * evRatio;
          }
          continue;
        }
        // A concept with synonyms: each doc scores its best alternative, once.
        const local: number[] = [];
        for (const alt of concept.alts) {
          const p = map.get(alt.term);
          if (!p) continue;
          const { docs, impact } = p;
          const w = idf * alt.weight;
          for (let i = 0; i < docs.length; i++) {
            const d = docs[i];
            if (!seen[d]) {
              seen[d] = 1;
              touched[nTouched++] = d;
            }
            const v = w * impact[i];
            if (best[d] === 0) local.push(d);
            if (v > best[d]) best[d] = v;
          }
        }
        for (const d of local) {
          acc[d] += best[d];
          ev[d] += best[d] * evRatio;
          best[d] = 0;
        }
      }
    }
    // Top-k by partial selection over the touched docs.
    const k = Math.max(1, limit);
    const topD: number[] = [];
    const topS: number[] = [];
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i];
      const s = this.opts.coverageWeight * acc[d] + (1 - this.opts.coverageWeight) * (1 - Math.exp(-ev[d]));
      acc[d] = 0;
      ev[d] = 0;
      seen[d] = 0;
      let j: number;
      if (topD.length < k) {
        topD.push(d);
        topS.push(s);
        j = topD.length - 1;
      } else {
        if (s <= topS[k - 1]) continue;
        j = k - 1;
        topD[j] = d;
        topS[j] = s;
      }
      for (; j > 0 && topS[j - 1] < topS[j]; j--) {
        const ts = topS[j - 1];
        topS[j - 1] = topS[j];
        topS[j] = ts;
        const td = topD[j - 1];
        topD[j - 1] = topD[j];
        topD[j] = td;
      }
    }
    const top = topS[0] ?? 0;
    const confident = top >= this.opts.confidentScore;
    const hits: QaHit[] = [];
    for (let i = 0; i < topD.length; i++) {
      const score = Math.min(1, topS[i]);
      if (!raw && (score < this.opts.minScore || score < top * this.opts.relativeCut)) break;
      const doc = this.docs[topD[i]];
      hits.push({ doc, score: Math.round(score * 1000) / 1000, highlights: { question: this.highlight(doc.question, plan), answer: this.highlight(doc.answer, plan) } });
    }
    return { hits, confident: confident && hits.length > 0 };
  }

  /** One IDF per concept: the rarest of its alternatives that the index knows (unknown words count as rarest of all). */
  private conceptIdf(ch: number, c: Concept): number {
    let df = 0;
    for (const a of c.alts) {
      const p = this.postings[ch].get(a.term);
      if (p && (df === 0 || p.docs.length < df)) df = p.docs.length;
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
        const p = this.postings[BIGRAM].get(a + c);
        if (p && p.docs.length > this.size * 0.25 && this.size > 20) continue;
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
