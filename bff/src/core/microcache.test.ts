import http from 'node:http';
import { Microcache } from './microcache';
import { createLogger } from './logger';

/** A node:http server whose "app" counts the requests that reach it and stores what it answered. */
async function serverWith(cache: Microcache, ttlMs: number) {
  let reachedApp = 0;
  const server = http.createServer((req, res) => {
    if (cache.serve(req, res)) return;
    reachedApp += 1;
    const json = JSON.stringify({ n: reachedApp });
    if (req.method === 'GET' && !req.headers.authorization) cache.store(req.url!, json, ttlMs);
    res.writeHead(200, { 'content-type': 'application/json' }).end(json);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url, server, reached: () => reachedApp };
}

describe('Microcache', () => {
  test('when the same anonymous GET repeats within the ttl, then it is answered from the cache with the same bytes', async () => {
    const s = await serverWith(new Microcache(createLogger('silent'), false), 500);
    try {
      const a = await fetch(`${s.url}/api/v1/home`);
      const b = await fetch(`${s.url}/api/v1/home`, { headers: { 'x-request-id': 'abc-1' } });
      expect(await b.text()).toBe(await a.text());
      expect(b.headers.get('x-cache')).toBe('hit');
      expect(b.headers.get('x-request-id')).toBe('abc-1');
      expect(s.reached()).toBe(1);
      // Another URL (query included) is another entry.
      await fetch(`${s.url}/api/v1/home?x=1`);
      expect(s.reached()).toBe(2);
    } finally {
      s.server.close();
    }
  });

  test('when the ttl has passed, or the request carries a token or is not a GET, then it goes to the app', async () => {
    const s = await serverWith(new Microcache(createLogger('silent'), false), 100);
    try {
      await fetch(`${s.url}/p`);
      await fetch(`${s.url}/p`, { headers: { authorization: 'Bearer t' } });
      expect(s.reached()).toBe(2);
      await fetch(`${s.url}/p`, { method: 'POST', body: '{}' });
      expect(s.reached()).toBe(3);
      await new Promise((r) => setTimeout(r, 150));
      const late = await fetch(`${s.url}/p`);
      expect(late.headers.get('x-cache')).toBeNull();
      expect(s.reached()).toBe(4);
    } finally {
      s.server.close();
    }
  });

  test('when large answers are stored, then the cache stays within its byte bound', () => {
    const cache = new Microcache(createLogger('silent'), false, { maxBytes: 3 * 1024 * 1024 });
    const big = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 10; i++) cache.store(`/api/v1/policies?page=${i}`, big, 10_000);
    expect(cache.bytes).toBeLessThanOrEqual(3 * 1024 * 1024);
    expect(cache.bytes).toBeGreaterThan(2 * 1024 * 1024);
  });
});
