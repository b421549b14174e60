// Browser tests: starts the whole product (building the H5 bundle if needed) on free ports,
// runs every miniapp/e2e/*.e2e.mjs against it in headless Chromium, then stops it.
// Screenshots land in .artifacts/.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ROOT, log, spawnReady } from './lib.mjs';

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const ports = {};
for (const k of ['BFF_PORT', 'H5_PORT', 'PORTAL_SIM_PORT', 'CASE_SIM_PORT', 'WECHAT_SIM_PORT']) ports[k] = String(await freePort());
fs.mkdirSync(path.join(ROOT, '.artifacts'), { recursive: true });

const stack = await spawnReady('stack', [path.join(ROOT, 'scripts/start.mjs')], {
  // CACHE_FRESH_S: portal content changed during a test (consultations.e2e.mjs closes one
  // through the portal simulator's /__sim hook) reaches the BFF within seconds, not a minute.
  env: { ...ports, LOG_LEVEL: 'warn', CASE_SIM_STEP_MS: process.env.CASE_SIM_STEP_MS ?? '3000', CACHE_FRESH_S: process.env.CACHE_FRESH_S ?? '2' },
  timeoutMs: 300_000,
  onLine: () => {},
});
log(`stack up: H5 ${stack.h5}, BFF ${stack.bff}`);

const dir = path.join(ROOT, 'miniapp', 'e2e');
// E2E_ONLY=smoke,forms runs only those files (while working on them; CI runs every file).
const only = process.env.E2E_ONLY ? process.env.E2E_ONLY.split(',').map((n) => `${n.trim()}.e2e.mjs`) : null;
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.e2e.mjs') && (!only || only.includes(f))).sort() : [];
let failed = 0;
for (const f of files) {
  log(`browser test ${f}`);
  const code = await new Promise((resolve) => {
    const c = spawn(process.execPath, [path.join(dir, f)], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, H5_URL: stack.h5, BFF_URL: stack.bff, PORTAL_SIM_URL: stack.portal, CASE_SIM_URL: stack.case, WECHAT_SIM_URL: stack.wechat },
    });
    c.on('exit', (code) => resolve(code ?? 1));
  });
  if (code !== 0) failed += 1;
}
if (!files.length) {
  log('no browser tests found in miniapp/e2e');
  failed += 1;
}

stack.child.kill('SIGTERM');
await new Promise((r) => stack.child.once('exit', r));
log(failed ? `${failed} browser test file(s) failed` : `all ${files.length} browser test file(s) passed`);
process.exit(failed ? 1 : 0);
