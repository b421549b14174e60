import { SwrCache } from './cache';
import { createMemoryKv } from './kv';
import { createLogger } from './logger';

const policy = { freshMs: 50, staleMs: 60_000 };
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('SwrCache', () => {
  test('when the upstream fails after a value was cached, then the value is served and marked stale; errors are not cached', async () => {
    const cache = new SwrCache(null, createLogger('silent'));
    let calls = 0;
    const ok = async () => ({ n: ++calls });
    expect((await cache.get('k', policy, ok)).value).toEqual({ n: 1 });
    await new Promise((r) => setTimeout(r, 60));
    const failing = async () => {
      calls++;
      throw new Error('down');
    };
    expect((await cache.get('k', policy, failing)).status).toBe('ok'); // served at once; refresh runs behind
    await settle();
    const stale = await cache.get('k', policy, failing);
    expect(stale).toMatchObject({ status: 'stale', value: { n: 1 } });
    await expect(new SwrCache(null, createLogger('silent')).get('cold', policy, failing)).rejects.toThrow('down');
  });

  test('when another instance refreshed a key this one failed to refresh, then this one stops calling it stale', async () => {
    const shared = createMemoryKv();
    const a = new SwrCache(shared, createLogger('silent'), { l1MaxAgeMs: 0 });
    const b = new SwrCache(shared, createLogger('silent'), { l1MaxAgeMs: 0 });
    await a.get('k', policy, async () => 'v1');
    await new Promise((r) => setTimeout(r, 60));
    await a.get('k', policy, async () => Promise.reject(new Error('down')));
    await settle();
    expect((await a.get('k', policy, async () => Promise.reject(new Error('down')))).status).toBe('stale');
    // B reaches the upstream and writes a fresh copy to the shared level.
    await new Promise((r) => setTimeout(r, 60));
    await b.get('k', policy, async () => 'v2');
    await settle();
    const seenByA = await a.get('k', policy, async () => Promise.reject(new Error('down')));
    expect(seenByA).toMatchObject({ status: 'ok', value: 'v2' });
  });

  test('when the upstream says an id is unknown (null), then the miss is kept only briefly, in both levels', async () => {
    const shared = createMemoryKv();
    const cache = new SwrCache(shared, createLogger('silent'), { negativeMs: 40 });
    let calls = 0;
    const unknown = async () => {
      calls++;
      return null;
    };
    const longLived = { freshMs: 10_000, staleMs: 60_000 };
    expect((await cache.get('missing', longLived, unknown)).value).toBeNull();
    expect((await cache.get('missing', longLived, unknown)).value).toBeNull();
    expect(calls).toBe(1);
    await new Promise((r) => setTimeout(r, 60));
    // Past the negative lifetime the miss is gone from level 1 and from the shared level too.
    expect(await shared.get('missing')).toBeNull();
    await cache.get('missing', longLived, unknown);
    expect(calls).toBe(2);
  });

  test('when many different keys fail, then the record of failures stays bounded', async () => {
    const cache = new SwrCache(null, createLogger('silent'), { maxEntries: 10 });
    for (let i = 0; i < 100; i++) await cache.get(`k${i}`, policy, async () => Promise.reject(new Error('down'))).catch(() => {});
    expect((cache as unknown as { failing: { size: number } }).failing.size).toBeLessThanOrEqual(10);
  });
});
