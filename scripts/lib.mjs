// Helpers shared by the root scripts. Plain Node (no dependencies): these run before
// `pnpm install` on a fresh machine.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PNPM_VERSION = '12';

export function log(msg) {
  process.stderr.write(`\x1b[36m[zwgk]\x1b[0m ${msg}\n`);
}

function works(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'ignore', shell: process.platform === 'win32' });
  return r.status === 0;
}

/** Returns a command line prefix that runs pnpm, installing it when the machine has none. */
export function ensurePnpm() {
  if (works('pnpm', ['--version'])) return ['pnpm'];
  log(`pnpm not found: installing pnpm@${PNPM_VERSION} with npm…`);
  if (spawnSync('npm', ['install', '-g', `pnpm@${PNPM_VERSION}`], { stdio: 'inherit' }).status === 0 && works('pnpm', ['--version'])) {
    return ['pnpm'];
  }
  log('global install not possible here; using npx');
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

/** Installs dependencies when node_modules is missing or older than the lockfile. */
export function ensureInstalled(pnpm) {
  const marker = path.join(ROOT, 'node_modules', '.modules.yaml');
  const lock = path.join(ROOT, 'pnpm-lock.yaml');
  const stale = !fs.existsSync(marker) || (fs.existsSync(lock) && fs.statSync(lock).mtimeMs > fs.statSync(marker).mtimeMs);
  if (!stale) return;
  log('installing dependencies (pnpm install)…');
  const args = ['install', ...(fs.existsSync(lock) ? ['--frozen-lockfile'] : [])];
  const r = spawnSync(pnpm[0], [...pnpm.slice(1), ...args], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    log('pnpm install failed');
    process.exit(r.status ?? 1);
  }
}

/** Newest modification time of any file under the given directories. */
export function newestMtime(dirs) {
  let newest = 0;
  const walk = (d) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  dirs.forEach(walk);
  return newest;
}

/** Builds the H5 bundle when it is missing or older than its sources. */
export function ensureH5Build(pnpm, { force = false } = {}) {
  const index = path.join(ROOT, 'miniapp', 'dist', 'h5', 'index.html');
  const sources = ['miniapp/src', 'miniapp/config', 'packages/contracts/src'].map((d) => path.join(ROOT, d));
  if (!force && fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestMtime(sources)) return;
  log('building the H5 mini-program (about a minute on two cores)…');
  const t0 = Date.now();
  // Taro's progress bars are noise in a start log; its output is shown only when it fails.
  const r = spawnSync(pnpm[0], [...pnpm.slice(1), '--filter', '@zwgk/miniapp', 'build:h5'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout ?? ''}\n${r.stderr ?? ''}`.slice(-8000));
    log('H5 build failed (output above; run `pnpm --filter @zwgk/miniapp build:h5` to repeat it)');
    process.exit(r.status ?? 1);
  }
  log(`H5 built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

/** True when something accepts TCP connections on host:port. */
export function portAnswers(port, host = '127.0.0.1', timeoutMs = 500) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    const done = (ok) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/**
 * Spawns a Node process and resolves when it prints a JSON line `{"event":"ready", ...}` on
 * stdout (or sends it over IPC). Later stdout lines are passed to `onLine`.
 */
export function spawnReady(name, args, { env = {}, onLine, timeoutMs = 60_000 } = {}) {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not become ready within ${timeoutMs / 1000} s`)), timeoutMs);
    let ready = false;
    const onReady = (msg) => {
      if (ready || msg?.event !== 'ready') return;
      ready = true;
      clearTimeout(timer);
      resolve({ child, ...msg });
    };
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (!ready && line.startsWith('{')) {
        try {
          const msg = JSON.parse(line);
          if (msg.event === 'ready') return onReady(msg);
        } catch {
          /* a log line */
        }
      }
      onLine?.(line);
    });
    child.on('message', onReady);
    child.once('exit', (code) => {
      if (!ready) {
        clearTimeout(timer);
        reject(new Error(`${name} exited with code ${code} before it was ready`));
      }
    });
  });
}

export function tsxArgs(file) {
  return ['--import', 'tsx', path.join(ROOT, file)];
}

/**
 * Calls `onGone` once when this process's parent goes away. A signal sent to `npm start`
 * itself ends npm (and its `sh -c`) without passing the signal on, which leaves us
 * re-parented; nothing else tells us, so the parent pid is checked twice a second.
 */
export function whenParentGone(onGone, intervalMs = 500) {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      onGone();
    }
  }, intervalMs);
  timer.unref();
}
