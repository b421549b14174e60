import { z } from 'zod';
import type { Logger } from '../../core/logger';
import { createUpstreamHttp, type BreakerOptions, type RetryOptions, type UpstreamStats } from '../http';
import { portalCollections, type PortalCollection, type PortalRecord } from './types';

/** The portal's page size limit; `listAll` pages with it to keep round trips few. */
export const PORTAL_MAX_PAGE_SIZE = 200;

export interface PortalListQuery {
  page?: number;
  /** At most 200; larger values are clamped. */
  pageSize?: number;
  /** A field of the collection, `-field` for descending; the portal defaults to `id`. */
  sort?: string;
  /** Only records modified after this instant. */
  changedSince?: string | Date;
}

export interface PortalPage<C extends PortalCollection> {
  items: PortalRecord<C>[];
  page: number;
  pageSize: number;
  total: number;
}

/** Read access to the government portal CMS. Records come back parsed; unknown fields are dropped. */
export interface PortalClient {
  /** One page of a collection. Records that fail validation are left out and logged. */
  list<C extends PortalCollection>(collection: C, q?: PortalListQuery): Promise<PortalPage<C>>;
  /** Every record of a collection (optionally only the changed ones), following pages of 200. */
  listAll<C extends PortalCollection>(collection: C, q?: Pick<PortalListQuery, 'sort' | 'changedSince'>): Promise<PortalRecord<C>[]>;
  /** One record, or null when the portal does not know it. */
  get<C extends PortalCollection>(collection: C, id: string): Promise<PortalRecord<C> | null>;
  /** Ids of every record the collection currently holds (to notice deletions). */
  ids(collection: PortalCollection): Promise<string[]>;
  /** Resolves when the portal answers; throws `UpstreamError` otherwise. */
  ping(): Promise<void>;
  stats(): UpstreamStats;
  close(): Promise<void>;
}

export interface PortalClientOptions {
  baseUrl: string;
  timeoutMs: number;
  logger: Logger;
  breaker?: Partial<BreakerOptions>;
  retry?: Partial<RetryOptions>;
}

// Items are checked one by one below, so one broken record cannot blank a whole panel.
const PageEnvelope = z.object({
  items: z.array(z.unknown()),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int().nonnegative(),
});
const IdsEnvelope = z.object({ ids: z.array(z.string()) });

/** Creates the portal adapter over HTTP (`/api/content/:collection`…). */
export function createPortalClient(options: PortalClientOptions): PortalClient {
  const logger = options.logger.child({ upstream: 'portal' });
  const http = createUpstreamHttp({
    system: 'portal',
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    logger,
    breaker: options.breaker,
    retry: options.retry,
  });

  const collectionPath = (c: PortalCollection) => `/api/content/${encodeURIComponent(c)}`;
  // The union of the six schemas does not narrow by itself; the map in types.ts guarantees the pairing.
  const schemaOf = <C extends PortalCollection>(c: C) => portalCollections[c] as unknown as z.ZodType<PortalRecord<C>>;

  async function fetchPage<C extends PortalCollection>(collection: C, q: PortalListQuery): Promise<PortalPage<C> & { received: number }> {
    const schema = schemaOf(collection);
    const { data } = await http.request({
      path: collectionPath(collection),
      query: {
        page: q.page,
        pageSize: q.pageSize === undefined ? undefined : Math.max(1, Math.min(PORTAL_MAX_PAGE_SIZE, q.pageSize)),
        sort: q.sort,
        changedSince: q.changedSince instanceof Date ? q.changedSince.toISOString() : q.changedSince,
      },
      schema: PageEnvelope,
      op: `portal.list ${collection}`,
    });
    const items: PortalRecord<C>[] = [];
    for (const raw of data.items) {
      const parsed = schema.safeParse(raw);
      if (parsed.success) items.push(parsed.data);
      else {
        const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`);
        logger.warn({ collection, id: (raw as { id?: unknown } | null)?.id, issues }, 'portal record skipped: does not match its schema');
      }
    }
    return { items, page: data.page, pageSize: data.pageSize, total: data.total, received: data.items.length };
  }

  return {
    async list(collection, q = {}) {
      const { received: _received, ...page } = await fetchPage(collection, q);
      return page;
    },
    async listAll(collection, q = {}) {
      const all: PortalRecord<typeof collection>[] = [];
      // A stable order keeps pages from overlapping while content changes underneath.
      const sort = q.sort ?? 'id';
      for (let page = 1; ; page++) {
        const res = await fetchPage(collection, { ...q, sort, page, pageSize: PORTAL_MAX_PAGE_SIZE });
        all.push(...res.items);
        // Also stop on an empty page, so a portal that miscounts `total` cannot loop us forever.
        if (page * res.pageSize >= res.total || res.received === 0) return all;
      }
    },
    async get(collection, id) {
      const found = await http.find({
        path: `${collectionPath(collection)}/${encodeURIComponent(id)}`,
        schema: schemaOf(collection),
        op: `portal.get ${collection}`,
      });
      return found ? found.data : null;
    },
    async ids(collection) {
      const { data } = await http.request({ path: `${collectionPath(collection)}/ids`, schema: IdsEnvelope, op: `portal.ids ${collection}` });
      return data.ids;
    },
    ping: () => http.ping('/healthz'),
    stats: () => http.stats(),
    close: () => http.close(),
  };
}
