import { randomUUID } from 'node:crypto';
import type { Kv } from './kv';
import type { Logger } from './logger';

/** One piece of repeating background work (an outbox drain, a poll, a sweep, an index refresh). */
export interface TaskSpec {
  name: string;
  /** Pause between passes on the timer; 0: never on a timer, only when kicked or run by hand. */
  everyMs: number;
  /**
   * One pass. It should return soon after `signal.stopped` turns true. A number it resolves
   * with (items handled) is summed over the passes one runOnce call covers.
   */
  run(signal: TaskSignal): Promise<number | void>;
  /**
   * Only one instance of the deployment runs a pass at a time: a lock in the shared store is
   * taken for the pass (and expires after `lockMs` if the instance dies holding it). Another
   * instance's pass meanwhile is skipped, not queued.
   */
  singleton?: { lockMs: number };
  /** Delay between a kick and its pass, so a burst of kicks shares one pass. Default 5 ms. */
  kickDelayMs?: number;
}

export interface TaskSignal {
  readonly stopped: boolean;
}

export interface TaskHandle {
  readonly name: string;
  /** True while a pass runs. */
  readonly busy: boolean;
  /**
   * Runs a pass now, or, when one is running, once more right after it (so work that arrived
   * during a pass is never left for the timer). Resolves with the items handled; 0 when the
   * pass failed (logged) or another instance holds the lock.
   */
  runOnce(): Promise<number>;
  /** Asks for a pass soon (after kickDelayMs); kicks during the delay share it. */
  kick(): void;
}

/**
 * The one repeating-task runner of the BFF: one pass at a time per task, unref'd timers (a
 * task never keeps the process alive), optional singleton locks in the shared store, and a
 * stop that waits for running passes. createApp owns it; features add their tasks while
 * they are built and the app starts them all together.
 */
export class TaskRunner {
  private readonly tasks = new Map<string, RunningTask>();
  private started = false;
  private stopped = false;

  constructor(
    private readonly kv: Kv,
    private readonly logger: Logger,
  ) {}

  add(spec: TaskSpec): TaskHandle {
    if (this.tasks.has(spec.name)) throw new Error(`task ${spec.name} added twice`);
    const task = new RunningTask(spec, this.kv, this.logger.child({ task: spec.name }), () => this.stopped);
    this.tasks.set(spec.name, task);
    if (this.started) task.schedule();
    return task;
  }

  get(name: string): TaskHandle | undefined {
    return this.tasks.get(name);
  }

  /** Starts every task's timer (tasks added later start at once). */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    for (const t of this.tasks.values()) t.schedule();
  }

  /** Stops the timers and waits for the passes that are running. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.tasks.values()].map((t) => t.stop()));
  }
}

class RunningTask implements TaskHandle {
  readonly name: string;
  private running: Promise<number> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private kickTimer: NodeJS.Timeout | null = null;
  private readonly signal: TaskSignal;

  constructor(
    private readonly spec: TaskSpec,
    private readonly kv: Kv,
    private readonly log: Logger,
    private readonly isStopped: () => boolean,
  ) {
    this.name = spec.name;
    this.signal = { get stopped() { return isStopped(); } };
  }

  private async pass(): Promise<number> {
    const lockKey = `task-lock:${this.spec.name}`;
    let owner: string | null = null;
    if (this.spec.singleton) {
      owner = randomUUID();
      if (!(await this.kv.setIfAbsent(lockKey, owner, this.spec.singleton.lockMs))) return 0;
    }
    try {
      return (await this.spec.run(this.signal)) ?? 0;
    } finally {
      if (owner && (await this.kv.get(lockKey).catch(() => null)) === owner) await this.kv.del(lockKey).catch(() => {});
    }
  }

  get busy(): boolean {
    return this.running !== null;
  }

  runOnce(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let total = 0;
      try {
        do {
          this.again = false;
          total += await this.pass();
        } while (this.again && !this.isStopped());
      } catch (err) {
        this.log.warn({ err: (err as Error).message }, 'background pass failed; retrying at the next interval');
      } finally {
        this.running = null;
      }
      return total;
    })();
    return this.running;
  }

  kick(): void {
    if (this.isStopped() || this.kickTimer) return;
    this.kickTimer = setTimeout(() => {
      this.kickTimer = null;
      void this.runOnce();
    }, this.spec.kickDelayMs ?? 5);
    this.kickTimer.unref();
  }

  schedule(): void {
    if (this.isStopped() || this.spec.everyMs <= 0) return;
    this.timer = setTimeout(() => void this.runOnce().finally(() => this.schedule()), this.spec.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    if (this.kickTimer) clearTimeout(this.kickTimer);
    await this.running;
  }
}
