// The plain baseline the Q&A search is measured against: Okapi BM25 (k1 1.2, b 0.75) over
// character bigrams of CJK runs, as Lucene's CJKAnalyzer tokenises (a lone CJK character is
// kept as a unigram; Latin letters and digits form words; full-width forms folded, lower case).
// One field: question + answer. No Traditional→Simplified folding, no synonyms, no pinyin.

const CJK = /[\u3400-\u9fff]/;
const WORDY = /[a-z0-9]/;

/** CJKAnalyzer-style tokens of a text. */
export function cjkTokens(text) {
  const s = text.normalize('NFKC').toLowerCase();
  const out = [];
  let run = '';
  let word = '';
  const flushRun = () => {
    if (run.length === 1) out.push(run);
    for (let i = 0; i + 1 < run.length; i++) out.push(run[i] + run[i + 1]);
    run = '';
  };
  const flushWord = () => {
    if (word) out.push(word);
    word = '';
  };
  for (const ch of s) {
    if (CJK.test(ch)) {
      flushWord();
      run += ch;
    } else if (WORDY.test(ch)) {
      flushRun();
      word += ch;
    } else {
      flushRun();
      flushWord();
    }
  }
  flushRun();
  flushWord();
  return out;
}

/** BM25 index over CJK bigrams with precomputed per-posting weights; `search` returns [{index, score}] best first. */
export class Bm25Bigram {
  constructor(texts, { k1 = 1.2, b = 0.75 } = {}) {
    this.n = texts.length;
    const lens = new Array(texts.length);
    const tfs = new Array(texts.length);
    let sum = 0;
    texts.forEach((t, d) => {
      const toks = cjkTokens(t);
      lens[d] = toks.length;
      sum += toks.length;
      const m = new Map();
      for (const x of toks) m.set(x, (m.get(x) ?? 0) + 1);
      tfs[d] = m;
    });
    const avg = sum / Math.max(1, texts.length);
    const lists = new Map();
    for (let d = 0; d < texts.length; d++) {
      const norm = k1 * (1 - b + (b * lens[d]) / avg);
      for (const [t, tf] of tfs[d]) {
        let l = lists.get(t);
        if (!l) lists.set(t, (l = { d: [], w: [] }));
        l.d.push(d);
        l.w.push((tf * (k1 + 1)) / (tf + norm));
      }
      tfs[d] = null;
    }
    this.postings = new Map();
    for (const [t, l] of lists) this.postings.set(t, { docs: Int32Array.from(l.d), w: Float32Array.from(l.w) });
    this.acc = new Float64Array(texts.length);
    this.touched = new Int32Array(texts.length);
    this.seen = new Uint8Array(texts.length);
  }

  search(query, limit = 10) {
    const terms = [...new Set(cjkTokens(query))];
    const { acc, touched, seen } = this;
    let nt = 0;
    for (const t of terms) {
      const p = this.postings.get(t);
      if (!p) continue;
      const idf = Math.log(1 + (this.n - p.docs.length + 0.5) / (p.docs.length + 0.5));
      for (let i = 0; i < p.docs.length; i++) {
        const d = p.docs[i];
        if (!seen[d]) {
          seen[d] = 1;
          touched[nt++] = d;
        }
        acc[d] += idf * p.w[i];
      }
    }
    const top = [];
    for (let i = 0; i < nt; i++) {
      const d = touched[i];
      const s = acc[d];
      acc[d] = 0;
      seen[d] = 0;
      if (top.length === limit && s <= top[limit - 1].score) continue;
      top.push({ index: d, score: s });
      top.sort((a, b) => b.score - a.score);
      if (top.length > limit) top.pop();
    }
    return top;
  }
}
