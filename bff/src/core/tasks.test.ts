import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { createMemoryKv, createRedisKv } from './kv';
import { createLogger } from './logger';
import { TaskRunner } from './tasks';

const logger = createLogger('silent');
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('TaskRunner', () => {
  test('when runOnce is called during a pass, then passes never overlap and one more pass follows', async () => {
    const runner = new TaskRunner(createMemoryKv(), logger);
    let active = 0;
    let maxActive = 0;
    let passes = 0;
    const t = runner.add({
      name: 'counting',
      everyMs: 0,
      async run() {
        active++;
        maxActive = Math.max(maxActive, active);
        await tick(30);
        active--;
        return ++passes;
      },
    });
    const a = t.runOnce();
    const b = t.runOnce();
    const c = t.runOnce();
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(await a).toBe(1 + 2);
    expect(passes).toBe(2);
    expect(maxActive).toBe(1);
    await runner.stop();
  });

  test('when a pass throws, then it is logged and the task keeps its schedule', async () => {
    const runner = new TaskRunner(createMemoryKv(), logger);
    let calls = 0;
    runner.add({
      name: 'flaky',
      everyMs: 20,
      async run() {
        calls++;
        if (calls === 1) throw new Error('boom');
      },
    });
    runner.start();
    await tick(150);
    await runner.stop();
    expect(calls).toBeGreaterThanOrEqual(3);
  });

  test('when the runner stops, then it waits for the running pass and starts no other', async () => {
    const runner = new TaskRunner(createMemoryKv(), logger);
    let finished = 0;
    let started = 0;
    const t = runner.add({
      name: 'slow',
      everyMs: 10,
      async run(signal) {
        started++;
        while (!signal.stopped) await tick(5);
        finished++;
      },
    });
    runner.start();
    await tick(40);
    await runner.stop();
    expect(finished).toBe(started);
    t.kick();
    await tick(30);
    expect(started).toBe(1);
  });

  test('when two instances share a store, then a singleton task runs on one of them at a time', async () => {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 2 });
    const prefix = `zwgk-test:${randomBytes(4).toString('hex')}:`;
    try {
      const runners = [new TaskRunner(createRedisKv(redis, prefix), logger), new TaskRunner(createRedisKv(redis, prefix), logger)];
      let active = 0;
      let overlap = false;
      let ran = 0;
      const handles = runners.map((r) =>
        r.add({
          name: 'poller',
          everyMs: 0,
          singleton: { lockMs: 5000 },
          async run() {
            active++;
            if (active > 1) overlap = true;
            await tick(50);
            active--;
            ran++;
            return 1;
          },
        }),
      );
      const results = await Promise.all([handles[0].runOnce(), handles[1].runOnce()]);
      expect(results.sort()).toEqual([0, 1]);
      expect(overlap).toBe(false);
      expect(ran).toBe(1);
      // The lock is released after the pass: the other instance may run next.
      expect(await handles[1].runOnce()).toBe(1);
      await Promise.all(runners.map((r) => r.stop()));
    } finally {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });

  test('when the same task name is added twice, then it is refused', () => {
    const runner = new TaskRunner(createMemoryKv(), logger);
    runner.add({ name: 'x', everyMs: 0, run: async () => {} });
    expect(() => runner.add({ name: 'x', everyMs: 0, run: async () => {} })).toThrow('added twice');
  });
});
