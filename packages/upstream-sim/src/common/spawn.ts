import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { FaultsInput } from './faults';
import type { SimName } from './run';

export interface RunningSim {
  name: SimName;
  /** Base URL, e.g. `http://127.0.0.1:43121`. */
  url: string;
  process: ChildProcess;
  /** Sends SIGTERM and resolves when the process has exited (SIGKILL after 3 s). */
  stop(): Promise<void>;
  /** `PUT /__sim/faults`. */
  setFaults(faults: FaultsInput): Promise<void>;
  /** `GET /__sim/state`. */
  state<T = any>(): Promise<T>;
  /** Everything the process wrote on stderr so far (last 64 KB). */
  stderr(): string;
}

/** Rejection of spawnSim when the process exits before it is ready. */
export class SimStartError extends Error {
  constructor(
    readonly simName: SimName,
    readonly exitCode: number | null,
    readonly signal: NodeJS.Signals | null,
    readonly stderr: string,
  ) {
    super(`${simName} simulator exited (code ${exitCode}${signal ? `, signal ${signal}` : ''}) before it was ready:\n${stderr}`);
    this.name = 'SimStartError';
  }
}

const MAIN: Record<SimName, string> = {
  portal: path.join(__dirname, '..', 'portal', 'main.ts'),
  case: path.join(__dirname, '..', 'case', 'main.ts'),
  wechat: path.join(__dirname, '..', 'wechat', 'main.ts'),
};

const PORT_ENV: Record<SimName, string> = { portal: 'PORTAL_SIM_PORT', case: 'CASE_SIM_PORT', wechat: 'WECHAT_SIM_PORT' };

const STDERR_KEEP = 64 * 1024;

/**
 * Starts a simulator as its own Node process (TypeScript via tsx's loader) and resolves
 * once it prints its ready line. `env` is merged over `process.env`; the port defaults to
 * an ephemeral one. Set `SIM_DEBUG=1` to mirror the simulator's stderr.
 */
export function spawnSim(name: SimName, env: Record<string, string> = {}): Promise<RunningSim> {
  const tsxLoader = pathToFileURL(require.resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', tsxLoader, MAIN[name]], {
    env: { ...process.env, [PORT_ENV[name]]: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEEP);
    if (process.env.SIM_DEBUG) process.stderr.write(`[${name}] ${chunk}`);
  });

  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      rl.close();
      reject(new SimStartError(name, code, signal, stderr));
    };
    const onError = (err: Error) => reject(err);
    child.once('exit', onExit);
    child.once('error', onError);
    rl.on('line', (line) => {
      let msg: { event?: string; url?: string };
      try {
        msg = JSON.parse(line);
      } catch {
        return;
      }
      if (msg.event !== 'ready' || !msg.url) return;
      child.off('exit', onExit);
      child.off('error', onError);
      // Keep draining stdout so the child never blocks on a full pipe.
      child.stdout!.resume();
      const url = msg.url;
      resolve({
        name,
        url,
        process: child,
        stderr: () => stderr,
        stop: () => stopChild(child),
        async setFaults(faults) {
          const res = await fetch(`${url}/__sim/faults`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(faults),
          });
          if (!res.ok) throw new Error(`setFaults failed: ${res.status} ${await res.text()}`);
        },
        async state() {
          const res = await fetch(`${url}/__sim/state`);
          if (!res.ok) throw new Error(`state failed: ${res.status} ${await res.text()}`);
          return (await res.json()) as any;
        },
      });
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
