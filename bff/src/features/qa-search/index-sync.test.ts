import { TaskRunner } from '../../core/tasks';
import { createMemoryKv, type Kv } from '../../core/kv';
import { createLogger } from '../../core/logger';
import { PORTAL_MAX_PAGE_SIZE, type PortalClient } from '../../upstream/portal/client';
import type { PortalQa } from '../../upstream/portal/types';
import { QaIndex, SNAPSHOT_KEY } from './index-sync';

// These races need a publish or reload at one exact point between two portal calls, which a
// simulator process cannot be made to hit on demand; an in-memory portal with the same paging
// and `changedSince` semantics as the portal API (strictly after, pages of 200 sorted by id)
// lets each test place the content change exactly where the bug lives.

const REFRESH_MS = 1000;

interface Hooks {
  /** Runs right after `ids()` has taken its answer. */
  afterIds?: () => void;
  /** Runs after page `page` of a `listAll` has been taken, before the next is asked for. */
  afterPage?: (page: number, changedSince: string | undefined) => void;
}

class FakePortal {
  private records = new Map<string, PortalQa>();
  private clock = Date.parse('2026-03-01T08:00:00.000Z');
  hooks: Hooks = {};
  calls: string[] = [];

  constructor(qas: Array<Omit<PortalQa, 'modifiedAt' | 'revision'>>) {
    this.reload(qas);
  }

  /** Swaps content in like the portal does: a new `modifiedAt` only where the revision changed. */
  reload(qas: Array<Omit<PortalQa, 'modifiedAt' | 'revision'>>): void {
    this.clock += 1000;
    const now = new Date(this.clock).toISOString();
    const next = new Map<string, PortalQa>();
    for (const q of qas) {
      const revision = `${q.question}|${q.answer}`;
      const old = this.records.get(q.id);
      next.set(q.id, { ...q, revision, modifiedAt: old && old.revision === revision ? old.modifiedAt : now });
    }
    this.records = next;
  }

  content(): Array<Omit<PortalQa, 'modifiedAt' | 'revision'>> {
    return [...this.records.values()].map(({ modifiedAt: _m, revision: _r, ...q }) => q);
  }

  publish(q: Omit<PortalQa, 'modifiedAt' | 'revision'>): void {
    this.reload([...this.content().filter((x) => x.id !== q.id), q]);
  }

  withdraw(id: string): void {
    this.reload(this.content().filter((q) => q.id !== id));
  }

  get(id: string): PortalQa | undefined {
    return this.records.get(id);
  }

  private page(page: number, changedSince?: string): { items: PortalQa[]; total: number } {
    const since = changedSince ? Date.parse(changedSince) : -Infinity;
    const all = [...this.records.values()].filter((q) => Date.parse(q.modifiedAt!) > since).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { items: all.slice((page - 1) * PORTAL_MAX_PAGE_SIZE, page * PORTAL_MAX_PAGE_SIZE), total: all.length };
  }

  client(): PortalClient {
    const tick = () => new Promise((r) => setImmediate(r));
    const self = this;
    const client: Partial<PortalClient> = {
      // Same loop as the real adapter: pages of 200 until `total` is covered or a page is empty.
      async listAll(collection: string, q: { changedSince?: string | Date } = {}) {
        // The index also reads policies and interpretations (the context channel); none here.
        if (collection !== 'qas') return [];
        const changedSince = q.changedSince instanceof Date ? q.changedSince.toISOString() : q.changedSince;
        self.calls.push(`listAll ${changedSince ?? '-'}`);
        const all: PortalQa[] = [];
        for (let page = 1; ; page++) {
          await tick();
          const res = self.page(page, changedSince);
          all.push(...res.items.map((x) => ({ ...x })));
          if (page * PORTAL_MAX_PAGE_SIZE >= res.total || res.items.length === 0) return all;
          self.hooks.afterPage?.(page, changedSince);
        }
      },
      async ids() {
        self.calls.push('ids');
        const ids = [...self.records.keys()];
        self.hooks.afterIds?.();
        await tick();
        return ids;
      },
      async get(_collection: string, id: string) {
        self.calls.push(`get ${id}`);
        await tick();
        const q = self.records.get(id);
        return q ? { ...q } : null;
      },
    } as Partial<PortalClient>;
    return client as PortalClient;
  }
}

const qa = (n: number, question = `第${n}号问题：如何办理第${n}类事项？`) => ({
  id: `qa-${String(n).padStart(4, '0')}`,
  question,
  answer: `第${n}类事项请到政务服务大厅办理。`,
  policyId: null,
  topics: ['政务服务'],
  updatedAt: '2026-01-01T00:00:00+08:00',
});

async function snapshotOf(kv: Kv): Promise<PortalQa[]> {
  return (JSON.parse((await kv.get(SNAPSHOT_KEY))!) as { items: PortalQa[] }).items;
}

/** Engine ids, snapshot ids and the portal's ids, each sorted, for one comparison. */
async function views(index: QaIndex, kv: Kv, portal: FakePortal) {
  const sorted = (xs: string[]) => [...xs].sort();
  return {
    engine: sorted(index.current()!.ids()),
    snapshot: sorted((await snapshotOf(kv)).map((q) => q.id)),
    portal: sorted(portal.content().map((q) => q.id)),
  };
}

async function startIndex(portal: FakePortal, kv: Kv = createMemoryKv()): Promise<{ index: QaIndex; kv: Kv }> {
  // The timer is never relied on: each test drives polls with refresh() itself.
  const index = new QaIndex({ portal: portal.client(), kv, logger: createLogger('silent'), refreshMs: REFRESH_MS, snapshotTtlMs: 60000 });
  const indexTasks = new TaskRunner(createMemoryKv(), createLogger('silent'));
  index.start(indexTasks);
  indexTasks.start();
  await index.ready();
  await indexTasks.stop();
  await index.stop();
  return { index, kv };
}

describe('QaIndex sync with the portal', () => {
  test('when a Q&A is published after ids() answered but before the change list did, then engine, snapshot and portal agree, and withdrawing it later removes it from search', async () => {
    const portal = new FakePortal(Array.from({ length: 5 }, (_, i) => qa(i + 1)));
    const { index, kv } = await startIndex(portal);
    const first = await views(index, kv, portal);
    expect(first.engine).toEqual(first.portal);

    const x = qa(99, '新开的城市书房晚上几点关门？');
    portal.hooks.afterIds = () => {
      portal.hooks.afterIds = undefined;
      portal.publish(x);
    };
    await index.refresh();
    const after = await views(index, kv, portal);
    expect(after.engine).toContain(x.id);
    expect(after.snapshot).toEqual(after.engine);
    expect(after.engine).toEqual(after.portal);
    expect(index.current()!.search(x.question).hits[0]?.doc.id).toBe(x.id);
    // The id list is asked for first, so anything the change list holds is live or newer.
    expect(portal.calls.slice(-2)).toEqual(['ids', expect.stringMatching(/^listAll /)]);

    // Withdrawn: the next poll must take it out of search, not leave a hit whose detail 404s.
    portal.withdraw(x.id);
    await index.refresh();
    const gone = await views(index, kv, portal);
    expect(gone.engine).not.toContain(x.id);
    expect(gone.snapshot).toEqual(gone.engine);
    expect(gone.engine).toEqual(gone.portal);
    expect(index.current()!.search(x.question).hits.map((h) => h.doc.id)).not.toContain(x.id);
  });

  test('when a Q&A is withdrawn after ids() answered, then the next poll removes it everywhere', async () => {
    const portal = new FakePortal(Array.from({ length: 5 }, (_, i) => qa(i + 1)));
    const { index, kv } = await startIndex(portal);
    const victim = qa(3).id;
    portal.hooks.afterIds = () => {
      portal.hooks.afterIds = undefined;
      portal.withdraw(victim);
    };
    await index.refresh();
    const mid = await views(index, kv, portal);
    expect(mid.snapshot).toEqual(mid.engine);
    await index.refresh();
    const after = await views(index, kv, portal);
    expect(after.engine).not.toContain(victim);
    expect(after.snapshot).toEqual(after.engine);
    expect(after.engine).toEqual(after.portal);
  });

  test('when a content reload lands between two pages of the list, then a changed record on an earlier page still gets its new revision', async () => {
    const n = PORTAL_MAX_PAGE_SIZE * 2 + 50;
    const portal = new FakePortal(Array.from({ length: n }, (_, i) => qa(i + 1)));
    const early = qa(5, '老年人乘坐公交车免费吗？'); // page 1
    const late = qa(300, '社区卫生服务中心周末开门吗？'); // page 2
    const content = portal.content();
    const reload = () => portal.reload(content.map((q) => (q.id === early.id ? early : q.id === late.id ? late : q)));
    // The reload lands after page 1 of the very first (full) list was taken.
    portal.hooks.afterPage = (page) => {
      if (page !== 1) return;
      portal.hooks.afterPage = undefined;
      reload();
    };
    const { index, kv } = await startIndex(portal);
    // The full list mixed two contents: page 1 old, page 2 new. The next polls must repair page 1.
    await index.refresh();
    await index.refresh();
    const snap = new Map((await snapshotOf(kv)).map((q) => [q.id, q]));
    expect(snap.get(early.id)!.revision).toBe(portal.get(early.id)!.revision);
    expect(snap.get(late.id)!.revision).toBe(portal.get(late.id)!.revision);
    expect(index.current()!.search(early.question).hits[0]?.doc.id).toBe(early.id);
    expect(index.current()!.search(late.question).hits[0]?.doc.id).toBe(late.id);
    for (const q of snap.values()) expect(q.revision).toBe(portal.get(q.id)!.revision);
  });

  test('when a record is withdrawn between two pages of the full list, then the record pushed across the page boundary is still indexed', async () => {
    const n = PORTAL_MAX_PAGE_SIZE * 2 + 50;
    const portal = new FakePortal(Array.from({ length: n }, (_, i) => qa(i + 1)));
    // Sorted by id, record 201 opens page 2; withdrawing record 10 moves it to the end of page 1,
    // which was already taken, so that list never shows it.
    const shifted = qa(PORTAL_MAX_PAGE_SIZE + 1).id;
    portal.hooks.afterPage = (page) => {
      if (page !== 1) return;
      portal.hooks.afterPage = undefined;
      portal.withdraw(qa(10).id);
    };
    const { index, kv } = await startIndex(portal);
    await index.refresh();
    const after = await views(index, kv, portal);
    expect(after.engine).toContain(shifted);
    expect(after.snapshot).toEqual(after.engine);
    expect(after.engine).toEqual(after.portal);
  });

  test('when nothing changed, then a poll with the overlap window changes nothing and keeps the watermark', async () => {
    const portal = new FakePortal(Array.from({ length: 5 }, (_, i) => qa(i + 1)));
    const { index, kv } = await startIndex(portal);
    const engine = index.current();
    const before = await kv.get(SNAPSHOT_KEY);
    await index.refresh();
    await index.refresh();
    expect(index.current()).toBe(engine);
    // Records inside the overlap come back on every poll; their revision is unchanged, so the
    // snapshot is not rewritten.
    expect(await kv.get(SNAPSHOT_KEY)).toBe(before);
    const asked = portal.calls.filter((c) => c.startsWith('listAll ')).slice(-1)[0].slice('listAll '.length);
    const newest = Math.max(...portal.content().map((q) => Date.parse(portal.get(q.id)!.modifiedAt!)));
    expect(Date.parse(asked)).toBe(newest - 2 * REFRESH_MS);
  });
});
