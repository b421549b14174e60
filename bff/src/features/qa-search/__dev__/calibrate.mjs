// Calibrates `confident` (EngineOptions.confidentScore and minCoverage) on every development
// knowledge base at once: the demo content's dev split and devkb.json. Objective: the mean over
// the knowledge bases of MRR@10 counting a not-confident answer as no answer, with every
// knowledge base declining at least 80 % of its no-answer questions (else heavily penalised).
// A threshold that only fits one knowledge base loses on the other.
//
//   node bff/src/features/qa-search/__dev__/calibrate.mjs [--opts '{…}']
import { loadSets, docsOf } from './measure.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opts = args.includes('--opts') ? JSON.parse(args[args.indexOf('--opts') + 1]) : {};
const m = await tsImport(new URL(`file://${path.join(here, '../engine.ts')}`).href, import.meta.url);
const { QaSearchEngine, DEFAULT_OPTIONS } = m.QaSearchEngine ? m : m.default;

const sets = loadSets('dev').map((set) => {
  // Raw confidence (no coverage blend): the blend is what is searched here.
  const engine = new QaSearchEngine(docsOf(set.kb), { ...opts, coverageBlend: 0 });
  const rows = set.queries.map((q) => ({ q, r: engine.search(q.q, { limit: 10, raw: true }) }));
  return { name: set.name, rows };
});

function score(t, c, beta = 0) {
  const per = sets.map(({ name, rows }) => {
    let rr = 0, na = 0, nn = 0, nd = 0, nc = 0;
    for (const { q, r } of rows) {
      const top = r.hits[0]?.score ?? 0;
      const confident = (r.confidence ?? 0) * (1 - beta + beta * (r.coverage ?? 0)) >= t && (r.coverage ?? 0) >= c && r.hits.length > 0;
      if (!q.relevant.length) {
        nn++;
        if (!confident) nd++;
        continue;
      }
      na++;
      if (!confident) continue;
      nc++;
      const shown = r.hits.filter((h) => h.score >= Math.max(DEFAULT_OPTIONS.minScore, top * DEFAULT_OPTIONS.relativeCut));
      const rank = shown.findIndex((h) => q.relevant.includes(h.doc.id)) + 1;
      if (rank) rr += 1 / rank;
    }
    return { name, strict: rr / na, confident: nc / na, declined: nd / nn };
  });
  const mean = per.reduce((s, x) => s + x.strict, 0) / per.length;
  const penalty = per.reduce((s, x) => s + Math.max(0, 0.8 - x.declined) * 2, 0);
  return { t, c, beta, obj: mean - penalty, per };
}

const results = [];
for (let t = 0.2; t <= 0.85; t += 0.025) for (const c of [0, 0.1, 0.2, 0.3]) for (const beta of [0, 0.25, 0.5, 0.75, 1]) results.push(score(Math.round(t * 1000) / 1000, c, beta));
results.sort((a, b) => b.obj - a.obj);
const show = (x) => `t=${x.t} coverage≥${x.c} β=${x.beta} obj=${x.obj.toFixed(3)} | ` + x.per.map((p) => `${p.name}: strict ${p.strict.toFixed(3)} conf ${p.confident.toFixed(3)} decl ${p.declined.toFixed(3)}`).join(' | ');
for (const x of results.slice(0, 8)) console.log(show(x));
console.log('current:', show(score(DEFAULT_OPTIONS.confidentScore, DEFAULT_OPTIONS.minCoverage, DEFAULT_OPTIONS.coverageBlend ?? 0)));
