import { tsImport } from 'tsx/esm/api';
import fs from 'node:fs';
const m = await tsImport('/work/wt-s12-engine/bff/src/features/qa-search/engine.ts', import.meta.url);
const c = await tsImport('/work/wt-s12-engine/bff/src/features/qa-search/context.ts', import.meta.url);
const E = m.QaSearchEngine ?? m.default.QaSearchEngine; const link = c.linkContext ?? c.default.linkContext;
const d='/work/wt-s12-engine/packages/upstream-sim/content/'; const r=(f)=>JSON.parse(fs.readFileSync(d+f+'.json','utf8'));
const e = new E(link(r('qas'), r('policies'), r('interpretations')), JSON.parse(process.argv[3]||'{}'));
for (const q of process.argv[2].split(',')) { const x=e.search(q,{raw:true,limit:6}); console.log(q, x.confident, x.coverage?.toFixed(2), x.hits.map(h=>h.doc.id+':'+h.score).join(' ')); }
