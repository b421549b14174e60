// Prints the top hits of a few queries on the demo content (with its policies and
// interpretations as context), for looking at a case by hand.
//
//   node bff/src/features/qa-search/__dev__/try.mjs "低保怎么申请,列席会议怎么报名" ['{"askWeight":0}']
import { tsImport } from 'tsx/esm/api';
import fs from 'node:fs';
const m = await tsImport(new URL('../engine.ts', import.meta.url).href, import.meta.url);
const c = await tsImport(new URL('../context.ts', import.meta.url).href, import.meta.url);
const E = m.QaSearchEngine ?? m.default.QaSearchEngine; const link = c.linkContext ?? c.default.linkContext;
const d=new URL('../../../../../packages/upstream-sim/content/', import.meta.url).pathname; const r=(f)=>JSON.parse(fs.readFileSync(d+f+'.json','utf8'));
const e = new E(link(r('qas'), r('policies'), r('interpretations')), JSON.parse(process.argv[3]||'{}'));
for (const q of process.argv[2].split(',')) { const x=e.search(q,{raw:true,limit:6}); console.log(q, x.confident, x.coverage?.toFixed(2), x.hits.map(h=>h.doc.id+':'+h.score).join(' ')); }
