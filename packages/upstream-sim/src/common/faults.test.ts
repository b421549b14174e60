import { spawnSim, type RunningSim } from '../index';

describe('fault injection', () => {
  let sim: RunningSim;
  const healthz = () => fetch(`${sim.url}/healthz`);

  beforeAll(async () => {
    sim = await spawnSim('wechat');
  });
  afterAll(() => sim?.stop());
  afterEach(() => sim.setFaults({ mode: 'ok' }));

  it('when mode is ok, then requests are answered normally', async () => {
    expect((await healthz()).status).toBe(200);
  });

  it('when mode is down, then the connection is dropped and fetch rejects, while /__sim still answers', async () => {
    await sim.setFaults({ mode: 'down' });
    await expect(healthz()).rejects.toThrow();
    await expect(fetch(`${sim.url}/sns/jscode2session?appid=a&secret=b&js_code=sim-a`)).rejects.toThrow();
    expect((await sim.state()).faults.mode).toBe('down');
  });

  it('when mode is error, then every API path answers 503 with a JSON body', async () => {
    await sim.setFaults({ mode: 'error' });
    const res = await fetch(`${sim.url}/cgi-bin/token?grant_type=client_credential&appid=a&secret=b`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as any).error.code).toBe('sim_unavailable');
  });

  it('when mode is slow, then the latency is added before the normal answer', async () => {
    await sim.setFaults({ mode: 'slow', latencyMs: 300 });
    const start = Date.now();
    const res = await healthz();
    expect(res.status).toBe(200);
    expect(Date.now() - start).toBeGreaterThanOrEqual(290);
  });

  it('when a fault is limited by times, then it clears itself after that many requests', async () => {
    await sim.setFaults({ mode: 'error', times: 2 });
    expect((await healthz()).status).toBe(503);
    expect((await healthz()).status).toBe(503);
    expect((await healthz()).status).toBe(200);
  });

  it('when the fault body is invalid, then 400 and the mode is unchanged', async () => {
    for (const body of [{ mode: 'flaky' }, { mode: 'slow', latencyMs: -1 }, { mode: 'ok', extra: 1 }]) {
      const res = await fetch(`${sim.url}/__sim/faults`, { method: 'PUT', body: JSON.stringify(body) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).error.code).toBe('bad_request');
    }
    expect((await sim.state()).faults.mode).toBe('ok');
  });

  it('when SIM_FAULT_MODE is set at start, then the simulator starts in that mode', async () => {
    const other = await spawnSim('portal', {
      SIM_FAULT_MODE: 'error',
      PORTAL_CONTENT_DIR: `${__dirname}/../portal/__fixtures__/basic`,
    });
    try {
      expect((await fetch(`${other.url}/api/content/policies`)).status).toBe(503);
      expect((await other.state()).faults.mode).toBe('error');
    } finally {
      await other.stop();
    }
  });

  it('when the simulator is stopped, then its process exits', async () => {
    const other = await spawnSim('case');
    await other.stop();
    expect(other.process.exitCode ?? other.process.signalCode).not.toBeNull();
  });
});
