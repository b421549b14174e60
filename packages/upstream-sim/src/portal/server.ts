import path from 'node:path';
import { Faults } from '../common/faults';
import { Router, badRequest, notFound, parseOr400 } from '../common/http';
import { createSimServer, type SimServer } from '../common/sim-server';
import { isIsoWithOffset } from '../common/time';
import { DEFAULT_CONTENT_DIR, type ContentRecord } from './loader';
import { COLLECTIONS, COLLECTION_SPECS, isCollectionName, type CollectionName } from './schema';
import { PortalStore, type ServedRecord } from './store';

export interface PortalSimOptions {
  /** Content directory; defaults to the package's demo content. */
  contentDir?: string;
  /** Poll interval for content changes; 0 disables polling. Default 2000. */
  reloadMs?: number;
  faults?: Faults;
  log?: (line: string) => void;
}

export const MAX_PAGE_SIZE = 200;
const DEFAULT_PAGE_SIZE = 50;

/**
 * Builds the portal CMS simulator. Throws ContentValidationError when the content
 * directory breaks the format (the process entry point turns that into exit code 1).
 */
export function createPortalSim(opts: PortalSimOptions = {}): SimServer & { store: PortalStore } {
  const contentDir = path.resolve(opts.contentDir ?? DEFAULT_CONTENT_DIR);
  const store = new PortalStore(contentDir, opts.log);
  store.loadInitial();
  const reloadMs = opts.reloadMs ?? 2000;
  if (reloadMs > 0) store.startPolling(reloadMs);

  const collectionOf = (raw: string): CollectionName => {
    if (!isCollectionName(raw)) throw notFound(`unknown collection "${raw}"; expected one of ${COLLECTIONS.join('|')}`);
    return raw;
  };

  const api = new Router()
    .get('/api/content/:collection', (ctx) => {
      const name = collectionOf(ctx.params.collection);
      const q = parseListQuery(name, ctx.query);
      let items = store.list(name);
      if (q.changedSince !== undefined) {
        const since = q.changedSince;
        items = items.filter((r) => Date.parse(r.modifiedAt) > since);
      }
      items = sortRecords(name, items, q.sort);
      const start = (q.page - 1) * q.pageSize;
      return { json: { items: items.slice(start, start + q.pageSize), page: q.page, pageSize: q.pageSize, total: items.length } };
    })
    .get('/api/content/:collection/ids', (ctx) => {
      const name = collectionOf(ctx.params.collection);
      return { json: { ids: store.list(name).map((r) => r.id) } };
    })
    .get('/api/content/:collection/:id', (ctx) => {
      const name = collectionOf(ctx.params.collection);
      const record = store.get(name, ctx.params.id);
      if (!record) throw notFound(`${name} record "${ctx.params.id}" not found`);
      return { json: record };
    });

  // Test hook: publish or change a record while running, e.g. close a consultation now.
  const control = new Router().put('/__sim/content/:collection/:id', async (ctx) => {
    const name = collectionOf(ctx.params.collection);
    const body = await ctx.json();
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('invalid body: expected a JSON object (a full record)');
    const given = (body as { id?: unknown }).id;
    if (given !== undefined && given !== ctx.params.id) throw badRequest(`invalid body: id: "${String(given)}" differs from the path's "${ctx.params.id}"`);
    const record = parseOr400(COLLECTION_SPECS[name].schema, { ...body, id: ctx.params.id }) as ContentRecord;
    const { created, record: served } = store.put(name, record);
    return { status: created ? 201 : 200, json: served };
  });

  const sim = createSimServer({
    name: 'portal',
    api,
    sim: control,
    faults: opts.faults,
    state: () => ({ counts: store.counts(), loadedAt: store.loadedAt, contentDir }),
    onClose: () => store.stopPolling(),
  });
  return Object.assign(sim, { store });
}

interface ListQuery {
  page: number;
  pageSize: number;
  changedSince?: number;
  sort: { field: string; desc: boolean };
}

const KNOWN_PARAMS = new Set(['page', 'pageSize', 'changedSince', 'sort']);

function parseListQuery(name: CollectionName, query: URLSearchParams): ListQuery {
  for (const key of query.keys()) {
    if (!KNOWN_PARAMS.has(key)) throw badRequest(`unknown query parameter "${key}"; expected page, pageSize, changedSince or sort`);
  }
  const page = positiveInt(query.get('page'), 1, 'page');
  const pageSize = positiveInt(query.get('pageSize'), DEFAULT_PAGE_SIZE, 'pageSize');
  if (pageSize > MAX_PAGE_SIZE) throw badRequest(`pageSize must be at most ${MAX_PAGE_SIZE}`);

  let changedSince: number | undefined;
  const rawSince = query.get('changedSince');
  if (rawSince !== null) {
    if (!isIsoWithOffset(rawSince)) throw badRequest('changedSince must be an ISO 8601 time with offset, e.g. 2026-11-20T09:00:00+08:00');
    changedSince = Date.parse(rawSince);
  }

  const rawSort = query.get('sort') ?? 'id';
  const desc = rawSort.startsWith('-');
  const field = desc ? rawSort.slice(1) : rawSort;
  const sortable = [...COLLECTION_SPECS[name].stringFields, 'modifiedAt', 'revision'];
  if (!sortable.includes(field)) throw badRequest(`cannot sort ${name} by "${field}"; sortable fields: ${sortable.join(', ')}`);
  return { page, pageSize, changedSince, sort: { field, desc } };
}

function positiveInt(raw: string | null, fallback: number, name: string): number {
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw badRequest(`${name} must be a positive integer`);
  return Number(raw);
}

/** Sorts by one field (times by instant); records lacking the field go last; ties by id. */
function sortRecords(name: CollectionName, items: ServedRecord[], sort: ListQuery['sort']): ServedRecord[] {
  const isTime = sort.field === 'modifiedAt' || COLLECTION_SPECS[name].timeFields.includes(sort.field);
  const key = (r: ServedRecord): string | number | undefined => {
    const v = r[sort.field];
    if (typeof v !== 'string') return undefined;
    return isTime ? Date.parse(v) : v;
  };
  const dir = sort.desc ? -1 : 1;
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === undefined || kb === undefined) {
      if (ka !== kb) return ka === undefined ? 1 : -1;
    } else if (ka !== kb) {
      return (ka < kb ? -1 : 1) * dir;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}
