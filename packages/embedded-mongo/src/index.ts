import { spawn, ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export interface EmbeddedMongo {
  uri: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the in-memory MongoDB-wire server as a child process and resolves with its URI. */
export function startEmbeddedMongo(opts: { port?: number; stdio?: 'inherit' | 'ignore'; env?: Record<string, string> } = {}): Promise<EmbeddedMongo> {
  const script = path.join(__dirname, 'server.mjs');
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...opts.env, MONGO_EMBEDDED_PORT: String(opts.port ?? 0) },
    stdio: ['ignore', 'pipe', opts.stdio === 'inherit' ? 'inherit' : 'pipe', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    const rl = readline.createInterface({ input: child.stdout! });
    const onExit = (code: number | null) =>
      reject(new Error(`embedded MongoDB exited (code ${code}) before it was ready: ${stderr.slice(-2000)}`));
    child.once('exit', onExit);
    rl.on('line', (line) => {
      let msg: { event?: string; uri?: string; port?: number };
      try {
        msg = JSON.parse(line);
      } catch {
        return;
      }
      if (msg.event !== 'ready' || !msg.uri) return;
      child.off('exit', onExit);
      resolve({
        uri: msg.uri,
        port: msg.port!,
        process: child,
        stop: () =>
          new Promise<void>((res) => {
            if (child.exitCode !== null) return res();
            child.once('exit', () => res());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
