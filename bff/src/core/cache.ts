import { LRUCache } from 'lru-cache';
import type { Kv } from './kv';
import type { Logger } from './logger';

/** Freshness of a cached value: `ok` fresh or recently confirmed, `stale` the upstream failed since. */
export type Freshness = 'ok' | 'stale';

export interface CacheHit<T> {
  /** Serialised JSON, ready to splice into a response without re-serialising. */
  json: string;
  value: T;
  status: Freshness;
  storedAt: number;
}

export interface CachePolicy {
  freshMs: number;
  staleMs: number;
}

interface Entry {
  json: string;
  storedAt: number;
  /** When level 2 was last consulted for this key. */
  checkedAt: number;
  parsed?: unknown;
}

/** Named key builders, so every cache key in the BFF is spelled in one place. */
export const cacheKeys = {
  portalList: (collection: string, variant: string) => `c:portal:${collection}:list:${variant}`,
  portalItem: (collection: string, id: string) => `c:portal:${collection}:item:${id}`,
  caseStats: (range: string) => `c:case:stats:${range}`,
};

/**
 * Two-level cache-aside with stale-while-revalidate. Level 1 is process memory (cheap,
 * serialised strings); level 2 is the shared Kv (Redis) when configured. A value past its
 * fresh time is served at once while one background refresh runs; if that refresh fails,
 * the value keeps being served, marked `stale`, until `staleMs`. Errors are never cached and
 * a failing cache store is logged and skipped.
 */
export class SwrCache {
  private l1: LRUCache<string, Entry>;
  private inflight = new Map<string, Promise<Entry>>();
  /** Keys whose last refresh failed, and when: bounded, so a stream of failing keys cannot grow it. */
  private failing: LRUCache<string, number>;
  /** How long a miss (a null value: an unknown id) is kept: briefly, so unknown ids cannot fill the caches. */
  private readonly negativeMs: number;

  constructor(
    private readonly l2: Kv | null,
    private readonly logger: Logger,
    opts: { maxEntries?: number; l1MaxAgeMs?: number; negativeMs?: number } = {},
  ) {
    this.l1 = new LRUCache({ max: opts.maxEntries ?? 5000 });
    this.failing = new LRUCache({ max: opts.maxEntries ?? 5000 });
    this.l1MaxAgeMs = opts.l1MaxAgeMs ?? 5000;
    this.negativeMs = opts.negativeMs ?? 30_000;
  }

  /** How long a past-fresh level-1 copy is kept before level 2 is asked again (another instance may have refreshed it). */
  private readonly l1MaxAgeMs: number;

  /**
   * Returns the cached value for `key`, fetching it with `load` on a miss. Throws what `load`
   * throws when there is nothing cached to fall back on.
   */
  async get<T>(key: string, policy: CachePolicy, load: () => Promise<T>): Promise<CacheHit<T>> {
    const now = Date.now();
    let entry = this.l1.get(key);
    if (entry && this.l2 && now - entry.storedAt >= policy.freshMs && now - entry.checkedAt > this.l1MaxAgeMs) {
      entry = (await this.readL2(key)) ?? entry;
    }
    if (!entry && this.l2) entry = await this.readL2(key);
    if (entry && now - entry.storedAt > this.lifetimeOf(entry, policy)) entry = undefined;

    if (!entry) {
      const fresh = await this.refresh(key, policy, load);
      return this.hit<T>(fresh, 'ok');
    }
    if (now - entry.storedAt >= policy.freshMs) {
      this.refresh(key, policy, load).catch(() => {
        /* logged in refresh; the stale value keeps being served */
      });
    }
    return this.hit<T>(entry, this.failing.has(key) ? 'stale' : 'ok');
  }

  /** Drops a key from both levels (e.g. after an upstream change notification). */
  async invalidate(key: string): Promise<void> {
    this.l1.delete(key);
    if (this.l2) await this.l2.del(key).catch((err) => this.logger.warn({ err, key }, 'cache invalidate failed'));
  }

  /** A value is kept for the stale lifetime; a miss only for the negative one. */
  private lifetimeOf(entry: Entry, policy: CachePolicy): number {
    return entry.json === 'null' ? Math.min(this.negativeMs, policy.staleMs) : policy.staleMs;
  }

  private hit<T>(entry: Entry, status: Freshness): CacheHit<T> {
    if (entry.parsed === undefined) entry.parsed = JSON.parse(entry.json);
    return { json: entry.json, value: entry.parsed as T, status, storedAt: entry.storedAt };
  }

  private refresh<T>(key: string, policy: CachePolicy, load: () => Promise<T>): Promise<Entry> {
    const running = this.inflight.get(key);
    if (running) return running;
    const p = (async () => {
      try {
        const value = await load();
        const now = Date.now();
        const entry: Entry = { json: JSON.stringify(value ?? null), storedAt: now, checkedAt: now, parsed: value ?? null };
        this.failing.delete(key);
        this.l1.set(key, entry);
        if (this.l2) {
          await this.l2
            .set(key, `${entry.storedAt}|${entry.json}`, this.lifetimeOf(entry, policy))
            .catch((err) => this.logger.warn({ err, key }, 'cache write failed; serving without level 2'));
        }
        return entry;
      } catch (err) {
        this.failing.set(key, Date.now());
        this.logger.warn({ err: { message: (err as Error).message }, key }, 'cache refresh failed');
        throw err;
      } finally {
        this.inflight.delete(key);
      }
    })();
    this.inflight.set(key, p);
    return p;
  }

  private async readL2(key: string): Promise<Entry | undefined> {
    try {
      const raw = await this.l2!.get(key);
      const current = this.l1.get(key);
      if (current) current.checkedAt = Date.now();
      if (!raw) return undefined;
      const bar = raw.indexOf('|');
      const entry: Entry = { storedAt: Number(raw.slice(0, bar)), json: raw.slice(bar + 1), checkedAt: Date.now() };
      if (current && current.storedAt >= entry.storedAt) return current;
      // Another instance refreshed it after our own refresh failed: the value is fresh again.
      const failedAt = this.failing.get(key);
      if (failedAt !== undefined && entry.storedAt > failedAt) this.failing.delete(key);
      this.l1.set(key, entry);
      return entry;
    } catch (err) {
      this.logger.warn({ err, key }, 'cache read failed; falling back to the upstream');
      return undefined;
    }
  }
}
