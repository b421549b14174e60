// Loads the BFF's TypeScript search engine into a plain node script through tsx.
import { tsImport } from 'tsx/esm/api';

/** The qa-search engine module (QaSearchEngine, DEFAULT_OPTIONS, …). */
export async function loadEngine() {
  const m = await tsImport('../../bff/src/features/qa-search/engine.ts', import.meta.url);
  return m.QaSearchEngine ? m : m.default;
}
