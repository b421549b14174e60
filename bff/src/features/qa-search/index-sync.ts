import type { Kv } from '../../core/kv';
import type { TaskRunner } from '../../core/tasks';
import type { Logger } from '../../core/logger';
import type { PortalClient } from '../../upstream/portal/client';
import type { PortalInterpretation, PortalPolicy, PortalQa } from '../../upstream/portal/types';
import { contextText, type LinkedInterpretation, type LinkedPolicy } from './context';
import { QaSearchEngine, type QaDoc } from './engine';

export const SNAPSHOT_KEY = 'qa-search:snapshot:v1';
/** Change sets up to this size (or 20 % of the entries) are applied to the live index in place. */
const INCREMENTAL_MAX = 500;
/** Up to this many ids unknown to the index are fetched one by one; more trigger a full list. */
const MISSING_MAX = 20;

/** One poll's outcome, applied to the docs and the engine alike. `upsert` and `remove` never share an id. */
interface Delta {
  upsert: PortalQa[];
  remove: string[];
  watermark: string | null;
}

interface Snapshot {
  savedAt: string;
  watermark: string | null;
  items: PortalQa[];
  /** What the Q&As link to (absent in snapshots written before the context channel). */
  policies?: LinkedPolicy[];
  interpretations?: LinkedInterpretation[];
}

/** The policies and interpretations the Q&As link to, indexed with them as context. */
class Linked {
  policies = new Map<string, LinkedPolicy>();
  byPolicy = new Map<string, LinkedInterpretation[]>();
  byId = new Map<string, LinkedInterpretation>();
  signature = '';

  /** Replaces the content; true when it differs from what was there. */
  set(policies: LinkedPolicy[], interpretations: LinkedInterpretation[]): boolean {
    const signature = JSON.stringify([policies.map((p) => [p.id, p.title]), interpretations]);
    if (signature === this.signature) return false;
    this.signature = signature;
    this.policies = new Map(policies.map((p) => [p.id, p]));
    this.byId = new Map(interpretations.map((i) => [i.id, i]));
    this.byPolicy = new Map();
    for (const i of interpretations) this.byPolicy.set(i.policyId, [...(this.byPolicy.get(i.policyId) ?? []), i]);
    return true;
  }

  context(q: PortalQa): string | undefined {
    return contextText(q, this.policies, this.byPolicy, this.byId) || undefined;
  }
}

const toPolicy = (p: PortalPolicy): LinkedPolicy => ({ id: p.id, title: p.title });
const toInterpretation = (i: PortalInterpretation): LinkedInterpretation => ({
  id: i.id,
  policyId: i.policyId,
  title: i.title,
  background: i.background,
  goals: i.goals,
  mainPoints: i.mainPoints,
  keyTerms: i.keyTerms,
});

export interface QaIndexOptions {
  portal: PortalClient;
  kv: Kv;
  logger: Logger;
  /** Poll interval for portal changes. */
  refreshMs: number;
  /** How long the snapshot of the Q&As is kept in the Kv. */
  snapshotTtlMs: number;
  /** How far before the watermark changes are asked for again; default 2 × `refreshMs`. */
  overlapMs?: number;
}


/**
 * Keeps the search engine in step with the portal's Q&As. On start it loads the last snapshot
 * from the Kv (so a BFF restarted during a portal outage still answers), then fetches every
 * Q&A in the background; afterwards it polls every `refreshMs` for the id list (deletions), then
 * the records changed since the newest `modifiedAt` seen (minus an overlap), and applies them to the live
 * index in place (a full build, in event-loop-friendly slices, only when there is no index yet
 * or most of it changed). A failed poll keeps the current engine and marks the index stale.
 */
export class QaIndex {
  private engine: QaSearchEngine | null = null;
  private docs = new Map<string, PortalQa>();
  private readonly linked = new Linked();
  /** Context text each Q&A was indexed with, to find those a policy or interpretation change affects. */
  private readonly indexedContext = new Map<string, string | undefined>();
  private watermark: string | null = null;
  private lastListMs = 0;
  /** True once a complete list came from the portal (not only the snapshot). */
  private synced = false;
  private failing = false;
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

  /**
   * Loads the snapshot and syncs once, in the background, then follows the portal every
   * refreshMs as a task of `tasks` (the app's runner, which stops it).
   */
  start(tasks: TaskRunner): void {
    this.running = this.loadSnapshot()
      .then(() => this.refresh())
      .finally(() => {
        this.running = null;
        if (!this.stopped) tasks.add({ name: 'qa-index-refresh', everyMs: this.opts.refreshMs, run: () => this.refresh() });
      });
  }

  /** Stops following the portal (the runner stops the task) and waits for the first sync in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  /** Resolves once the first sync attempt (snapshot + portal) has finished; for tests and benchmarks. */
  async ready(): Promise<void> {
    await this.running;
  }

  private async loadSnapshot(): Promise<void> {
    try {
      const raw = await this.opts.kv.get(SNAPSHOT_KEY);
      if (!raw || this.engine) return;
      const snap = JSON.parse(raw) as Snapshot;
      for (const q of snap.items) this.docs.set(q.id, q);
      this.linked.set(snap.policies ?? [], snap.interpretations ?? []);
      this.watermark = snap.watermark;
      await this.rebuild();
      this.log.info({ count: snap.items.length, savedAt: snap.savedAt }, 'Q&A search index loaded from snapshot');
    } catch (err) {
      this.log.warn({ err }, 'Q&A search snapshot could not be loaded');
    }
  }

  /**
   * One poll: a full list until the first success, then the id list followed by the changes
   * since the watermark (minus an overlap). The change set is computed completely before
   * anything is touched, then applied to the docs and the engine alike, so a poll that fails
   * half-way changes nothing and the engine always holds exactly the docs (and the snapshot).
   */
  async refresh(): Promise<void> {
    try {
      const linkedChanged = await this.fetchLinked();
      const delta = this.synced ? await this.fetchChanges() : await this.fetchAll();
      const { upsert, remove } = delta;
      for (const id of remove) this.docs.delete(id);
      for (const q of upsert) this.docs.set(q.id, q);
      if (linkedChanged && this.engine) {
        // Q&As whose policy or interpretation changed are re-indexed with the new context.
        const listed = new Set(upsert.map((q) => q.id));
        for (const q of this.docs.values()) if (!listed.has(q.id) && this.linked.context(q) !== this.indexedContext.get(q.id)) upsert.push(q);
      }
      this.watermark = delta.watermark;
      const changed = upsert.length + remove.length;
      const first = !this.synced;
      this.synced = true;
      if (this.failing) this.log.info('Q&A search index refreshed again');
      this.failing = false;
      if (changed || !this.engine) {
        // A few changes are applied in place (milliseconds); a large change set, or no index
        // yet, gets a full build in slices that yield to the event loop, swapped in when done.
        const full = !this.engine || changed > Math.max(INCREMENTAL_MAX, this.docs.size * 0.2);
        if (full) await this.rebuild();
        else {
          for (const id of remove) this.indexedContext.delete(id);
          this.engine!.apply({ upsert: upsert.map((q) => this.toDoc(q)), remove });
        }
        await this.saveSnapshot();
        this.log.info({ count: this.docs.size, changed, first, full }, 'Q&A search index updated');
      }
    } catch (err) {
      if (!this.failing) this.log.warn({ err: (err as Error).message }, 'Q&A search index refresh failed; serving the last index');
      this.failing = true;
    }
  }

  /**
   * The policies and interpretations, in full (a few hundred records, unlike the Q&As). A
   * failure keeps the last ones: the context only adds to the Q&As' own text. True when they changed.
   */
  private async fetchLinked(): Promise<boolean> {
    try {
      const [policies, interpretations] = await Promise.all([this.opts.portal.listAll('policies'), this.opts.portal.listAll('interpretations')]);
      return this.linked.set(policies.map(toPolicy), interpretations.map(toInterpretation));
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'policies for the Q&A search context could not be fetched; keeping the last ones');
      return false;
    }
  }

  private toDoc(q: PortalQa): QaDoc {
    const context = this.linked.context(q);
    this.indexedContext.set(q.id, context);
    return { id: q.id, question: q.question, answer: q.answer, policyId: q.policyId ?? null, topics: q.topics, context };
  }

  /** The whole collection: everything new or changed is upserted, everything not listed removed. */
  private async fetchAll(): Promise<Delta> {
    const all = await this.timedList();
    const listed = new Set(all.map((q) => q.id));
    return {
      upsert: all.filter((q) => this.isNew(q)),
      remove: [...this.docs.keys()].filter((id) => !listed.has(id)),
      watermark: this.maxModified(all, null),
    };
  }

  /**
   * Changes since the last poll. The id list is fetched before the changes (not alongside):
   * a record published in between then shows up only in the changes, and a record in the
   * changes is never removed, so no publish can be half-applied. Changes are asked for from
   * `watermark − overlap`, because a list whose pages straddle a content reload may hand out
   * the reload's time on a later page while an earlier page still held the old revision of
   * another record; records seen again are skipped by their revision. Ids the portal holds
   * that neither the docs nor the changes know (a record pushed across a page boundary by a
   * deletion during a list) are fetched one by one, or by a full list when there are many.
   */
  private async fetchChanges(): Promise<Delta> {
    const { portal } = this.opts;
    const ids = await portal.ids('qas');
    const since = this.watermark ? new Date(Date.parse(this.watermark) - this.overlapMs()).toISOString() : undefined;
    const updates = await this.timedList(since);
    const changed = new Set(updates.map((q) => q.id));
    const missing = ids.filter((id) => !this.docs.has(id) && !changed.has(id));
    if (missing.length > MISSING_MAX) return this.fetchAll();
    for (const id of missing) {
      const q = await portal.get('qas', id);
      if (q) updates.push(q);
    }
    const live = new Set(ids);
    for (const q of updates) live.add(q.id);
    return {
      upsert: updates.filter((q) => this.isNew(q)),
      remove: [...this.docs.keys()].filter((id) => !live.has(id)),
      watermark: this.maxModified(updates, this.watermark),
    };
  }

  /** `listAll`, one entry per id (the later page wins), remembering how long the list took. */
  private async timedList(changedSince?: string): Promise<PortalQa[]> {
    const t0 = performance.now();
    const items = await this.opts.portal.listAll('qas', changedSince ? { changedSince } : undefined);
    this.lastListMs = performance.now() - t0;
    return [...new Map(items.map((q) => [q.id, q])).values()];
  }

  /**
   * How far before the watermark changes are asked for: twice the poll interval, and at least
   * twice the last list's duration (the widest gap a reload straddling its pages can open
   * between the watermark and a record missed on an earlier page).
   */
  private overlapMs(): number {
    return Math.max(this.opts.overlapMs ?? 2 * this.opts.refreshMs, 2 * this.lastListMs);
  }

  /** True when `q` is not in the index as it is now (by revision; by content for records without one). */
  private isNew(q: PortalQa): boolean {
    const old = this.docs.get(q.id);
    if (!this.engine || !old) return true;
    if (old.revision === undefined || q.revision === undefined) return JSON.stringify(old) !== JSON.stringify(q);
    return old.revision !== q.revision;
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
    this.indexedContext.clear();
    this.engine = await QaSearchEngine.build([...this.docs.values()].map((q) => this.toDoc(q)));
  }

  private async saveSnapshot(): Promise<void> {
    const snap: Snapshot = {
      savedAt: new Date().toISOString(),
      watermark: this.watermark,
      items: [...this.docs.values()],
      policies: [...this.linked.policies.values()],
      interpretations: [...this.linked.byId.values()],
    };
    try {
      await this.opts.kv.set(SNAPSHOT_KEY, JSON.stringify(snap), this.opts.snapshotTtlMs);
    } catch (err) {
      this.log.warn({ err }, 'Q&A search snapshot could not be saved');
    }
  }
}
