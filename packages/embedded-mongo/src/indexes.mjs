// Equality indexes for CongoDB's in-memory storage. CongoDB answers every find, update, delete,
// count and aggregate by filtering all of a collection's documents, so a keyed write costs a
// scan of the whole collection and slows as it grows. With `patches/@push.rocks__smartmongo`,
// its handlers pass their filter to `storage.findAll(db, coll, filter)`; here that call hands
// back only the candidates an index allows, and CongoDB's own filter still decides what
// matches, so an index can only make a query cheaper, never change its answer.
//
// Indexes are the collection's declared ones (createIndex, which mongoose sends for each
// schema index) plus _id. For every prefix of a compound index's fields, documents are kept in
// a hash map by the values of those fields. A query uses the prefix with the smallest bucket
// among those its filter pins down by equality (a plain value, {$eq}, or {$in}, also inside
// $and). A document whose indexed field holds an array or an object, or a query value of such
// a kind, is not hashed: such documents are always candidates, and such a query scans.
// Candidates come back in the collection's own (insertion) order, like a scan's.

import { QueryEngine } from '@push.rocks/smartmongo/dist_ts/congodb/engine/QueryEngine.js';

const MISSING = 'null';

/** A hash key for a scalar value, or undefined when the value cannot be hashed (array, object). */
function keyOf(v) {
  if (v === undefined || v === null) return MISSING;
  switch (typeof v) {
    case 'string':
      return `s${v}`;
    case 'number':
      return Number.isFinite(v) ? `n${v}` : undefined;
    case 'boolean':
      return `b${v}`;
    case 'bigint':
      return `n${v}`;
    default:
      break;
  }
  if (v instanceof Date) return `d${v.getTime()}`;
  if (v._bsontype === 'ObjectId' || v._bsontype === 'ObjectID') return `o${v.toHexString()}`;
  if (v._bsontype === 'Long' || v._bsontype === 'Int32' || v._bsontype === 'Double') return `n${Number(v.valueOf())}`;
  return undefined;
}

const UNHASHABLE = Symbol('unhashable');

/** The value at a dotted path (undefined when absent); UNHASHABLE through or at an array. */
function valueAt(doc, path) {
  let v = doc;
  for (const part of path.split('.')) {
    if (v === null || v === undefined) return undefined;
    if (Array.isArray(v)) return UNHASHABLE;
    if (typeof v !== 'object') return undefined;
    v = v[part];
  }
  return Array.isArray(v) ? UNHASHABLE : v;
}

/** The hash key of `doc` for these fields, or undefined when any of them cannot be hashed. */
function docKey(doc, fields) {
  const parts = [];
  for (const f of fields) {
    const v = valueAt(doc, f);
    if (v === UNHASHABLE) return undefined;
    const k = keyOf(v);
    if (k === undefined) return undefined;
    parts.push(k);
  }
  return parts.join('\u0000');
}

/**
 * What the filter pins each field to: field → list of hash keys (one for an equality, several
 * for $in). Fields compared otherwise ($gt, $ne, regex, …) are left out.
 */
function pinned(filter, out = new Map()) {
  if (!filter || typeof filter !== 'object') return out;
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const part of cond) pinned(part, out);
      continue;
    }
    if (field.startsWith('$')) continue;
    let keys;
    if (cond === null || typeof cond !== 'object' || cond instanceof Date || cond._bsontype) {
      const k = keyOf(cond);
      keys = k === undefined ? undefined : [k];
    } else if (!Array.isArray(cond)) {
      const ops = Object.keys(cond);
      if (ops.length && ops.every((o) => o === '$eq' || o === '$in')) {
        if ('$eq' in cond) {
          const k = keyOf(cond.$eq);
          keys = k === undefined ? undefined : [k];
        }
        if ('$in' in cond && Array.isArray(cond.$in)) {
          const ins = cond.$in.map(keyOf);
          const inKeys = ins.includes(undefined) ? undefined : ins;
          keys = keys ? keys.filter((k) => inKeys?.includes(k)) : inKeys;
        }
      }
    }
    // A null equality also matches documents without the field, which are keyed the same way.
    if (keys && !out.has(field)) out.set(field, keys);
  }
  return out;
}

class CollectionIndex {
  constructor(fields) {
    this.fields = fields;
    /** One map per prefix length: key → bucket { ids: Set, maxSeq, ordered }. */
    this.maps = fields.map(() => new Map());
    /** Ids of documents that could not be hashed, per prefix length: always candidates. */
    this.wild = fields.map(() => new Set());
  }

  /** `seq` is the document's insertion number: a bucket filled in that order needs no sorting. */
  add(id, doc, seq) {
    for (let n = 1; n <= this.fields.length; n++) {
      const key = docKey(doc, this.fields.slice(0, n));
      if (key === undefined) this.wild[n - 1].add(id);
      else {
        const map = this.maps[n - 1];
        let b = map.get(key);
        if (!b) map.set(key, (b = { ids: new Set(), maxSeq: -1, ordered: true, sorted: null }));
        b.sorted = null;
        if (seq < b.maxSeq) b.ordered = false;
        else b.maxSeq = seq;
        b.ids.add(id);
      }
    }
  }

  remove(id, doc) {
    for (let n = 1; n <= this.fields.length; n++) {
      const key = docKey(doc, this.fields.slice(0, n));
      if (key === undefined) this.wild[n - 1].delete(id);
      else {
        const map = this.maps[n - 1];
        const b = map.get(key);
        b?.ids.delete(id);
        if (b) b.sorted = null;
        if (b && b.ids.size === 0) map.delete(key);
      }
    }
  }

  /** A document of these buckets changed in place (its keys did not): their sorted orders are stale. */
  touch(doc) {
    for (let n = 1; n <= this.fields.length; n++) {
      const key = docKey(doc, this.fields.slice(0, n));
      const b = key === undefined ? null : this.maps[n - 1].get(key);
      if (b) b.sorted = null;
    }
  }

  /**
   * How many documents match `pins` exactly, or undefined when this index cannot tell: the
   * pinned fields must be exactly a prefix of this index and no document of that prefix unhashed.
   */
  count(pins) {
    const n = pins.size;
    if (n > this.fields.length || !this.fields.slice(0, n).every((f) => pins.has(f)) || this.wild[n - 1].size) return undefined;
    let combos = [[]];
    for (const keys of this.fields.slice(0, n).map((f) => pins.get(f))) {
      combos = combos.flatMap((c) => [...new Set(keys)].map((k) => [...c, k]));
      if (combos.length > 256) return undefined;
    }
    let total = 0;
    for (const c of combos) total += this.maps[n - 1].get(c.join('\u0000'))?.ids.size ?? 0;
    return total;
  }

  /**
   * The candidate ids for `pins`, or null when this index does not pin the filter down:
   * { ids, ordered } where `ordered` says they are already in insertion order.
   */
  candidates(pins) {
    let n = 0;
    while (n < this.fields.length && pins.has(this.fields[n])) n++;
    if (n === 0) return null;
    const lists = this.fields.slice(0, n).map((f) => pins.get(f));
    // The cross product of pinned keys ($in on several fields): bounded, else not worth it.
    let combos = [[]];
    for (const keys of lists) {
      combos = combos.flatMap((c) => keys.map((k) => [...c, k]));
      if (combos.length > 256) return null;
    }
    const map = this.maps[n - 1];
    const wild = this.wild[n - 1];
    const buckets = combos.map((c) => map.get(c.join('\u0000'))).filter(Boolean);
    if (buckets.length === 1 && wild.size === 0) {
      const b = buckets[0];
      if (b.ordered) return { ids: [...b.ids], ordered: true, bucket: b };
      return { ids: [...b.ids], ordered: false, bucket: b };
    }
    const ids = [];
    for (const b of buckets) for (const id of b.ids) ids.push(id);
    for (const id of wild) ids.push(id);
    return { ids, ordered: buckets.length === 0 && wild.size === 0 };
  }
}

/**
 * Wraps a CongoDB MemoryStorageAdapter so that `findAll(db, coll, filter)` answers from
 * indexes. Mutations go through the adapter's own methods, which are wrapped to keep the
 * indexes current.
 */
export function withEqualityIndexes(storage) {
  /** `${db}\u0000${coll}` → { byName: Map<indexName, CollectionIndex>, seq: Map<id, n>, next } */
  const state = new Map();
  const keyFor = (db, coll) => `${db}\u0000${coll}`;
  const docs = (db, coll) => storage.databases?.get(db)?.get(coll);
  const idOf = (doc) => (doc._id && typeof doc._id.toHexString === 'function' ? doc._id.toHexString() : String(doc._id));

  function stateOf(db, coll) {
    const k = keyFor(db, coll);
    let st = state.get(k);
    if (!st) {
      st = { byName: new Map(), seq: new Map(), next: 0 };
      state.set(k, st);
      for (const [id] of docs(db, coll) ?? []) st.seq.set(id, st.next++);
    }
    return st;
  }

  function build(db, coll, name, spec) {
    const fields = Object.keys(spec ?? {}).filter((f) => f !== '_id' || Object.keys(spec).length > 1);
    if (!fields.length || Object.values(spec).some((v) => v === 'text' || v === '2dsphere' || v === 'hashed')) return;
    const st = stateOf(db, coll);
    const index = new CollectionIndex(fields);
    for (const [id, doc] of docs(db, coll) ?? []) index.add(id, doc, st.seq.get(id) ?? 0);
    st.byName.set(name, index);
  }

  const orig = {
    insertOne: storage.insertOne.bind(storage),
    updateById: storage.updateById.bind(storage),
    deleteById: storage.deleteById.bind(storage),
    findAll: storage.findAll.bind(storage),
    saveIndex: storage.saveIndex.bind(storage),
    dropIndex: storage.dropIndex.bind(storage),
    dropCollection: storage.dropCollection.bind(storage),
    dropDatabase: storage.dropDatabase.bind(storage),
    renameCollection: storage.renameCollection.bind(storage),
  };

  storage.insertOne = async (db, coll, doc) => {
    const stored = await orig.insertOne(db, coll, doc);
    const st = stateOf(db, coll);
    const id = idOf(stored);
    const seq = st.next++;
    st.seq.set(id, seq);
    for (const index of st.byName.values()) index.add(id, stored, seq);
    return stored;
  };
  storage.updateById = async (db, coll, id, doc) => {
    const idStr = typeof id?.toHexString === 'function' ? id.toHexString() : String(id);
    const before = docs(db, coll)?.get(idStr);
    const ok = await orig.updateById(db, coll, id, doc);
    if (ok) {
      const st = stateOf(db, coll);
      for (const index of st.byName.values()) {
        // Unchanged keys stay where they are (a bucket keeps its insertion order).
        if (before && index.fields.every((f) => docKey(before, [f]) === docKey(doc, [f]) && docKey(before, [f]) !== undefined)) {
          index.touch(doc);
          continue;
        }
        if (before) index.remove(idStr, before);
        index.add(idStr, doc, st.seq.get(idStr) ?? 0);
      }
    }
    return ok;
  };
  storage.deleteById = async (db, coll, id) => {
    const idStr = typeof id?.toHexString === 'function' ? id.toHexString() : String(id);
    const before = docs(db, coll)?.get(idStr);
    const ok = await orig.deleteById(db, coll, id);
    if (ok && before) {
      const st = stateOf(db, coll);
      for (const index of st.byName.values()) index.remove(idStr, before);
      st.seq.delete(idStr);
    }
    return ok;
  };
  storage.saveIndex = async (db, coll, name, spec) => {
    const r = await orig.saveIndex(db, coll, name, spec);
    build(db, coll, name, spec?.key ?? spec);
    return r;
  };
  storage.dropIndex = async (db, coll, name) => {
    const r = await orig.dropIndex(db, coll, name);
    state.get(keyFor(db, coll))?.byName.delete(name);
    return r;
  };
  const forget = (db, coll) => {
    for (const k of [...state.keys()]) if (k === keyFor(db, coll) || (coll === undefined && k.startsWith(`${db}\u0000`))) state.delete(k);
  };
  storage.dropCollection = async (db, coll) => (forget(db, coll), orig.dropCollection(db, coll));
  storage.dropDatabase = async (db) => (forget(db), orig.dropDatabase(db));
  storage.renameCollection = async (db, from, to) => {
    const r = await orig.renameCollection(db, from, to);
    forget(db, from);
    forget(db, to);
    for (const ix of (await storage.getIndexes(db, to)) ?? []) build(db, to, ix.name, ix.key);
    return r;
  };

  /**
   * The exact number of documents matching `filter`, or undefined: only when every condition of
   * the filter is an equality (or $in) an index prefix answers by its bucket sizes.
   */
  storage.countExact = async (db, coll, filter) => {
    const all = docs(db, coll);
    if (!all) return 0;
    if (!filter || typeof filter !== 'object') return undefined;
    const keys = Object.keys(filter);
    if (!keys.length) return all.size;
    if (keys.some((k) => k.startsWith('$'))) return undefined;
    const pins = pinned(filter);
    if (pins.size !== keys.length) return undefined;
    for (const index of stateOf(db, coll).byName.values()) {
      const n = index.count(pins);
      if (n !== undefined) return n;
    }
    return undefined;
  };

  /** Documents of `ids` in insertion order (what a scan would give). */
  const inInsertionOrder = (st, all, found) => {
    if (found.ordered) {
      const out = [];
      for (const id of found.ids) {
        const doc = all.get(id);
        if (doc) out.push(doc);
      }
      return out;
    }
    const seen = new Set();
    const picked = [];
    for (const id of found.ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      const doc = all.get(id);
      if (doc) picked.push({ seq: st.seq.get(id) ?? 0, doc });
    }
    picked.sort((a, b) => a.seq - b.seq);
    return picked.map((p) => p.doc);
  };

  /**
   * With `sort` (FindHandler passes it for a sorted page), candidates from one bucket come back
   * already in that order, marked `sortedBy`: the order QueryEngine.sort gives the bucket in
   * insertion order, kept per bucket and sort until the bucket changes, so the handler can stop
   * after the page's matches.
   */
  storage.findAll = async (db, coll, filter, sort) => {
    const all = docs(db, coll);
    if (!filter || !all || all.size < 64) return orig.findAll(db, coll);
    const pins = pinned(filter);
    if (!pins.size) return orig.findAll(db, coll);
    let best = null;
    const idPin = pins.get('_id');
    if (idPin && idPin.every((k) => k.startsWith('o'))) best = { ids: idPin.map((k) => k.slice(1)), ordered: idPin.length <= 1 };
    const st = stateOf(db, coll);
    for (const index of st.byName.values()) {
      if (best && best.ids.length <= 1) break;
      const found = index.candidates(pins);
      if (found && (!best || found.ids.length < best.ids.length)) best = found;
    }
    // No cheaper than a scan when the index leaves most of the collection.
    if (!best || best.ids.length > all.size * 0.9) return orig.findAll(db, coll);
    if (sort && best.bucket && Object.keys(sort).length) {
      const spec = JSON.stringify(sort);
      const b = best.bucket;
      let ids = b.sorted?.get(spec);
      if (!ids) {
        ids = QueryEngine.sort(inInsertionOrder(st, all, best), sort).map(idOf);
        if (!b.sorted) b.sorted = new Map();
        b.sorted.set(spec, ids);
      }
      const out = [];
      for (const id of ids) {
        const doc = all.get(id);
        if (doc) out.push(doc);
      }
      out.sortedBy = spec;
      return out;
    }
    return inInsertionOrder(st, all, best);
  };

  // A restart of the wrapper over a store that already holds indexes (none in memory mode; kept for completeness).
  return storage;
}

export const _internals = { keyOf, docKey, pinned, CollectionIndex };
