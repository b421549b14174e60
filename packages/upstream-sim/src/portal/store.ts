import fs from 'node:fs';
import path from 'node:path';
import { toChinaIso } from '../common/time';
import { ContentValidationError, loadPortalContent, revisionOf, type ContentRecord, type ContentSet } from './loader';
import { COLLECTIONS, COLLECTION_SPECS, type CollectionName } from './schema';

/** A record as served: the validated content plus `modifiedAt` and `revision`. */
export type ServedRecord = ContentRecord & { modifiedAt: string; revision: string };

interface Collection {
  records: ServedRecord[];
  byId: Map<string, ServedRecord>;
}

/**
 * Holds the served content of one directory and swaps it atomically on reload.
 * `modifiedAt` of a record stays put across reloads unless its canonical JSON changed.
 */
export class PortalStore {
  private collections = {} as Record<CollectionName, Collection>;
  private signature = '';
  private timer?: NodeJS.Timeout;
  loadedAt = '';

  constructor(
    readonly dir: string,
    private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  /** Loads the directory; throws ContentValidationError on the first load if it is invalid. */
  loadInitial(): void {
    this.signature = this.currentSignature();
    const { content, warnings } = loadPortalContent(this.dir);
    this.swap(content);
    for (const w of warnings) this.log(`portal content warning: ${w}`);
  }

  /** Re-reads the directory when any file's mtime/size changed; keeps old content if invalid. */
  reloadIfChanged(): boolean {
    const sig = this.currentSignature();
    if (sig === this.signature) return false;
    this.signature = sig;
    try {
      const { content, warnings } = loadPortalContent(this.dir);
      this.swap(content);
      this.log(`portal content reloaded from ${this.dir}: ${JSON.stringify(this.counts())}`);
      for (const w of warnings) this.log(`portal content warning: ${w}`);
      return true;
    } catch (err) {
      const detail = err instanceof ContentValidationError ? err.message : String(err);
      this.log(`portal content reload rejected, keeping previous content:\n${detail}`);
      return false;
    }
  }

  startPolling(intervalMs: number): void {
    this.stopPolling();
    this.timer = setInterval(() => this.reloadIfChanged(), intervalMs);
    this.timer.unref();
  }

  stopPolling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  list(name: CollectionName): ServedRecord[] {
    return this.collections[name].records;
  }

  get(name: CollectionName, id: string): ServedRecord | undefined {
    return this.collections[name].byId.get(id);
  }

  counts(): Record<CollectionName, number> {
    return Object.fromEntries(COLLECTIONS.map((c) => [c, this.collections[c]?.records.length ?? 0])) as Record<CollectionName, number>;
  }

  private swap(content: ContentSet): void {
    const now = toChinaIso(Date.now());
    const next = {} as Record<CollectionName, Collection>;
    for (const name of COLLECTIONS) {
      const previous = this.collections[name]?.byId;
      const byId = new Map<string, ServedRecord>();
      const records = content[name].map((record) => {
        const revision = revisionOf(record);
        const old = previous?.get(record.id);
        const modifiedAt = old && old.revision === revision ? old.modifiedAt : now;
        const served: ServedRecord = { ...record, modifiedAt, revision };
        byId.set(record.id, served);
        return served;
      });
      next[name] = { records, byId };
    }
    this.collections = next;
    this.loadedAt = now;
  }

  private currentSignature(): string {
    return COLLECTIONS.map((name) => {
      try {
        const st = fs.statSync(path.join(this.dir, COLLECTION_SPECS[name].file));
        return `${st.mtimeMs}:${st.size}:${st.ino}`;
      } catch {
        return 'missing';
      }
    }).join('|');
  }
}
