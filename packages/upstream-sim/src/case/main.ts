import { runSimMain } from '../common/run';
import { Faults } from '../common/faults';
import { createCaseSim } from './server';

function numberEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return n;
}

void runSimMain('case', () =>
  createCaseSim({
    stepMs: numberEnv('CASE_SIM_STEP_MS', 15_000, 1),
    paused: process.env.CASE_SIM_PAUSED === '1' || process.env.CASE_SIM_PAUSED === 'true',
    callbackUrl: process.env.CASE_SIM_CALLBACK_URL || null,
    callbackSecret: process.env.CASE_SIM_CALLBACK_SECRET || undefined,
    callbackMaxAttempts: numberEnv('CASE_SIM_CALLBACK_ATTEMPTS', 5, 1),
    callbackBackoffMs: numberEnv('CASE_SIM_CALLBACK_BACKOFF_MS', 500, 0),
    faults: Faults.fromEnv(process.env),
  }),
);
