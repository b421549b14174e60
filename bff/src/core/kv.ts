import type Redis from 'ioredis';
import { LRUCache } from 'lru-cache';

/**
 * Small key-value store for state shared between BFF instances: cache entries, rate-limit
 * counters, token revocations, locks. Redis when configured; otherwise process memory
 * (single-instance mode).
 */
export interface Kv {
  readonly mode: 'redis' | 'memory';
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Sets only when absent; true when this call set it (locks, once-only marks). */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  del(key: string): Promise<void>;
  /** Fixed-window counter: increments `key` and tells the count and the time until the window resets. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
  /** Round-trip time in ms; throws when the store is unreachable. */
  ping(): Promise<number>;
}

const HIT_SCRIPT = `
local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local t = redis.call('PTTL', KEYS[1])
if t < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); t = tonumber(ARGV[1]) end
return {c, t}`;

type RedisWithHit = Redis & { zwgkHit(key: string, windowMs: number): Promise<[number, number]> };

/** Kv over ioredis; `prefix` keeps runs and deployments apart in one Redis. */
export function createRedisKv(redis: Redis, prefix: string): Kv {
  const r = redis as RedisWithHit;
  if (!(r as unknown as Record<string, unknown>).zwgkHit) r.defineCommand('zwgkHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
  const k = (key: string) => prefix + key;
  return {
    mode: 'redis',
    get: (key) => r.get(k(key)),
    async set(key, value, ttlMs) {
      await r.set(k(key), value, 'PX', Math.max(1, Math.round(ttlMs)));
    },
    async setIfAbsent(key, value, ttlMs) {
      return (await r.set(k(key), value, 'PX', Math.max(1, Math.round(ttlMs)), 'NX')) === 'OK';
    },
    async del(key) {
      await r.del(k(key));
    },
    async hit(key, windowMs) {
      const [count, resetMs] = await r.zwgkHit(k(key), windowMs);
      return { count: Number(count), resetMs: Number(resetMs) };
    },
    async ping() {
      const t0 = performance.now();
      await r.ping();
      return performance.now() - t0;
    },
  };
}

/** In-process Kv for single-instance mode; bounded so a flood of keys cannot exhaust memory. */
export function createMemoryKv(max = 100_000): Kv {
  const store = new LRUCache<string, { v: string; exp: number }>({ max });
  const live = (key: string) => {
    const e = store.get(key);
    if (!e) return undefined;
    if (e.exp <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return e;
  };
  return {
    mode: 'memory',
    async get(key) {
      return live(key)?.v ?? null;
    },
    async set(key, value, ttlMs) {
      store.set(key, { v: value, exp: Date.now() + ttlMs });
    },
    async setIfAbsent(key, value, ttlMs) {
      if (live(key)) return false;
      store.set(key, { v: value, exp: Date.now() + ttlMs });
      return true;
    },
    async del(key) {
      store.delete(key);
    },
    async hit(key, windowMs) {
      const e = live(key);
      if (!e) {
        store.set(key, { v: '1', exp: Date.now() + windowMs });
        return { count: 1, resetMs: windowMs };
      }
      e.v = String(Number(e.v) + 1);
      return { count: Number(e.v), resetMs: e.exp - Date.now() };
    },
    async ping() {
      return 0;
    },
  };
}
