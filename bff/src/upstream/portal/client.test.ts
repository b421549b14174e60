import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { spawnSim, type RunningSim } from '@zwgk/upstream-sim';
import { UpstreamError } from '../../core/errors';
import { createPortalClient, type PortalClient, type PortalClientOptions } from './client';

const logger = pino({ level: 'silent' });
const POLICY_COUNT = 450;

let sim: RunningSim;
let contentDir: string;
const clients: PortalClient[] = [];

function policy(i: number) {
  const n = String(i).padStart(4, '0');
  return {
    id: `pol-${n}`,
    title: `测试政策 ${n}`,
    issuer: '示例市人民政府办公室',
    publishedAt: '2024-03-01T09:00:00+08:00',
    status: 'in_force',
    topics: ['政务公开'],
    body: '正文。',
  };
}

/** A client with test-sized timeouts and a breaker that trips and recovers quickly. */
function client(over: Partial<PortalClientOptions> = {}): PortalClient {
  const c = createPortalClient({
    baseUrl: sim.url,
    timeoutMs: 300,
    logger,
    breaker: { volumeThreshold: 3, resetTimeoutMs: 300 },
    retry: { baseDelayMs: 10, maxDelayMs: 40 },
    ...over,
  });
  clients.push(c);
  return c;
}

async function rejection(p: Promise<unknown>): Promise<UpstreamError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(UpstreamError);
    return err as UpstreamError;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-portal-'));
  fs.writeFileSync(path.join(contentDir, 'policies.json'), JSON.stringify(Array.from({ length: POLICY_COUNT }, (_, i) => policy(i + 1))));
  sim = await spawnSim('portal', { PORTAL_CONTENT_DIR: contentDir, PORTAL_SIM_RELOAD_MS: '0' });
});

afterEach(async () => {
  await sim.setFaults({ mode: 'ok' });
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await sim?.stop();
  fs.rmSync(contentDir, { recursive: true, force: true });
});

describe('portal client against the simulator', () => {
  it('when a page is listed, then records are parsed and the paging fields passed through', async () => {
    const page = await client().list('policies', { page: 2, pageSize: 10, sort: '-id' });
    expect(page).toMatchObject({ page: 2, pageSize: 10, total: POLICY_COUNT });
    expect(page.items).toHaveLength(10);
    expect(page.items[0]).toMatchObject({ id: 'pol-0440', title: '测试政策 0440', status: 'in_force', topics: ['政务公开'] });
    expect(typeof page.items[0].modifiedAt).toBe('string');
  });

  it('when a page size above 200 is asked for, then it is clamped to 200', async () => {
    const page = await client().list('policies', { pageSize: 500 });
    expect(page.pageSize).toBe(200);
    expect(page.items).toHaveLength(200);
  });

  it('when a whole collection is listed, then all pages are followed', async () => {
    const c = client();
    const all = await c.listAll('policies');
    expect(all).toHaveLength(POLICY_COUNT);
    expect(new Set(all.map((p) => p.id)).size).toBe(POLICY_COUNT);
    expect((await c.ids('policies')).sort()).toEqual(all.map((p) => p.id).sort());
  });

  it('when listing with changedSince after every change, then nothing comes back', async () => {
    const future = new Date(Date.now() + 86_400_000);
    expect(await client().listAll('policies', { changedSince: future })).toEqual([]);
  });

  it('when an empty collection is listed, then the result is empty', async () => {
    expect(await client().list('meetings')).toMatchObject({ items: [], total: 0 });
  });

  it('when one record is fetched, then it is parsed; when it does not exist, then null', async () => {
    const c = client();
    expect(await c.get('policies', 'pol-0007')).toMatchObject({ id: 'pol-0007', title: '测试政策 0007' });
    expect(await c.get('policies', 'no-such-id')).toBeNull();
  });

  it('when the portal is slower than the timeout, then the call fails with timeout within bounds', async () => {
    await sim.setFaults({ mode: 'slow', latencyMs: 2000 });
    const started = Date.now();
    const err = await rejection(client({ timeoutMs: 250 }).get('policies', 'pol-0001'));
    const elapsed = Date.now() - started;
    expect(err.kind).toBe('timeout');
    expect(elapsed).toBeGreaterThanOrEqual(240);
    expect(elapsed).toBeLessThan(600);
  });

  it('when the portal drops connections, then the call fails with unreachable', async () => {
    await sim.setFaults({ mode: 'down' });
    const err = await rejection(client().list('policies'));
    expect(err.kind).toBe('unreachable');
  });

  it('when the portal answers 503, then the call fails with http after its retries', async () => {
    await sim.setFaults({ mode: 'error', times: 50 });
    const err = await rejection(client({ breaker: { volumeThreshold: 100 } }).list('policies'));
    expect(err).toMatchObject({ kind: 'http', status: 503 });
    // One attempt plus two retries reached the portal.
    expect((await sim.state()).faults.remaining).toBe(47);
  });

  it('when the portal answers 503 once, then the GET is retried and succeeds', async () => {
    await sim.setFaults({ mode: 'error', times: 1 });
    const rec = await client().get('policies', 'pol-0002');
    expect(rec?.id).toBe('pol-0002');
    expect((await sim.state()).faults.mode).toBe('ok');
  });

  it('when the portal refuses a request (4xx), then it is rejected and the breaker stays closed', async () => {
    const c = client();
    for (let i = 0; i < 6; i++) {
      const err = await rejection(c.list('policies', { sort: 'nonexistent' }));
      expect(err).toMatchObject({ kind: 'rejected', status: 400, upstreamCode: 'bad_request' });
    }
    expect(c.stats().state).toBe('closed');
  });

  it('when failures repeat, then the breaker opens, short-circuits without a call, and closes after recovery', async () => {
    const c = client({ retry: { retries: 0 } });
    await sim.setFaults({ mode: 'error', times: 1000 });
    for (let i = 0; i < 3; i++) expect((await rejection(c.list('policies'))).kind).toBe('http');
    expect(c.stats().state).toBe('open');

    const before = (await sim.state()).faults.remaining;
    const started = Date.now();
    expect((await rejection(c.get('policies', 'pol-0001'))).kind).toBe('circuit_open');
    expect((await rejection(c.ping())).kind).toBe('circuit_open');
    expect(Date.now() - started).toBeLessThan(50);
    expect((await sim.state()).faults.remaining).toBe(before);

    await sim.setFaults({ mode: 'ok' });
    await new Promise((r) => setTimeout(r, 350));
    expect(c.stats().state).toBe('half_open');
    expect((await c.get('policies', 'pol-0001'))?.id).toBe('pol-0001');
    expect(c.stats()).toMatchObject({ system: 'portal', state: 'closed' });
    expect(c.stats().lastOpenedAt).not.toBeNull();
  });

  it('when the portal is up, then ping resolves; when it is down, then ping fails', async () => {
    const c = client({ retry: { retries: 0 } });
    await expect(c.ping()).resolves.toBeUndefined();
    await sim.setFaults({ mode: 'down' });
    expect((await rejection(c.ping())).kind).toBe('unreachable');
  });
});

describe('portal client against a misbehaving portal', () => {
  let server: http.Server;
  let baseUrl: string;
  let reply: { status: number; body: string } = { status: 200, body: '{}' };
  let hits = 0;

  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      hits++;
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(reply.body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const raw = (over: Record<string, unknown> = {}) => ({ ...policy(1), modifiedAt: '2024-03-01T09:00:00+08:00', ...over });

  it('when a record carries unknown fields, then they are stripped', async () => {
    reply = { status: 200, body: JSON.stringify(raw({ internalNote: 'x', secret: 1 })) };
    const rec = await client({ baseUrl }).get('policies', 'pol-0001');
    expect(rec).not.toHaveProperty('internalNote');
    expect(rec).not.toHaveProperty('secret');
    expect(rec?.id).toBe('pol-0001');
  });

  it('when one listed record is malformed, then it is skipped and the rest served', async () => {
    const items = [raw(), raw({ id: 'pol-0002', status: 'unknown' }), raw({ id: 'pol-0003' })];
    reply = { status: 200, body: JSON.stringify({ items, page: 1, pageSize: 50, total: 3 }) };
    const page = await client({ baseUrl }).list('policies');
    expect(page.items.map((p) => p.id)).toEqual(['pol-0001', 'pol-0003']);
  });

  it('when the answer does not have the expected shape, then the call fails with bad_response', async () => {
    reply = { status: 200, body: JSON.stringify({ rows: [] }) };
    expect((await rejection(client({ baseUrl }).list('policies'))).kind).toBe('bad_response');
    reply = { status: 200, body: '<html>maintenance</html>' };
    expect((await rejection(client({ baseUrl }).get('policies', 'x'))).kind).toBe('bad_response');
  });

  it('when the portal answers 4xx, then the GET is not retried; when it answers 502, then it is', async () => {
    const c = client({ baseUrl, breaker: { volumeThreshold: 100 } });
    reply = { status: 400, body: JSON.stringify({ error: { code: 'bad_request', message: 'nope' } }) };
    hits = 0;
    expect((await rejection(c.list('policies'))).kind).toBe('rejected');
    expect(hits).toBe(1);
    reply = { status: 502, body: 'bad gateway' };
    hits = 0;
    expect((await rejection(c.list('policies'))).kind).toBe('http');
    expect(hits).toBe(3);
  });

  it('when nothing listens at the base URL, then the call fails with unreachable', async () => {
    const free = http.createServer();
    await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
    const port = (free.address() as AddressInfo).port;
    await new Promise((r) => free.close(r));
    const err = await rejection(client({ baseUrl: `http://127.0.0.1:${port}` }).list('policies'));
    expect(err.kind).toBe('unreachable');
  });
});
