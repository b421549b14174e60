import type { Kv } from '../../core/kv';
import type { Logger } from '../../core/logger';
import type { PortalClient } from '../../upstream/portal/client';
import type { PortalQa } from '../../upstream/portal/types';
import { QaSearchEngine, type QaDoc } from './engine';

export const SNAPSHOT_KEY = 'qa-search:snapshot:v1';
/** Change sets up to this size (or 20 % of the entries) are applied to the live index in place. */
const INCREMENTAL_MAX = 500;

interface Snapshot {
  savedAt: string;
  watermark: string | null;
  items: PortalQa[];
}

export interface QaIndexOptions {
  portal: PortalClient;
  kv: Kv;
  logger: Logger;
  /** Poll interval for portal changes. */
  refreshMs: number;
  /** How long the snapshot of the Q&As is kept in the Kv. */
  snapshotTtlMs: number;
}

const toDoc = (q: PortalQa): QaDoc => ({ id: q.id, question: q.question, answer: q.answer, policyId: q.policyId ?? null, topics: q.topics });

/**
 * Keeps the search engine in step with the portal's Q&As. On start it loads the last snapshot
 * from the Kv (so a BFF restarted during a portal outage still answers), then fetches every
 * Q&A in the background; afterwards it polls every `refreshMs` for records changed since the
 * newest `modifiedAt` seen, plus the id list for deletions, and applies the changes to the live
 * index in place (a full build, in event-loop-friendly slices, only when there is no index yet
 * or most of it changed). A failed poll keeps the current engine and marks the index stale.
 */
export class QaIndex {
  private engine: QaSearchEngine | null = null;
  private docs = new Map<string, PortalQa>();
  private watermark: string | null = null;
  /** True once a complete list came from the portal (not only the snapshot). */
  private synced = false;
  private failing = false;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly log: Logger;

  constructor(private readonly opts: QaIndexOptions) {
    this.log = opts.logger.child({ feature: 'qa-search' });
  }

  /** The engine to search, or null while there is nothing at all (no snapshot, portal not reached yet). */
  current(): QaSearchEngine | null {
    return this.engine;
  }

  /** 'ok' after a successful sync with the portal; 'stale' while serving a snapshot or after failed polls. */
  status(): 'ok' | 'stale' {
    return this.synced && !this.failing ? 'ok' : 'stale';
  }

  /** Loads the snapshot, then syncs in the background and keeps polling until stop(). */
  start(): void {
    this.running = this.loadSnapshot()
      .then(() => this.refresh())
      .finally(() => {
        this.running = null;
        this.schedule();
      });
  }

  /** Stops polling and waits for a poll in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Resolves once the first sync attempt (snapshot + portal) has finished; for tests and benchmarks. */
  async ready(): Promise<void> {
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.refresh().finally(() => {
        this.running = null;
        this.schedule();
      });
    }, this.opts.refreshMs);
    this.timer.unref();
  }

  private async loadSnapshot(): Promise<void> {
    try {
      const raw = await this.opts.kv.get(SNAPSHOT_KEY);
      if (!raw || this.engine) return;
      const snap = JSON.parse(raw) as Snapshot;
      for (const q of snap.items) this.docs.set(q.id, q);
      this.watermark = snap.watermark;
      await this.rebuild();
      this.log.info({ count: snap.items.length, savedAt: snap.savedAt }, 'Q&A search index loaded from snapshot');
    } catch (err) {
      this.log.warn({ err }, 'Q&A search snapshot could not be loaded');
    }
  }

  /** One poll: a full list until the first success, then changes since the watermark plus the id list. */
  async refresh(): Promise<void> {
    const { portal } = this.opts;
    try {
      const upsert: PortalQa[] = [];
      const remove: string[] = [];
      let changed = 0;
      if (!this.synced) {
        const all = await portal.listAll('qas');
        const next = new Map(all.map((q) => [q.id, q]));
        for (const q of all) if (this.isNew(q)) upsert.push(q);
        for (const id of this.docs.keys()) if (!next.has(id)) remove.push(id);
        this.docs = next;
        this.watermark = this.maxModified(all, null);
      } else {
        const [updates, ids] = await Promise.all([portal.listAll('qas', { changedSince: this.watermark ?? undefined }), portal.ids('qas')]);
        for (const q of updates) {
          if (this.isNew(q)) {
            this.docs.set(q.id, q);
            upsert.push(q);
          }
        }
        const live = new Set(ids);
        for (const id of [...this.docs.keys()]) {
          if (!live.has(id)) {
            this.docs.delete(id);
            remove.push(id);
          }
        }
        this.watermark = this.maxModified(updates, this.watermark);
      }
      changed = upsert.length + remove.length;
      const first = !this.synced;
      this.synced = true;
      if (this.failing) this.log.info('Q&A search index refreshed again');
      this.failing = false;
      if (changed || !this.engine) {
        // A few changes are applied in place (milliseconds); a large change set, or no index
        // yet, gets a full build in slices that yield to the event loop, swapped in when done.
        const full = !this.engine || changed > Math.max(INCREMENTAL_MAX, this.docs.size * 0.2);
        if (full) await this.rebuild();
        else this.engine!.apply({ upsert: upsert.map(toDoc), remove });
        await this.saveSnapshot();
        this.log.info({ count: this.docs.size, changed, first, full }, 'Q&A search index updated');
      }
    } catch (err) {
      if (!this.failing) this.log.warn({ err: (err as Error).message }, 'Q&A search index refresh failed; serving the last index');
      this.failing = true;
    }
  }

  /** True when `q` is not in the index in this revision (records without a revision always count as changed). */
  private isNew(q: PortalQa): boolean {
    const old = this.docs.get(q.id);
    return !this.engine || !old || old.revision === undefined || old.revision !== q.revision;
  }

  private maxModified(items: PortalQa[], start: string | null): string | null {
    let best = start;
    let bestMs = start ? Date.parse(start) : -Infinity;
    for (const q of items) {
      if (!q.modifiedAt) continue;
      const ms = Date.parse(q.modifiedAt);
      if (ms > bestMs) {
        bestMs = ms;
        best = q.modifiedAt;
      }
    }
    return best;
  }

  /** Full build in slices (the event loop keeps serving searches on the old engine meanwhile), then swap. */
  private async rebuild(): Promise<void> {
    this.engine = await QaSearchEngine.build([...this.docs.values()].map(toDoc));
  }

  private async saveSnapshot(): Promise<void> {
    const snap: Snapshot = { savedAt: new Date().toISOString(), watermark: this.watermark, items: [...this.docs.values()] };
    try {
      await this.opts.kv.set(SNAPSHOT_KEY, JSON.stringify(snap), this.opts.snapshotTtlMs);
    } catch (err) {
      this.log.warn({ err }, 'Q&A search snapshot could not be saved');
    }
  }
}
