import { runSimMain } from '../common/run';
import { Faults } from '../common/faults';
import { createPortalSim } from './server';

void runSimMain('portal', () => {
  const reloadMs = Number(process.env.PORTAL_SIM_RELOAD_MS ?? 2000);
  if (!Number.isFinite(reloadMs) || reloadMs < 0) throw new Error(`PORTAL_SIM_RELOAD_MS must be a non-negative number`);
  const sim = createPortalSim({
    contentDir: process.env.PORTAL_CONTENT_DIR || undefined,
    reloadMs,
    faults: Faults.fromEnv(process.env),
  });
  process.stderr.write(`portal content loaded from ${sim.store.dir}: ${JSON.stringify(sim.store.counts())}\n`);
  return sim;
});
