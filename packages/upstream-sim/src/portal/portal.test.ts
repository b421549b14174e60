import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSim, type RunningSim } from '../index';

const FIXTURE = path.join(__dirname, '__fixtures__', 'basic');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fresh copy of the fixture directory, for a simulator whose content a test changes. */
function fixtureCopy(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const f of fs.readdirSync(FIXTURE)) fs.copyFileSync(path.join(FIXTURE, f), path.join(dir, f));
  return dir;
}

describe('portal simulator', () => {
  let dir: string;
  let sim: RunningSim;
  const get = async (p: string) => {
    const res = await fetch(`${sim.url}${p}`);
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    dir = fixtureCopy('portal-sim-');
    sim = await spawnSim('portal', { PORTAL_CONTENT_DIR: dir, PORTAL_SIM_RELOAD_MS: '50' });
  });
  afterAll(() => sim?.stop());

  it('when listing without parameters, then items come sorted by id with paging info', async () => {
    const { status, body } = await get('/api/content/policies');
    expect(status).toBe(200);
    expect(body.items.map((p: any) => p.id)).toEqual(['pol-001', 'pol-002', 'pol-003']);
    expect(body).toMatchObject({ page: 1, pageSize: 50, total: 3 });
    expect(body.items[0].revision).toMatch(/^[0-9a-f]{12}$/);
    expect(Date.parse(body.items[0].modifiedAt)).not.toBeNaN();
  });

  it('when paging, then page and pageSize slice the sorted list', async () => {
    const { body } = await get('/api/content/policies?page=2&pageSize=2');
    expect(body.items.map((p: any) => p.id)).toEqual(['pol-003']);
    expect(body).toMatchObject({ page: 2, pageSize: 2, total: 3 });
  });

  it('when sorting by -publishedAt, then times are compared as instants across offsets', async () => {
    const { body } = await get('/api/content/policies?sort=-publishedAt');
    expect(body.items.map((p: any) => p.id)).toEqual(['pol-003', 'pol-002', 'pol-001']);
  });

  it('when parameters are invalid, then 400 with a bad_request error', async () => {
    for (const q of ['pageSize=201', 'page=0', 'sort=topics', 'changedSince=yesterday', 'changedSince=2026-01-01T00:00:00', 'foo=1']) {
      const { status, body } = await get(`/api/content/policies?${q}`);
      expect([q, status]).toEqual([q, 400]);
      expect(body.error.code).toBe('bad_request');
    }
  });

  it('when the collection or record is unknown, then 404 not_found', async () => {
    expect((await get('/api/content/news')).status).toBe(404);
    const { status, body } = await get('/api/content/policies/nope');
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });

  it('when fetching one record and the ids, then they match the content', async () => {
    const { body } = await get('/api/content/open-days/od-001');
    expect(body.sessions[0].capacity).toBe(30);
    expect((await get('/api/content/policies/ids')).body).toEqual({ ids: ['pol-002', 'pol-001', 'pol-003'] });
  });

  it('when a file changes, then the new content is served and only changed records get a new modifiedAt', async () => {
    const before = (await get('/api/content/policies')).body.items;
    const mark = new Date().toISOString();
    await sleep(5);
    const records = JSON.parse(fs.readFileSync(path.join(dir, 'policies.json'), 'utf8'));
    records[1].status = 'repealed'; // pol-001
    records.push({ ...records[2], id: 'pol-004', title: '新增政策' });
    fs.writeFileSync(path.join(dir, 'policies.json'), JSON.stringify(records));

    let changed: any;
    for (let i = 0; i < 40; i++) {
      await sleep(50);
      changed = (await get(`/api/content/policies?changedSince=${encodeURIComponent(mark)}`)).body;
      if (changed.total === 2) break;
    }
    expect(changed.items.map((p: any) => p.id)).toEqual(['pol-001', 'pol-004']);
    expect(changed.items[0].status).toBe('repealed');
    expect(changed.items[0].revision).not.toBe(before[0].revision);
    const untouched = (await get('/api/content/policies/pol-002')).body;
    expect(untouched.modifiedAt).toBe(before[1].modifiedAt);
    expect((await sim.state()).counts.policies).toBe(4);
  });

  it('when a changed file is invalid, then the previous content stays and the error is logged', async () => {
    fs.writeFileSync(path.join(dir, 'meetings.json'), '[{"id": 1}]');
    for (let i = 0; i < 40 && !sim.stderr().includes('meetings.json[0].id'); i++) await sleep(50);
    expect(sim.stderr()).toContain('meetings.json[0].id: expected string, received number');
    expect((await get('/api/content/meetings')).body.total).toBe(1);
  });

  it('when asking for state, then counts, loadedAt and contentDir are reported', async () => {
    const state = await sim.state();
    expect(state.contentDir).toBe(dir);
    expect(Object.keys(state.counts)).toEqual(['policies', 'interpretations', 'qas', 'consultations', 'open-days', 'meetings']);
    expect(state.faults.mode).toBe('ok');
  });
});

describe('portal simulator: PUT /__sim/content/:collection/:id (a test hook)', () => {
  let dir: string;
  let sim: RunningSim;
  const req = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${sim.url}${p}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const record = (over: Record<string, unknown> = {}) => ({
    id: 'con-hook',
    title: '测试用征求意见稿',
    issuer: '示例市民政局',
    summary: '摘要。',
    draftText: '第一条 甲。\n第二条 乙。',
    basis: [{ title: '示例条例' }],
    opensAt: '2026-11-01T09:00:00+08:00',
    closesAt: '2026-12-31T17:30:00+08:00',
    ...over,
  });

  beforeAll(async () => {
    dir = fixtureCopy('portal-sim-hook-');
    sim = await spawnSim('portal', { PORTAL_CONTENT_DIR: dir, PORTAL_SIM_RELOAD_MS: '50' });
  });
  afterAll(() => sim?.stop());

  it('when a new record is put, then 201 and the API serves it in the list and by id', async () => {
    const put = await req('PUT', '/__sim/content/consultations/con-hook', record());
    expect(put.status).toBe(201);
    expect(put.body).toMatchObject({ id: 'con-hook', closesAt: '2026-12-31T17:30:00+08:00' });
    expect(put.body.revision).toMatch(/^[0-9a-f]{12}$/);
    const list = (await req('GET', '/api/content/consultations')).body;
    expect(list.items.map((c: any) => c.id)).toEqual(['con-001', 'con-hook']);
    expect((await req('GET', '/api/content/consultations/con-hook')).body.title).toBe('测试用征求意见稿');
    expect((await sim.state()).counts.consultations).toBe(2);
  });

  it('when a known record is put again (an earlier close), then 200, a new revision and modifiedAt, seen by changedSince', async () => {
    const before = (await req('GET', '/api/content/consultations/con-hook')).body;
    const mark = new Date().toISOString();
    await sleep(5);
    const put = await req('PUT', '/__sim/content/consultations/con-hook', record({ closesAt: '2026-11-20T12:00:00+08:00' }));
    expect(put.status).toBe(200);
    expect(put.body.revision).not.toBe(before.revision);
    const changed = (await req('GET', `/api/content/consultations?changedSince=${encodeURIComponent(mark)}`)).body;
    expect(changed.items.map((c: any) => [c.id, c.closesAt])).toEqual([['con-hook', '2026-11-20T12:00:00+08:00']]);
  });

  it('when a record of the files is put, then it replaces the file version in place', async () => {
    const put = await req('PUT', '/__sim/content/consultations/con-001', record({ id: 'con-001', title: '改过的标题' }));
    expect(put.status).toBe(200);
    const list = (await req('GET', '/api/content/consultations?sort=id')).body;
    expect(list.items.map((c: any) => [c.id, c.title])).toEqual([
      ['con-001', '改过的标题'],
      ['con-hook', '测试用征求意见稿'],
    ]);
  });

  it('when the directory reloads, then the records put through the hook are kept', async () => {
    const file = path.join(dir, 'consultations.json');
    const records = JSON.parse(fs.readFileSync(file, 'utf8'));
    records.push({ ...records[0], id: 'con-file' });
    fs.writeFileSync(file, JSON.stringify(records));
    let ids: string[] = [];
    for (let i = 0; i < 40 && !ids.includes('con-file'); i++) {
      await sleep(50);
      ids = (await req('GET', '/api/content/consultations')).body.items.map((c: any) => c.id);
    }
    expect(ids).toEqual(['con-001', 'con-file', 'con-hook']);
    expect((await req('GET', '/api/content/consultations/con-001')).body.title).toBe('改过的标题');
  });

  it('when the body breaks the content schema, then 400 naming the field, and nothing changes', async () => {
    const bad = await req('PUT', '/__sim/content/consultations/con-hook', record({ closesAt: '2026-12-31 17:30' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'bad_request' });
    expect(bad.body.error.message).toContain('closesAt');
    expect((await req('PUT', '/__sim/content/consultations/con-hook', 'not json')).status).toBe(400);
    const missing = await req('PUT', '/__sim/content/consultations/con-hook', { id: 'con-hook', title: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('issuer');
    expect((await req('GET', '/api/content/consultations/con-hook')).body.closesAt).toBe('2026-11-20T12:00:00+08:00');
  });

  it('when the id of the body differs from the path, then 400; an unknown collection is 404', async () => {
    const other = await req('PUT', '/__sim/content/consultations/con-hook', record({ id: 'con-else' }));
    expect(other.status).toBe(400);
    expect(other.body.error.message).toContain('id');
    expect((await req('PUT', '/__sim/content/news/n-1', record())).status).toBe(404);
    expect((await req('GET', '/api/content/consultations/con-else')).status).toBe(404);
  });

  it('when the id is left out of the body, then the path names the record', async () => {
    const { id: _id, ...rest } = record({ title: '无编号' });
    const put = await req('PUT', '/__sim/content/consultations/con-noid', rest);
    expect(put.status).toBe(201);
    expect((await req('GET', '/api/content/consultations/con-noid')).body.title).toBe('无编号');
  });

  it('when the simulator is in a fault mode, then the hook still answers', async () => {
    await sim.setFaults({ mode: 'down' });
    try {
      const put = await req('PUT', '/__sim/content/consultations/con-hook', record({ closesAt: '2026-11-21T12:00:00+08:00' }));
      expect(put.status).toBe(200);
    } finally {
      await sim.setFaults({ mode: 'ok' });
    }
    expect((await req('GET', '/api/content/consultations/con-hook')).body.closesAt).toBe('2026-11-21T12:00:00+08:00');
  });
});
