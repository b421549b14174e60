// Development measurement of the Q&A search across knowledge bases, with the metric the
// issue uses: MRR@10 counting a not-confident answer as no answer ("strict"), next to the
// ranking alone, the share of answerable queries answered confidently and of no-answer
// queries declined. Sets: the demo content with bench/search-eval dev queries, and the small
// development knowledge base of this folder (devkb.json). Held-out sets are left to
// bench/search-quality.mjs.
//
//   node bff/src/features/qa-search/__dev__/measure.mjs [--opts '{"prfWeight":0.3}'] [--verbose]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = process.env.MEASURE_ROOT ?? path.resolve(here, '../../../../..');
const args = process.argv.slice(2);
const opt = (n) => (args.includes(`--${n}`) ? args[args.indexOf(`--${n}`) + 1] : undefined);
const engineMod = await tsImport(pathToUrl(path.join(here, '../engine.ts')), import.meta.url);
const ctxMod = await tsImport(pathToUrl(path.join(here, '../context.ts')), import.meta.url).catch(() => null);
function pathToUrl(p) {
  return new URL(`file://${p}`).href;
}
const { QaSearchEngine } = engineMod.QaSearchEngine ? engineMod : engineMod.default;
const linkContext = ctxMod && (ctxMod.linkContext ?? ctxMod.default?.linkContext);
const read = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));

export function loadSets(which = opt('split') ?? 'dev') {
  const content = path.join(root, 'packages/upstream-sim/content');
  const demo = { qas: read(path.join(content, 'qas.json')), policies: read(path.join(content, 'policies.json')), interpretations: read(path.join(content, 'interpretations.json')) };
  const qs = read(path.join(root, 'bench/search-eval/queries.json')).queries;
  const sets = [{ name: `demo/${which}`, kb: demo, queries: which === 'holdout-2' ? read(path.join(root, 'bench/search-eval/holdout-2.json')).queries : qs.filter((q) => which === 'all' || q.split === which) }];
  const dev = path.join(here, 'devkb.json');
  if (fs.existsSync(dev)) {
    const d = read(dev);
    sets.push({ name: 'devkb', kb: d, queries: d.queries });
  }
  return sets;
}

export function docsOf(kb) {
  return linkContext ? linkContext(kb.qas, kb.policies ?? [], kb.interpretations ?? [], { body: args.includes('--body') }) : kb.qas;
}

export function evaluate(engine, queries) {
  const byKind = {};
  const all = [];
  for (const q of queries) {
    const r = engine.search(q.q, { limit: 10 });
    const ids = r.hits.map((h) => h.doc.id);
    const rank = q.relevant.length ? ids.findIndex((id) => q.relevant.includes(id)) + 1 : 0;
    const row = { q, rank, confident: r.confident, top: ids[0], score: r.hits[0]?.score ?? 0 };
    all.push(row);
    (byKind[q.kind] ??= []).push(row);
  }
  const agg = (rows) => {
    const ans = rows.filter((r) => r.q.relevant.length);
    const no = rows.filter((r) => !r.q.relevant.length);
    return {
      n: rows.length,
      strict: ans.length ? ans.reduce((s, r) => s + (r.rank && r.confident ? 1 / r.rank : 0), 0) / ans.length : null,
      ranking: ans.length ? ans.reduce((s, r) => s + (r.rank ? 1 / r.rank : 0), 0) / ans.length : null,
      confident: ans.length ? ans.filter((r) => r.confident).length / ans.length : null,
      declined: no.length ? no.filter((r) => !r.confident).length / no.length : null,
    };
  };
  return { rows: all, overall: agg(all), byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, agg(v)])) };
}

/**
 * Learning, simulated. Citizens ask each query of the set once: for an answerable one three
 * of them open its Q&A and vote it helpful; for a no-answer one three open the top result
 * (what a citizen does when nothing fits) without voting. Then the same questions are asked
 * again in other words of the same meaning — Traditional script with a polite filler — and
 * measured with and without the associations learned.
 */
export async function evaluateLearning(engine, queries, votersPerQuery = 3) {
  const m = await tsImport(pathToUrl(path.join(here, '../learning.ts')), import.meta.url);
  const { Associations, LEARNING } = m.Associations ? m : m.default;
  if (opt('minsim')) LEARNING.minSimilarity = Number(opt('minsim'));
  const OpenCC = await import('opencc-js');
  const toTw = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const assoc = new Associations(() => 0);
  for (const q of queries) {
    const key = engine.queryKey(q.q);
    const target = q.relevant[0] ?? engine.search(q.q, { limit: 1 }).hits[0]?.doc.id;
    if (!target) continue;
    for (let u = 0; u < votersPerQuery; u++) {
      assoc.put(`u:${q.id}:${u}`, key, target, q.relevant.length ? 'helpful' : 'opened', 0);
    }
  }
  const again = queries.map((q) => ({ ...q, q: `請問${toTw(q.q)}` }));
  const withLift = { search: (q, o) => engine.search(q, { ...o, lift: (k, v) => assoc.lift(k, v) }) };
  return { before: evaluate(engine, again), after: evaluate(withLift, again) };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const opts = opt('opts') ? JSON.parse(opt('opts')) : {};
  const f = (x) => (x === null ? '  —  ' : x.toFixed(3));
  for (const set of loadSets()) {
    const engine = new QaSearchEngine(docsOf(set.kb), opts);
    if (args.includes('--learn')) {
      const { before, after } = await evaluateLearning(engine, set.queries);
      console.log(`\n${set.name} learning (${before.overall.n} queries): before strict ${f(before.overall.strict)} ranking ${f(before.overall.ranking)} confident ${f(before.overall.confident)} declined ${f(before.overall.declined)} → after strict ${f(after.overall.strict)} ranking ${f(after.overall.ranking)} confident ${f(after.overall.confident)} declined ${f(after.overall.declined)}`);
      continue;
    }
    const e = evaluate(engine, set.queries);
    console.log(`\n${set.name}: ${set.kb.qas.length} Q&As, ${set.queries.length} queries`);
    console.log('kind           n  strict ranking confident declined');
    for (const [k, x] of [...Object.entries(e.byKind), ['overall', e.overall]]) console.log(`${k.padEnd(12)} ${String(x.n).padStart(3)}  ${f(x.strict)}  ${f(x.ranking)}  ${f(x.confident)}   ${f(x.declined)}`);
    if (args.includes('--verbose'))
      for (const r of e.rows) if (r.q.relevant.length ? r.rank !== 1 || !r.confident : r.confident) console.log(`  ✗ ${r.q.q} → rank ${r.rank} conf ${r.confident} score ${r.score.toFixed(3)} top ${r.top} want ${r.q.relevant.join(',') || '-'}`);
  }
}
