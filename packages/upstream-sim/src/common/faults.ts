import { z } from 'zod';

export const FAULT_MODES = ['ok', 'down', 'slow', 'error'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export const DEFAULT_SLOW_MS = 3000;

/**
 * Body of `PUT /__sim/faults`. `times` (optional) limits the fault to the next N requests,
 * after which the simulator goes back to `ok` — handy for testing a client's retries.
 */
export const faultsSchema = z.strictObject({
  mode: z.enum(FAULT_MODES),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  times: z.number().int().min(1).optional(),
});
export type FaultsInput = z.infer<typeof faultsSchema>;

export interface FaultState {
  mode: FaultMode;
  latencyMs: number;
  /** Requests left before the fault clears itself; null = until changed. */
  remaining: number | null;
}

/** Holds the current fault switch of one simulator. */
export class Faults {
  private state: FaultState = { mode: 'ok', latencyMs: DEFAULT_SLOW_MS, remaining: null };

  set(input: FaultsInput): FaultState {
    this.state = {
      mode: input.mode,
      latencyMs: input.latencyMs ?? DEFAULT_SLOW_MS,
      remaining: input.times ?? null,
    };
    return this.get();
  }

  get(): FaultState {
    return { ...this.state };
  }

  /** Returns the fault to apply to one incoming request and counts it down. */
  take(): FaultState {
    const current = this.get();
    if (current.mode !== 'ok' && this.state.remaining !== null) {
      this.state.remaining -= 1;
      if (this.state.remaining <= 0) this.state = { mode: 'ok', latencyMs: DEFAULT_SLOW_MS, remaining: null };
    }
    return current;
  }

  /** Reads `SIM_FAULT_MODE` / `SIM_FAULT_LATENCY_MS`; throws on invalid values. */
  static fromEnv(env: NodeJS.ProcessEnv): Faults {
    const faults = new Faults();
    const mode = env.SIM_FAULT_MODE;
    const latency = env.SIM_FAULT_LATENCY_MS;
    if (mode || latency) {
      const parsed = faultsSchema.safeParse({
        mode: mode || 'ok',
        latencyMs: latency ? Number(latency) : undefined,
      });
      if (!parsed.success) {
        throw new Error(`invalid SIM_FAULT_MODE/SIM_FAULT_LATENCY_MS: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      }
      faults.set(parsed.data);
    }
    return faults;
  }
}
