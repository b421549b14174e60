// Query latency of engine options on one large generated index (the corpus of
// bench/search-load.mjs, rebuilt here), to see what each part costs. Options are swapped on
// the built engine, so every variant runs on the same index.
//
//   node bff/src/features/qa-search/__dev__/speed.mjs [--docs 100000] [--queries 1000] [--engine path/to/other/engine.ts]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../../../..');
const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(`--${n}`) ? Number(args[args.indexOf(`--${n}`) + 1]) : d);
const file = args.includes('--engine') ? path.resolve(args[args.indexOf('--engine') + 1]) : path.join(here, '../engine.ts');
const m = await tsImport(new URL(`file://${file}`).href, import.meta.url);
const { QaSearchEngine, DEFAULT_OPTIONS } = m.QaSearchEngine ? m : m.default;
const demo = JSON.parse(fs.readFileSync(path.join(root, 'packages/upstream-sim/content/qas.json'), 'utf8'));
const { queries } = JSON.parse(fs.readFileSync(path.join(root, 'bench/search-eval/queries.json'), 'utf8'));
let seed = 7;
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const places = ['江海市', '东城区', '西城区', '南湖区', '北塘区', '滨江区', '临港新区', '高新区', '青山县', '白沙镇'];
const who = ['', '老年人', '残疾人', '退役军人', '高校毕业生', '外地务工人员', '个体工商户', '小微企业', '低保家庭', '独居老人'];
const sentences = demo.flatMap((q) => q.answer.split(/(?<=[。！？])/).filter((s) => s.length > 6));
const docs = [];
for (let i = 0; i < opt('docs', 100000); i++) {
  const b = pick(demo);
  docs.push({ id: `g-${i}`, question: `${pick(places)}${pick(who)}${i}号${b.question}`, answer: b.answer.slice(0, 60 + Math.floor(rand() * 80)) + pick(sentences), topics: b.topics });
}
const t0 = performance.now();
const engine = await QaSearchEngine.build(docs);
console.log(`built ${docs.length} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const mix = Array.from({ length: opt('queries', 1000) }, () => (rand() < 0.5 ? pick(queries).q : `${pick(places)}${pick(who)}${pick(queries).q}`));
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
// The first round warms the JIT up and is not a measurement.
const variants = args.includes('--engine') ? [['(warm-up)', {}], ['defaults', {}]] : [
  ['(warm-up)', {}],
  ['defaults', {}],
  ['no dictionary', { dictionaryWeight: 0 }],
  ['dictionary unknown-only', { dictionaryScope: 'unknown' }],
  ['no ask', { askWeight: 0 }],
  ['no context', { contextWeight: 0 }],
];
for (const [name, o] of variants) {
  engine.opts = { ...DEFAULT_OPTIONS, ...o };
  for (const q of mix.slice(0, 100)) engine.search(q);
  // Wall time and this process's CPU time per query: on a shared machine the wall time also
  // counts waiting for a core, the CPU time only the work.
  const cpu = [];
  const lat = mix.map((q) => {
    const c = process.cpuUsage();
    const s = performance.now();
    engine.search(q);
    const ms = performance.now() - s;
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
    return ms;
  });
  console.log(`${name.padEnd(26)} wall p50 ${pct(lat, 50).toFixed(2)} ms p99 ${pct(lat, 99).toFixed(2)} ms | cpu p50 ${pct(cpu, 50).toFixed(2)} ms p99 ${pct(cpu, 99).toFixed(2)} ms`);
}
