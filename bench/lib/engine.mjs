// Loads the BFF's TypeScript search engine into a plain node script through tsx.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

/**
 * The qa-search engine module (QaSearchEngine, DEFAULT_OPTIONS, …). `file` (or env
 * QA_ENGINE) points at another copy of engine.ts, e.g. an older revision for a before/after run.
 */
export async function loadEngine(file = process.env.QA_ENGINE) {
  const m = await tsImport(file ? pathToFileURL(path.resolve(file)).href : '../../bff/src/features/qa-search/engine.ts', import.meta.url);
  return m.QaSearchEngine ? m : m.default;
}
