/**
 * The embedded MongoDB-wire server's equality indexes (packages/embedded-mongo/src/indexes.mjs)
 * may make a query cheaper but never change its answer: the same random documents, writes and
 * queries go to a server with indexes and to one without (MONGO_EMBEDDED_INDEXES=0), and every
 * answer — documents and their order, counts, update and delete results — must be the same.
 */
import mongoose, { Types, type Connection } from 'mongoose';
import { startEmbeddedMongo, type EmbeddedMongo } from '@zwgk/embedded-mongo';

let servers: EmbeddedMongo[] = [];
let conns: Connection[] = [];

beforeAll(async () => {
  servers = await Promise.all([startEmbeddedMongo(), startEmbeddedMongo({ env: { MONGO_EMBEDDED_INDEXES: '0' } })]);
  conns = await Promise.all(servers.map((s) => mongoose.createConnection(s.uri.replace('/zwgk?', '/zwgk_ix?')).asPromise()));
}, 60_000);
afterAll(async () => {
  await Promise.all(conns.map((c) => c.close()));
  await Promise.all(servers.map((s) => s.stop()));
});

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number) {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** A deep copy that keeps ObjectIds and Dates (structuredClone does not). */
function clone<T>(v: T): T {
  if (v instanceof Types.ObjectId) return new Types.ObjectId(v.toHexString()) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (Array.isArray(v)) return v.map(clone) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)])) as T;
  return v;
}

const USERS = Array.from({ length: 12 }, (_, i) => new Types.ObjectId(`6500000000000000000000${String(i).padStart(2, '0')}`));
const STATES = ['pending', 'approved', 'rejected', 'withdrawn'];

function makeDoc(r: () => number, i: number) {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const doc: Record<string, unknown> = {
    _id: new Types.ObjectId(),
    userId: pick(USERS),
    key: `k-${Math.floor(r() * 40)}`,
    state: pick(STATES),
    articleNo: r() < 0.2 ? null : Math.floor(r() * 6),
    forward: { state: pick(['pending', 'delivered', 'failed']), attempts: Math.floor(r() * 3) },
    n: i,
    at: new Date(Date.UTC(2026, 0, 1 + Math.floor(r() * 60))),
  };
  if (r() < 0.15) delete doc.articleNo;
  if (r() < 0.1) doc.state = ['pending', 'approved']; // an array where an index expects a value
  if (r() < 0.05) doc.forward = null;
  return doc;
}

function makeFilter(r: () => number): Record<string, unknown> {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const parts: Record<string, unknown>[] = [];
  if (r() < 0.6) parts.push({ userId: pick(USERS) });
  if (r() < 0.5) parts.push({ key: `k-${Math.floor(r() * 40)}` });
  if (r() < 0.5) parts.push({ state: r() < 0.3 ? { $in: [pick(STATES), pick(STATES)] } : pick(STATES) });
  if (r() < 0.3) parts.push({ articleNo: r() < 0.3 ? null : Math.floor(r() * 6) });
  if (r() < 0.3) parts.push({ 'forward.state': pick(['pending', 'delivered', 'failed']) });
  if (r() < 0.2) parts.push({ n: { $gt: Math.floor(r() * 400) } });
  if (r() < 0.1) parts.push({ $or: [{ state: 'approved' }, { articleNo: 2 }] });
  const merged: Record<string, unknown> = {};
  for (const p of parts) {
    const [k] = Object.keys(p);
    if (k in merged) return { $and: parts };
    Object.assign(merged, p);
  }
  return merged;
}

test('when random documents are written, changed and deleted, then every query answers the same with indexes as without', async () => {
  const colls = conns.map((c) => c.db!.collection('ix_docs'));
  for (const coll of colls) {
    await coll.createIndex({ userId: 1, key: 1 });
    await coll.createIndex({ state: 1, articleNo: 1, at: -1 });
    await coll.createIndex({ 'forward.state': 1 });
  }
  const r = rng(20261201);
  const docs = Array.from({ length: 400 }, (_, i) => makeDoc(r, i));
  for (const coll of colls) await coll.insertMany(docs.map(clone));

  const same = async (what: string, run: (c: (typeof colls)[number]) => Promise<unknown>) => {
    const [withIx, without] = await Promise.all(colls.map(run));
    expect({ what, answer: withIx }).toEqual({ what, answer: without });
  };
  for (let round = 0; round < 150; round++) {
    const filter = makeFilter(r);
    const op = r();
    if (op < 0.45) {
      await same(`find ${JSON.stringify(filter)}`, (c) => c.find(filter).toArray());
      await same(`count ${JSON.stringify(filter)}`, (c) => c.countDocuments(filter));
    } else if (op < 0.6) {
      const set = { state: STATES[Math.floor(r() * 4)], key: `k-${Math.floor(r() * 40)}`, 'forward.state': 'delivered' };
      await same(`updateMany ${JSON.stringify(filter)}`, (c) => c.updateMany(filter, { $set: set }).then((x) => [x.matchedCount, x.modifiedCount]));
    } else if (op < 0.72) {
      const fresh = makeDoc(r, 1000 + round);
      const key = { userId: fresh.userId, key: fresh.key };
      await same(`upsert ${JSON.stringify(key)}`, (c) =>
        c
          .findOneAndUpdate(key, { $setOnInsert: { ...fresh, ...key } }, { upsert: true, returnDocument: 'after' })
          .then((d) => d && { ...d, _id: 'any' }),
      );
      // The upserted _id is the server's own choice: give both the same one again.
      const ids = await Promise.all(colls.map((c) => c.findOne(key).then((d) => d!._id)));
      if (String(ids[0]) !== String(ids[1])) {
        const doc = await colls[0].findOne(key);
        await colls[1].deleteOne({ _id: ids[1] });
        await colls[1].insertOne(doc!);
      }
    } else if (op < 0.8) {
      await same(`deleteOne ${JSON.stringify(filter)}`, (c) => c.deleteOne(filter).then((x) => x.deletedCount));
    } else if (op < 0.9) {
      await same(`findOneAndUpdate ${JSON.stringify(filter)}`, (c) =>
        c.findOneAndUpdate(filter, { $inc: { 'forward.attempts': 1 }, $set: { state: 'approved' } }, { sort: { n: 1 }, returnDocument: 'after' }),
      );
    } else {
      await same(`aggregate ${JSON.stringify(filter)}`, (c) => c.aggregate([{ $match: filter }, { $group: { _id: '$state', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]).toArray());
    }
  }
  // And the whole collections agree at the end.
  await same('everything', (c) => c.find({}).toArray());

  // Counts that an index can answer by itself (an exact prefix), with unhashable documents
  // (an array where the index expects a value) present and absent.
  const exactCounts = async (label: string) => {
    for (const st of [...STATES, null]) {
      await same(`${label} count state=${st}`, (c) => c.countDocuments({ state: st }));
      await same(`${label} count state in`, (c) => c.countDocuments({ state: { $in: [st, 'approved', 'approved'] } }));
      for (const a of [null, 0, 3]) await same(`${label} count state=${st} articleNo=${a}`, (c) => c.countDocuments({ state: st, articleNo: a }));
    }
    for (const f of ['pending', 'delivered', 'failed', null]) await same(`${label} count forward.state=${f}`, (c) => c.countDocuments({ 'forward.state': f }));
    for (const u of USERS.slice(0, 4)) await same(`${label} count userId`, (c) => c.countDocuments({ userId: u }));
    await same(`${label} count all`, (c) => c.countDocuments({}));
  };
  await exactCounts('mixed');
  const extra = Array.from({ length: 30 }, (_, i) => ({ ...makeDoc(r, 5000 + i), state: ['pending', 'rejected'], forward: [{ state: 'failed' }] }));
  for (const coll of colls) await coll.insertMany(extra.map(clone));
  await exactCounts('with arrays');

  // A sorted page (the server picks its first skip + limit) is the head of the fully sorted answer.
  const sorts: Record<string, 1 | -1>[] = [{ at: 1, _id: 1 }, { at: -1 }, { n: -1 }, { state: 1, n: 1 }, { articleNo: 1, at: -1 }, { 'forward.attempts': -1, _id: -1 }];
  const pageIsHead = async (sort: Record<string, 1 | -1>, filter: Record<string, unknown>) => {
    const full = await colls[0].find(filter).sort(sort).toArray();
    const page = await colls[0].find(filter).sort(sort).skip(2).limit(5).toArray();
    expect({ sort, filter, page }).toEqual({ sort, filter, page: full.slice(2, 7) });
  };
  for (const sort of sorts) {
    for (const filter of [{}, makeFilter(r), { state: 'pending' }, { userId: USERS[1] }, { userId: USERS[2], state: 'approved' }]) await pageIsHead(sort, filter);
  }
  // A bucket's sorted order follows changes to the sort fields (the index keys unchanged),
  // inserts and deletes.
  for (let round = 0; round < 5; round++) {
    const u = USERS[round % USERS.length];
    await pageIsHead({ n: -1 }, { userId: u });
    await colls[0].updateMany({ userId: u, n: { $lt: 300 } }, { $inc: { n: 500 } });
    await pageIsHead({ n: -1 }, { userId: u });
    await colls[0].insertOne({ ...makeDoc(r, 9000 + round), userId: u, n: 100_000 + round });
    await pageIsHead({ n: -1 }, { userId: u });
    await colls[0].deleteOne({ userId: u, n: 100_000 + round });
    await pageIsHead({ n: -1 }, { userId: u });
  }
}, 120_000);
