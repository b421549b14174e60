import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';

const repo = path.resolve(__dirname, '../..');

export interface BffProcess {
  child: ChildProcess;
  url: string;
}

/** Starts bff/src/server.ts as a real process (test environment plus `env`); resolves once it listens. */
export function startBffProcess(env: Record<string, string>): Promise<BffProcess> {
  const child = spawn(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, path.join(repo, 'bff/src/server.ts')], {
    cwd: repo,
    env: { ...process.env, NODE_ENV: 'test', BFF_PORT: '0', LOG_LEVEL: 'warn', ACCESS_LOG: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  readline.createInterface({ input: child.stdout! }).on('line', () => {});
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('message', (m: any) => m?.event === 'ready' && resolve({ child, url: m.url }));
    child.once('exit', (code) => reject(new Error(`bff exited (${code}): ${stderr.slice(-2000)}`)));
  });
}

/** SIGKILLs the process (no shutdown of any kind) and resolves once it is gone. */
export function killHard(c: ChildProcess): Promise<void> {
  return new Promise<void>((r) => (c.exitCode !== null || c.signalCode ? r() : (c.once('exit', () => r()), c.kill('SIGKILL'))));
}
