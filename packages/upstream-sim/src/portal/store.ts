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
  /** The content of the directory as last loaded, before `put` records are laid over it. */
  private files = {} as ContentSet;
  /** Records put at run time (the `/__sim` hook), per collection: kept over reloads of the directory. */
  private readonly puts = Object.fromEntries(COLLECTIONS.map((c) => [c, new Map<string, ContentRecord>()])) as Record<
    CollectionName,
    Map<string, ContentRecord>
  >;
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

  /**
   * Adds a record, or replaces the one with its id (from the files or an earlier put), as the
   * portal would publish or change it; it is served from now on, also after the directory
   * reloads. `record` must already be valid for the collection. Answers whether it was new.
   */
  put(name: CollectionName, record: ContentRecord): { created: boolean; record: ServedRecord } {
    const created = !this.collections[name].byId.has(record.id);
    this.puts[name].set(record.id, record);
    this.swap(this.files);
    return { created, record: this.collections[name].byId.get(record.id)! };
  }

  counts(): Record<CollectionName, number> {
    return Object.fromEntries(COLLECTIONS.map((c) => [c, this.collections[c]?.records.length ?? 0])) as Record<CollectionName, number>;
  }

  private swap(content: ContentSet): void {
    this.files = content;
    const now = toChinaIso(Date.now());
    const next = {} as Record<CollectionName, Collection>;
    for (const name of COLLECTIONS) {
      const previous = this.collections[name]?.byId;
      const byId = new Map<string, ServedRecord>();
      const puts = this.puts[name];
      // A put record takes the place of the file's record with its id; new ones follow the file's.
      const fromFiles = content[name].map((record) => puts.get(record.id) ?? record);
      const fileIds = new Set(content[name].map((r) => r.id));
      const merged = [...fromFiles, ...[...puts.values()].filter((r) => !fileIds.has(r.id))];
      const records = merged.map((record) => {
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
