import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSim, type RunningSim } from '../index';

const FIXTURE = path.join(__dirname, '__fixtures__', 'basic');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('portal simulator', () => {
  let dir: string;
  let sim: RunningSim;
  const get = async (p: string) => {
    const res = await fetch(`${sim.url}${p}`);
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-sim-'));
    for (const f of fs.readdirSync(FIXTURE)) fs.copyFileSync(path.join(FIXTURE, f), path.join(dir, f));
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
