import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import { accessLoggerOf, type Logger } from './logger';

interface Entry {
  body: Buffer;
  expires: number;
}

/**
 * A response cache in front of Koa for public, anonymous GETs of cached content (the home
 * feed, policy texts). For a moment after Koa has answered a URL, the same URL is answered
 * from here with the same bytes, skipping the middleware chain: on a burst of citizens
 * opening the same page, most requests cost a map lookup and a socket write. Only anonymous
 * requests are served (no Authorization header), only 200s are stored, and entries live
 * milliseconds to a second, so what citizens see lags the content cache by at most that.
 */
export class Microcache {
  private entries: LRUCache<string, Entry>;
  private readonly logger: Logger;

  private hits = 0;

  /**
   * Hits are not access-logged one by one (an anonymous read of public content, served in a
   * few microseconds, would cost more to log than to serve); a summary line counts them.
   */
  constructor(
    logger: Logger,
    accessLog: boolean,
    opts: { maxEntries?: number; maxBytes?: number } = {},
  ) {
    // Bounded in bytes too: a few large answers must not take as much memory as thousands.
    this.entries = new LRUCache({ max: opts.maxEntries ?? 2000, maxSize: opts.maxBytes ?? 32 * 1024 * 1024, sizeCalculation: (e) => e.body.length + 64 });
    this.logger = accessLoggerOf(logger);
    if (accessLog) {
      const timer = setInterval(() => {
        if (this.hits === 0) return;
        this.logger.info({ cacheHits: this.hits, periodS: 10 }, 'microcache hits');
        this.hits = 0;
      }, 10_000);
      timer.unref();
    }
  }

  /**
   * Stores the JSON Koa just sent for `url`. Callers store only URLs whose query holds nothing
   * but the route's own parameters (see core/http mount), so `?x=1`, `?x=2`, … cannot each
   * take a copy of a large answer.
   */
  store(url: string, json: string, ttlMs: number): void {
    if (ttlMs <= 0) return;
    const body = Buffer.from(json);
    this.entries.set(url, { body, expires: Date.now() + ttlMs });
  }

  /** Bytes held now (for tests and diagnostics). */
  get bytes(): number {
    return this.entries.calculatedSize;
  }

  /** Answers from the cache when it can; returns false to let Koa handle the request. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' || req.headers.authorization) return false;
    const e = this.entries.get(req.url ?? '');
    if (!e) return false;
    if (e.expires <= Date.now()) {
      this.entries.delete(req.url ?? '');
      return false;
    }
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.writeHead(200, [
      'content-type',
      'application/json; charset=utf-8',
      'content-length',
      String(e.body.length),
      'x-request-id',
      requestId,
      'x-cache',
      'hit',
    ]);
    res.end(e.body);
    this.hits += 1;
    return true;
  }
}
