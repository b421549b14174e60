/**
 * Group commit for the sign-up rush: concurrent calls of one kind (per owner — a collection —
 * and key) are combined into one call of `run` per batch, so 2,000 sign-ups at once cost tens of
 * database round trips per step instead of 2,000. The first call starts a batch on the next
 * turn of the event loop (the requests that arrive meanwhile join it); calls that arrive while a
 * batch runs form the next one, so at most one batch per lane is in flight and items keep their
 * arrival order. `run` answers one result per item, in order; when it throws, every item of the
 * batch gets the error. Nothing is held in memory across a crash that was not already recorded:
 * callers write their intent before they join a lane, and each batched write is as idempotent as
 * the single one it replaces.
 */
interface Lane<T, R> {
  waiting: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[];
  running: boolean;
}

/** Most items one batch carries. */
const MAX_BATCH = 500;
const lanes = new WeakMap<object, Map<string, Lane<unknown, unknown>>>();

export function inBatch<T, R>(owner: object, key: string, item: T, run: (items: T[]) => Promise<R[]>): Promise<R> {
  let byKey = lanes.get(owner);
  if (!byKey) lanes.set(owner, (byKey = new Map()));
  let lane = byKey.get(key) as Lane<T, R> | undefined;
  if (!lane) byKey.set(key, (lane = { waiting: [], running: false }) as Lane<unknown, unknown>);
  const l = lane;
  return new Promise<R>((resolve, reject) => {
    l.waiting.push({ item, resolve, reject });
    if (!l.running) {
      l.running = true;
      setImmediate(() => void drain(l, run));
    }
  });
}

async function drain<T, R>(lane: Lane<T, R>, run: (items: T[]) => Promise<R[]>): Promise<void> {
  while (lane.waiting.length) {
    const batch = lane.waiting.splice(0, MAX_BATCH);
    try {
      const out = await run(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(out[i]));
    } catch (err) {
      batch.forEach((b) => b.reject(err));
    }
  }
  lane.running = false;
}

/** The indexes of a bulk write's items that failed with a duplicate key (any other failure is thrown). */
export function duplicateIndexes(err: unknown): Set<number> {
  const e = err as { code?: number; writeErrors?: unknown };
  const list = (Array.isArray(e.writeErrors) ? e.writeErrors : e.writeErrors ? [e.writeErrors] : []) as { index: number; code?: number }[];
  if (!list.length || list.some((w) => w.code !== 11000)) throw err;
  return new Set(list.map((w) => w.index));
}
