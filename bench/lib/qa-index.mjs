// The Q&A search exactly as the BFF builds and answers it, over any portal content directory:
// the portal simulator serves the directory (in-process, the same loader and schema checks as
// PORTAL_CONTENT_DIR), the BFF's own portal client reads it, the qa-search feature's QaIndex
// follows it and builds the engine, and its searchQas answers like GET /api/v1/qa/search. So
// whatever the feature indexes from the portal (Q&As, and anything they link to) is indexed
// here too, without a copy of that wiring.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FEATURE_DIR = path.join(ROOT, 'bff/src/features/qa-search');
/** A TypeScript module through tsx; its exports (tsx may hand them over as `default` when the module compiles to CommonJS). */
const load = (file, name) => tsImport(pathToFileURL(file).href, import.meta.url).then((m) => (name in m ? m : m.default));

/**
 * Resolves the search revision to evaluate. `target` (default env QA_ENGINE) is a qa-search
 * directory or an engine.ts inside one (another worktree, an exported old revision); when it
 * is not a feature's engine.ts with index-sync.ts and service.ts beside it that load, only the
 * engine is swapped in and built from the portal's Q&As directly (`mode: 'engine-only'`; `why`
 * says why). Without a target: this checkout's bff/src/features/qa-search.
 */
export async function loadQaSearch(target = process.env.QA_ENGINE) {
  let dir = FEATURE_DIR;
  let engineFile = path.join(FEATURE_DIR, 'engine.ts');
  if (target) {
    const abs = path.resolve(target);
    const isDir = fs.statSync(abs).isDirectory();
    dir = isDir ? abs : path.dirname(abs);
    engineFile = isDir ? path.join(abs, 'engine.ts') : abs;
  }
  const engine = await load(engineFile, 'QaSearchEngine');
  const [sim, client, kvMod, logMod, tasksMod] = await Promise.all([
    load(path.join(ROOT, 'packages/upstream-sim/src/portal/server.ts'), 'createPortalSim'),
    load(path.join(ROOT, 'bff/src/upstream/portal/client.ts'), 'createPortalClient'),
    load(path.join(ROOT, 'bff/src/core/kv.ts'), 'createMemoryKv'),
    load(path.join(ROOT, 'bff/src/core/logger.ts'), 'createLogger'),
    load(path.join(ROOT, 'bff/src/core/tasks.ts'), 'TaskRunner'),
  ]);
  // The feature's index and service when they sit beside engine.ts and load (a directory cut
  // out of its checkout cannot reach ../../core): otherwise only the engine is swapped in.
  let sync = null;
  let service = null;
  let why = null;
  if (path.basename(engineFile) !== 'engine.ts' || !fs.existsSync(path.join(dir, 'index-sync.ts')) || !fs.existsSync(path.join(dir, 'service.ts'))) why = 'no index-sync.ts and service.ts beside the engine';
  else {
    try {
      sync = await load(path.join(dir, 'index-sync.ts'), 'QaIndex');
      service = await load(path.join(dir, 'service.ts'), 'searchQas');
    } catch (err) {
      why = `the feature beside the engine does not load: ${err.message.split('\n')[0]}`;
    }
  }
  const wired = !why;

  /** Serves `contentDir` through the portal simulator and builds the search from it; resolves with `{ search(q) → {ids, confident}, size }`. */
  async function open(contentDir) {
    const portalSim = sim.createPortalSim({ contentDir, reloadMs: 0, log: () => {} });
    const baseUrl = await portalSim.listen(0);
    const logger = logMod.createLogger('silent');
    const portal = client.createPortalClient({ baseUrl, timeoutMs: 30_000, logger });
    try {
      if (!wired) {
        const docs = (await portal.listAll('qas')).map((q) => ({ id: q.id, question: q.question, answer: q.answer, policyId: q.policyId ?? null, topics: q.topics }));
        const e = engine.QaSearchEngine.build ? await engine.QaSearchEngine.build(docs) : new engine.QaSearchEngine(docs);
        return {
          size: docs.length,
          search: (q) => {
            const r = e.search(q, { limit: 10 });
            return { ids: r.hits.map((h) => h.doc.id), confident: r.confident };
          },
        };
      }
      const kv = kvMod.createMemoryKv();
      const tasks = new tasksMod.TaskRunner(kv, logger);
      const index = new sync.QaIndex({ portal, kv, logger, refreshMs: 3_600_000, snapshotTtlMs: 3_600_000 });
      index.start(tasks);
      await index.ready();
      await index.stop();
      await tasks.stop();
      if (!index.current()) throw new Error(`the Q&A index of ${contentDir} was not built (portal unreachable?)`);
      if (index.status() !== 'ok') throw new Error(`the Q&A index of ${contentDir} did not sync with the portal`);
      const size = (await portal.ids('qas')).length;
      return {
        size,
        search: (q) => {
          const r = service.searchQas(index, q, 10);
          return { ids: r.items.map((i) => i.id), confident: r.confident };
        },
      };
    } finally {
      await portal.close();
      await portalSim.close();
    }
  }

  return { dir, engineFile, mode: wired ? 'bff-index' : 'engine-only', why, QaSearchEngine: engine.QaSearchEngine, DEFAULT_OPTIONS: engine.DEFAULT_OPTIONS, open };
}
