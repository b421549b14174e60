// Quality of the Q&A search (bff/src/features/qa-search) on hand-written citizen queries
// (bench/search-eval/queries.json) against the demo knowledge base, next to a plain
// BM25-over-character-bigrams baseline (bench/lib/bm25-bigram.mjs) computed in the same run.
//
// Per kind and overall, for the dev split (used for tuning) and the held-out split (never
// tuned on): MRR@10, Hit@1, Hit@3 over the results a citizen would be shown (thresholds
// applied), the share of no-answer queries declined (confident: false), and the share of
// answerable queries wrongly declined.
//
// A third split, holdout-2 (search-eval/holdout-2.json: 20 colloquial, 10 long, 10 no-answer
// queries written before the colloquial-vocabulary work), is reported on its own and never tuned on.
//
//   node bench/search-quality.mjs [--split dev|heldout|holdout-2|all] [--verbose] [--grid]
//
// --grid searches the scoring knobs on the dev split only and prints the best settings.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bm25Bigram } from './lib/bm25-bigram.mjs';
import { loadEngine } from './lib/engine.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const qas = JSON.parse(fs.readFileSync(path.join(here, '../packages/upstream-sim/content/qas.json'), 'utf8'));
const { queries } = JSON.parse(fs.readFileSync(path.join(here, 'search-eval/queries.json'), 'utf8'));
// Second held-out set, written before the colloquial vocabulary / unigram channel work and never tuned on.
const { queries: holdout2 } = JSON.parse(fs.readFileSync(path.join(here, 'search-eval/holdout-2.json'), 'utf8'));
const KINDS = ['paraphrase', 'colloquial', 'traditional', 'synonym', 'typo', 'long', 'no-answer'];

const ids = new Set(qas.map((q) => q.id));
for (const q of [...queries, ...holdout2]) for (const r of q.relevant) if (!ids.has(r)) throw new Error(`${q.id}: unknown Q&A ${r}`);

/** Runs every query through `search(q) → {ids, confident}` and aggregates the metrics by kind. */
function evaluate(search, subset) {
  const rows = subset.map((q) => {
    const r = search(q.q);
    const rank = q.relevant.length ? r.ids.slice(0, 10).findIndex((id) => q.relevant.includes(id)) + 1 : 0;
    return { q, rank, confident: r.confident, top: r.ids[0] ?? null };
  });
  const agg = (rs) => {
    const ans = rs.filter((r) => r.q.relevant.length);
    const no = rs.filter((r) => !r.q.relevant.length);
    return {
      n: rs.length,
      mrr: ans.length ? ans.reduce((s, r) => s + (r.rank ? 1 / r.rank : 0), 0) / ans.length : null,
      hit1: ans.length ? ans.filter((r) => r.rank === 1).length / ans.length : null,
      hit3: ans.length ? ans.filter((r) => r.rank && r.rank <= 3).length / ans.length : null,
      wronglyDeclined: ans.length ? ans.filter((r) => !r.confident).length / ans.length : null,
      declined: no.length ? no.filter((r) => !r.confident).length / no.length : null,
    };
  };
  const byKind = Object.fromEntries(KINDS.map((k) => [k, agg(rows.filter((r) => r.q.kind === k))]));
  return { rows, byKind, overall: agg(rows) };
}

const { QaSearchEngine, DEFAULT_OPTIONS } = await loadEngine();
const splitArg = args.includes('--split') ? args[args.indexOf('--split') + 1] : 'all';
const dev = queries.filter((q) => q.split === 'dev');
const heldout = queries.filter((q) => q.split === 'heldout');

const engineSearch = (engine) => (q) => {
  const r = engine.search(q, { limit: 10 });
  return { ids: r.hits.map((h) => h.doc.id), confident: r.confident };
};

// The baseline gets a decline threshold too, fitted on the dev split the same way (the lowest
// top score that declines ≥ 80% of dev no-answer queries), so the comparison is fair.
const bm25 = new Bm25Bigram(qas.map((q) => `${q.question} ${q.answer}`));
const bm25Raw = (q) => bm25.search(q, 10);
const devNo = dev.filter((q) => !q.relevant.length).map((q) => bm25Raw(q.q)[0]?.score ?? 0).sort((a, b) => a - b);
const bm25Threshold = devNo[Math.min(devNo.length - 1, Math.ceil(devNo.length * 0.8) - 1)] + 1e-9;
const baselineSearch = (q) => {
  const r = bm25Raw(q);
  return { ids: r.map((x) => qas[x.index].id), confident: (r[0]?.score ?? 0) >= bm25Threshold };
};

if (flag('grid')) {
  // Coarse search on the dev split only; the objective rewards MRR and declining no-answer
  // queries (up to 80 %) and penalises declining answerable ones.
  let best = null;
  const grid = [];
  for (const cw of [[0.5, 0.3, 0.2], [0.6, 0.25, 0.15]])
    for (const unigramWeight of [0.2, 0.3, 0.45])
      for (const idfPower of [0.5, 1])
        for (const evidenceScale of [0.4, 0.5, 0.75])
          for (const colloquialWeight of [0.7, 0.85]) grid.push({ channelWeights: cw, unigramWeight, idfPower, evidenceScale, colloquialWeight });
  const scored = [];
  for (const knobs of grid) {
    {
      {
        const engine = new QaSearchEngine(qas, { ...knobs, confidentScore: 0, minScore: 0, relativeCut: 0 });
        const rows = dev.map((q) => ({ q, r: engine.search(q.q, { limit: 10, raw: true }) }));
        // Best confidence threshold for these knobs: maximise MRR (after declines) + decline rate.
        for (const t of [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75])
        for (const minCoverage of [0, 0.3, 0.4, 0.5, 0.6]) {
          let rr = 0;
          let na = 0;
          let nd = 0;
          let nn = 0;
          let nw = 0;
          for (const { q, r } of rows) {
            const top = r.hits[0]?.score ?? 0;
            const declined = top < t || r.coverage < minCoverage;
            if (!q.relevant.length) {
              nn++;
              if (declined) nd++;
              continue;
            }
            na++;
            if (declined) nw++;
            const shown = r.hits.filter((h) => h.score >= Math.max(t * 0.5, top * DEFAULT_OPTIONS.relativeCut));
            const rank = shown.findIndex((h) => q.relevant.includes(h.doc.id)) + 1;
            if (rank) rr += 1 / rank;
          }
          const mrr = rr / na;
          const dec = nd / nn;
          // Answerable queries declined (no confident answer shown) cost too.
          const obj = mrr + (dec >= 0.8 ? 0.2 : dec / 4) - 0.25 * (nw / na);
          if (!best || obj > best.obj) best = { obj, mrr, dec, ...knobs, t, minCoverage };
          scored.push({ obj, mrr, dec, ...knobs, t, minCoverage });
        }
      }
    }
  }
  scored.sort((a, b) => b.obj - a.obj);
  for (const x of scored.slice(0, 8)) console.log(JSON.stringify(x));
  console.log('best on dev:', best);
  process.exit(0);
}

const engine = new QaSearchEngine(qas);
const fmt = (x) => (x === null ? '   — ' : x.toFixed(3));
function report(title, subset) {
  const e = evaluate(engineSearch(engine), subset);
  const b = evaluate(baselineSearch, subset);
  console.log(`\n${title} (${subset.length} queries)`);
  console.log('kind          n   | engine: MRR@10 Hit@1  Hit@3  declined wrongly-declined | BM25-bigram: MRR@10 Hit@1  Hit@3  declined');
  for (const k of [...KINDS, 'overall']) {
    const x = k === 'overall' ? e.overall : e.byKind[k];
    const y = k === 'overall' ? b.overall : b.byKind[k];
    if (!x.n) continue;
    console.log(
      `${k.padEnd(12)} ${String(x.n).padStart(3)}   |        ${fmt(x.mrr)}  ${fmt(x.hit1)}  ${fmt(x.hit3)}  ${fmt(x.declined)}    ${fmt(x.wronglyDeclined)}         |              ${fmt(y.mrr)}  ${fmt(y.hit1)}  ${fmt(y.hit3)}  ${fmt(y.declined)}`,
    );
  }
  if (flag('verbose')) {
    for (const r of e.rows) {
      const bad = r.q.relevant.length ? r.rank !== 1 || !r.confident : r.confident;
      if (bad) console.log(`  ✗ ${r.q.id} ${r.q.q} → rank ${r.rank} confident ${r.confident} top ${r.top} want ${r.q.relevant.join(',') || '(decline)'}`);
    }
  }
  return e;
}

console.log(`knowledge base: ${qas.length} Q&As; queries: ${queries.length} (dev ${dev.length}, held-out ${heldout.length}) + holdout-2 ${holdout2.length}; baseline decline threshold (fitted on dev): ${bm25Threshold.toFixed(2)}`);
if (splitArg === 'dev' || splitArg === 'all') report('DEV split', dev);
if (splitArg === 'heldout' || splitArg === 'all') report('HELD-OUT split', heldout);
if (splitArg === 'all') report('ALL queries.json queries (dev + held-out)', queries);
if (splitArg === 'holdout-2' || splitArg === 'all') report('HOLDOUT-2 split (never tuned on)', holdout2);
