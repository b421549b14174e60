import type { Kv } from '../../core/kv';
import type { Logger } from '../../core/logger';
import type { PortalClient } from '../../upstream/portal/client';
import type { PortalQa } from '../../upstream/portal/types';
import { QaSearchEngine, type QaDoc } from './engine';

export const SNAPSHOT_KEY = 'qa-search:snapshot:v1';

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
 * newest `modifiedAt` seen, plus the id list for deletions, and swaps in a rebuilt engine when
 * anything changed. A failed poll keeps the current engine and marks the index stale.
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
      this.rebuild();
      this.log.info({ count: snap.items.length, savedAt: snap.savedAt }, 'Q&A search index loaded from snapshot');
    } catch (err) {
      this.log.warn({ err }, 'Q&A search snapshot could not be loaded');
    }
  }

  /** One poll: a full list until the first success, then changes since the watermark plus the id list. */
  async refresh(): Promise<void> {
    const { portal } = this.opts;
    try {
      let changed = 0;
      if (!this.synced) {
        const all = await portal.listAll('qas');
        const next = new Map(all.map((q) => [q.id, q]));
        changed = this.sameContent(next) ? 0 : 1;
        this.docs = next;
        this.watermark = this.maxModified(all, null);
      } else {
        const [updates, ids] = await Promise.all([portal.listAll('qas', { changedSince: this.watermark ?? undefined }), portal.ids('qas')]);
        for (const q of updates) {
          const old = this.docs.get(q.id);
          if (!old || old.revision !== q.revision || q.revision === undefined) {
            this.docs.set(q.id, q);
            changed++;
          }
        }
        const live = new Set(ids);
        for (const id of [...this.docs.keys()]) {
          if (!live.has(id)) {
            this.docs.delete(id);
            changed++;
          }
        }
        this.watermark = this.maxModified(updates, this.watermark);
      }
      const first = !this.synced;
      this.synced = true;
      if (this.failing) this.log.info('Q&A search index refreshed again');
      this.failing = false;
      if (changed || !this.engine) {
        this.rebuild();
        await this.saveSnapshot();
        this.log.info({ count: this.docs.size, changed, first }, 'Q&A search index rebuilt');
      }
    } catch (err) {
      if (!this.failing) this.log.warn({ err: (err as Error).message }, 'Q&A search index refresh failed; serving the last index');
      this.failing = true;
    }
  }

  private sameContent(next: Map<string, PortalQa>): boolean {
    if (!this.engine || next.size !== this.docs.size) return false;
    for (const [id, q] of next) {
      const old = this.docs.get(id);
      if (!old || old.revision === undefined || old.revision !== q.revision) return false;
    }
    return true;
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

  private rebuild(): void {
    // Portal order is by id; keep it so ties rank the same way on every instance.
    const docs = [...this.docs.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(toDoc);
    this.engine = new QaSearchEngine(docs);
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
