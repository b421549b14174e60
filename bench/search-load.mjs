// Speed of the Q&A search engine over a large generated knowledge base, in-process, next to
// the BM25-over-character-bigrams baseline (bench/lib/bm25-bigram.mjs) on the same corpus:
// index build time, heap growth, and query latency p50/p99 over a mix of realistic queries
// (the evaluation set's citizen queries, with and without district names), run alternately.
// The engine's index is built the way the BFF builds it (QaSearchEngine.build: slices that
// yield to the event loop), with perf_hooks.monitorEventLoopDelay recording the longest
// event-loop block during the build (a synchronous build blocks for its whole duration: the
// baseline row). Then a 10-entry change (5 changed, 3 added, 2 deleted) is applied in place,
// several times, and its time reported; latency is measured after those changes.
//
//   node bench/search-load.mjs [--docs 100000] [--queries 3000]
import { spawnSync } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bm25Bigram } from './lib/bm25-bigram.mjs';
import { loadEngine } from './lib/engine.mjs';

if (typeof globalThis.gc !== 'function') {
  // Heap deltas need a forced GC before each reading.
  const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : def);
const DOCS = opt('docs', 100_000);
const QUERIES = opt('queries', 3000);

const demo = JSON.parse(fs.readFileSync(path.join(here, '../packages/upstream-sim/content/qas.json'), 'utf8'));
const { queries: evalQueries } = JSON.parse(fs.readFileSync(path.join(here, 'search-eval/queries.json'), 'utf8'));

// Deterministic PRNG so every run indexes the same corpus.
let seed = 20261125;
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const places = ['江海市', '东城区', '西城区', '南湖区', '北塘区', '滨江区', '临港新区', '高新区', '青山县', '白沙镇', '梅林街道', '花园街道', '金沙乡', '石桥镇', '望江街道', '龙泉县', '新民街道', '长乐镇', '海港区', '湖滨街道'];
const who = ['', '老年人', '残疾人', '退役军人', '高校毕业生', '外地务工人员', '个体工商户', '小微企业', '低保家庭', '独居老人', '留守儿童家庭', '新市民', '农民工', '失业人员', '孕产妇', '困难职工', '灵活就业人员', '港澳台居民', '外籍人士', '社区工作者'];
const when = ['', '2024年', '2025年', '2026年', '今年', '疫情后', '新规实施后', '年底前', '节假日期间', '汛期'];
const sentences = demo.flatMap((q) => q.answer.split(/(?<=[。！？])/).filter((s) => s.length > 6));

/** 100k distinct Q&As built from the demo knowledge base's phrases, districts, groups and times. */
function generate(n) {
  const seen = new Set();
  const docs = [];
  const norm = (s) => s.normalize('NFKC').replace(/[\s，。？！、：；“”《》（）,.?!:;()]/g, '');
  while (docs.length < n) {
    const base = pick(demo);
    const question = `${pick(places)}${pick(when)}${pick(who)}${who.length && rand() < 0.5 ? '想问：' : ''}${base.question}`;
    const key = norm(question);
    if (seen.has(key)) continue;
    seen.add(key);
    const answer = [base.answer.slice(0, 60 + Math.floor(rand() * 80)), pick(sentences), pick(sentences)].join('');
    docs.push({ id: `gen-${docs.length + 1}`, question, answer, policyId: null, topics: base.topics });
  }
  return { docs, distinct: seen.size };
}

function heapMb() {
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  // Postings live in typed arrays, whose large backing stores are outside the JS heap.
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

const { QaSearchEngine } = await loadEngine();
// Load the segmenter and converters before measuring (one-time costs, ~0.3 s).
new QaSearchEngine(demo.slice(0, 2)).search('低保');

const t0 = performance.now();
const { docs, distinct } = generate(DOCS);
const genMs = performance.now() - t0;
console.log(`corpus: ${docs.length} generated Q&As (${distinct} distinct normalised questions) in ${(genMs / 1000).toFixed(1)} s`);

let h0 = heapMb();
const loop = monitorEventLoopDelay({ resolution: 1 });
// A 1 ms timer stands for the BFF's other work: it must keep getting turns during the build.
let ticks = 0;
const ticker = setInterval(() => ticks++, 1);
loop.enable();
let t = performance.now();
// (An older engine revision, run through QA_ENGINE, may only have the synchronous constructor.)
const engine = QaSearchEngine.build ? await QaSearchEngine.build(docs) : new QaSearchEngine(docs);
const engineBuild = performance.now() - t;
loop.disable();
clearInterval(ticker);
const engineHeap = heapMb() - h0;
// A synchronous build (an older engine revision) blocks the loop for its whole duration.
const longestBlockMs = QaSearchEngine.build ? loop.max / 1e6 : engineBuild;

// Incremental updates: 10 entries per change (5 changed, 3 new, 2 deleted), applied in place.
const updateMs = [];
let nextId = DOCS + 1;
for (let round = 0; engine.apply && round < 7; round++) {
  const upsert = [];
  for (let i = 0; i < 5; i++) {
    const d = docs[Math.floor(rand() * docs.length)];
    upsert.push({ ...d, question: `${d.question.slice(0, -1)}（第${round + 1}次修订）？`, answer: `${pick(sentences)}${d.answer}` });
  }
  for (let i = 0; i < 3; i++) {
    const base = pick(demo);
    upsert.push({ id: `gen-${nextId++}`, question: `${pick(places)}${pick(who)}新问：${base.question}`, answer: base.answer, policyId: null, topics: base.topics });
  }
  const remove = [docs[Math.floor(rand() * docs.length)].id, docs[Math.floor(rand() * docs.length)].id];
  const s0 = performance.now();
  engine.apply({ upsert, remove });
  engine.search('低保'); // the first search after a change recomputes the length norms: count it
  updateMs.push(performance.now() - s0);
}

h0 = heapMb();
t = performance.now();
const bm25 = new Bm25Bigram(docs.map((d) => `${d.question} ${d.answer}`));
const bm25Build = performance.now() - t;
const bm25Heap = heapMb() - h0;

// Query mix: citizen queries of every kind, half of them with a district or group in front.
const mix = [];
for (let i = 0; i < QUERIES; i++) {
  const q = pick(evalQueries).q;
  mix.push(rand() < 0.5 ? q : `${pick(places)}${pick(who)}${q}`);
}
for (const q of mix.slice(0, 300)) {
  engine.search(q, { limit: 10 });
  bm25.search(q, 10);
}
const lat = { engine: [], bm25: [] };
for (const q of mix) {
  let s = performance.now();
  engine.search(q, { limit: 10 });
  lat.engine.push(performance.now() - s);
  s = performance.now();
  bm25.search(q, 10);
  lat.bm25.push(performance.now() - s);
}

const row = (name, build, heap, l) =>
  `${name.padEnd(22)} ${(build / 1000).toFixed(1).padStart(8)} s ${heap.toFixed(0).padStart(11)} MB ${percentile(l, 50).toFixed(2).padStart(9)} ms ${percentile(l, 99).toFixed(2).padStart(9)} ms ${Math.max(...l).toFixed(1).padStart(8)} ms`;
console.log(`\n${QUERIES} queries, alternating engine / baseline, limit 10, in-process`);
console.log(`${'index'.padEnd(22)} ${'build'.padStart(10)} ${'heap+buffers Δ'.padStart(11)} ${'p50'.padStart(12)} ${'p99'.padStart(12)} ${'max'.padStart(11)}`);
console.log(row('qa-search engine', engineBuild, engineHeap, lat.engine));
console.log(row('BM25 char bigrams', bm25Build, bm25Heap, lat.bm25));
console.log(`\nfull build of the engine index in slices: ${(engineBuild / 1000).toFixed(1)} s; longest event-loop block during it: ${longestBlockMs.toFixed(1)} ms (${ticks} turns of a 1 ms timer got through); a synchronous build would block for the whole ${(engineBuild / 1000).toFixed(1)} s`);
if (updateMs.length) console.log(`10-entry change (5 changed, 3 added, 2 deleted) applied in place at ${DOCS}: median ${percentile(updateMs, 50).toFixed(1)} ms, max ${Math.max(...updateMs).toFixed(1)} ms over ${updateMs.length} changes (vs a full rebuild: ${(engineBuild / 1000).toFixed(1)} s)`);
console.log(`\np99 ratio engine / baseline: ${(percentile(lat.engine, 99) / percentile(lat.bm25, 99)).toFixed(2)}; target p99 < 15 ms: ${percentile(lat.engine, 99) < 15 ? 'met' : 'NOT met'}`);
