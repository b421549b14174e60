// Entry point of the root npm scripts. Needs nothing but Node 20+: it installs pnpm when it
// is missing and the workspace's dependencies when they are missing or out of date, then
// runs the command asked for.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, ensureInstalled, ensurePnpm, log, portAnswers, whenParentGone } from './lib.mjs';

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  log(`Node 20 or newer is needed (this is ${process.version}).`);
  process.exit(1);
}

const cmd = process.argv[2];
const rest = process.argv.slice(3);
const pnpm = ensurePnpm();
ensureInstalled(pnpm);
const env = { ...process.env, ZWGK_PNPM: JSON.stringify(pnpm) };

function run(args, extraEnv = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: { ...env, ...extraEnv } });
    const forward = (sig) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    // A signal sent to `npm start`/`npm test` ends npm without reaching us: stop the child then too.
    whenParentGone(() => forward('SIGTERM'));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * Tests need a Redis at 127.0.0.1:6379 (or REDIS_URL). When none answers and redis-server
 * is installed, a throwaway one is started for the run.
 */
async function ensureRedis() {
  if (process.env.REDIS_URL) return null;
  if (await portAnswers(6379)) return null;
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
    log('the tests need Redis: none answers on 127.0.0.1:6379 and redis-server is not installed.');
    log('install it (Debian: apt-get install -y redis-server) or set REDIS_URL.');
    process.exit(1);
  }
  log('starting a throwaway redis-server on 127.0.0.1:6379 for this run');
  const child = spawn('redis-server', ['--port', '6379', '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 50 && !(await portAnswers(6379)); i++) await new Promise((r) => setTimeout(r, 100));
  return child;
}

const jestBin = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
let code = 0;
switch (cmd) {
  case 'start':
    code = await run([path.join(ROOT, 'scripts/start.mjs'), ...rest]);
    break;
  case 'test': {
    const redis = await ensureRedis();
    code = await run([jestBin, ...rest]);
    redis?.kill();
    break;
  }
  case 'test:browser':
    code = await run([path.join(ROOT, 'scripts/browser-test.mjs'), ...rest]);
    break;
  case 'bench':
    code = await run([path.join(ROOT, 'bench/run.mjs'), ...rest]);
    break;
  default:
    log(`unknown command "${cmd}" (start, test, test:browser, bench)`);
    code = 2;
}
process.exit(code);
