/**
 * `npm start` stops everything it started whichever process of the chain gets the signal:
 * npm itself (which ends without passing SIGINT/SIGTERM on), scripts/run.mjs, or
 * scripts/start.mjs when its parent is SIGKILLed. Runs the real command on free ports, without
 * the H5 build (SKIP_H5_BUILD=1; the H5 server starts all the same).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Parent pid and state of a live process, or null when it is gone (or a zombie). */
function statOf(pid: number): { ppid: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces, so split after its closing paren.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return state === 'Z' || state === 'X' ? null : { ppid: Number(ppid) };
  } catch {
    return null;
  }
}

/** Every live descendant of `root` (not `root` itself). */
function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const st = statOf(pid);
    if (st) parents.set(pid, st.ppid);
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const [pid, ppid] of parents) if (ppid === p) (found.push(pid), walk(pid));
  };
  walk(root);
  return found;
}

interface Started {
  npm: ChildProcess;
  tree: number[];
  output: () => string;
}

async function startProduct(): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, SKIP_H5_BUILD: '1', LOG_LEVEL: 'warn' };
  for (const k of ['BFF_PORT', 'H5_PORT', 'PORTAL_SIM_PORT', 'CASE_SIM_PORT', 'WECHAT_SIM_PORT']) env[k] = String(await freePort());
  for (const k of ['MONGO_URI', 'REDIS_URL', 'PORTAL_BASE_URL', 'CASE_SYSTEM_BASE_URL', 'WECHAT_API_BASE_URL']) delete env[k];
  const npm = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const collect = (b: Buffer) => (out += b.toString());
  npm.stdout!.on('data', collect);
  npm.stderr!.on('data', collect);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start was not running after ${START_TIMEOUT_MS} ms:\n${out}`)), START_TIMEOUT_MS);
    const check = () => {
      if (out.includes('Press Ctrl-C to stop.')) (clearTimeout(timer), resolve());
    };
    npm.stdout!.on('data', check);
    npm.stderr!.on('data', check);
    npm.once('exit', (code) => (clearTimeout(timer), reject(new Error(`npm start exited (${code}) before it was running:\n${out}`))));
  });
  const tree = descendants(npm.pid!);
  return { npm, tree, output: () => out };
}

async function allGone(pids: number[]): Promise<number[]> {
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  let alive = pids.filter((p) => statOf(p));
  while (alive.length && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    alive = alive.filter((p) => statOf(p));
  }
  return alive;
}

function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

describe('npm start stops everything it started', () => {
  jest.setTimeout(START_TIMEOUT_MS + STOP_TIMEOUT_MS + 10_000);
  let running: Started | null = null;
  afterEach(() => {
    // Whatever a failed case left behind must not outlive the test.
    for (const pid of running?.tree ?? []) if (statOf(pid)) process.kill(pid, 'SIGKILL');
    running = null;
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('when %s reaches the npm process itself', async (signal) => {
    running = await startProduct();
    // The chain the signal must come down: run.mjs (exec'd by npm's shell), start.mjs and its six processes.
    expect(running.tree.some((p) => commandOf(p).includes('scripts/start.mjs'))).toBe(true);
    expect(running.tree.some((p) => commandOf(p).includes('bff/src/server.ts'))).toBe(true);
    expect(running.tree.length).toBeGreaterThanOrEqual(8);
    process.kill(running.npm.pid!, signal);
    const left = await allGone(running.tree);
    expect(left.map((p) => `${p} ${commandOf(p)}`)).toEqual([]);
  });

  it('when scripts/run.mjs is killed outright (SIGKILL)', async () => {
    running = await startProduct();
    // The node process itself (were npm's `sh -c` still in between, it would match too).
    const runner = running.tree.find((p) => /^(\S*\/)?node scripts\/run\.mjs/.test(commandOf(p)));
    expect(runner).toBeDefined();
    process.kill(runner!, 'SIGKILL');
    const left = await allGone(running.tree.filter((p) => p !== runner));
    expect(left.map((p) => `${p} ${commandOf(p)}`)).toEqual([]);
  });
});
