import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Faults, faultsSchema } from './faults';
import { HttpError, Router, parseOr400, sendJson } from './http';

export interface SimServerOptions {
  name: string;
  /** Routes of the simulated system; subject to fault injection. */
  api: Router;
  /** Extra `/__sim/*` routes (always answered, never faulted). */
  sim?: Router;
  /** Body of `GET /__sim/state` (the `faults` field is added). */
  state: () => unknown;
  faults?: Faults;
  /** Called by `close()` before the server stops (timers, watchers). */
  onClose?: () => void;
}

export interface SimServer {
  server: http.Server;
  faults: Faults;
  /** Starts listening on 127.0.0.1 and resolves with the base URL. */
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
}

/**
 * Wraps a simulator's routes in an HTTP server with the shared `/__sim/faults`,
 * `/__sim/state` and `/healthz` endpoints and fault injection on every other path.
 */
export function createSimServer(opts: SimServerOptions): SimServer {
  const faults = opts.faults ?? new Faults();
  const control = opts.sim ?? new Router();
  control
    .put('/__sim/faults', async (ctx) => ({ json: faults.set(parseOr400(faultsSchema, await ctx.json())) }))
    .get('/__sim/faults', () => ({ json: faults.get() }))
    .get('/__sim/state', () => ({ json: { ...(opts.state() as object), faults: faults.get() } }));
  opts.api.get('/healthz', () => ({ json: { status: 'ok', name: opts.name } }));

  const server = http.createServer((req, res) => {
    void dispatch(req, res);
  });
  // Keep-alive sockets would otherwise hold `close()` open for seconds.
  server.keepAliveTimeout = 1000;

  async function dispatch(req: http.IncomingMessage, res: http.ServerResponse) {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://sim.local');
    } catch {
      sendJson(res, 400, { error: { code: 'bad_request', message: 'malformed URL' } });
      return;
    }
    if (url.pathname === '/__sim' || url.pathname.startsWith('/__sim/')) {
      await control.handle(req, res, url);
      return;
    }
    const fault = faults.take();
    if (fault.mode === 'down') {
      // Drop the connection without a response, as a crashed or unreachable host would.
      req.socket.destroy();
      return;
    }
    if (fault.mode === 'error') {
      sendJson(res, 503, { error: { code: 'sim_unavailable', message: `${opts.name} simulator is in fault mode "error"` } });
      return;
    }
    if (fault.mode === 'slow') {
      await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
      if (req.socket.destroyed) return;
    }
    await opts.api.handle(req, res, url);
  }

  return {
    server,
    faults,
    listen(port = 0) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          const { port: actual } = server.address() as AddressInfo;
          resolve(`http://127.0.0.1:${actual}`);
        });
      });
    },
    close() {
      opts.onClose?.();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

export { HttpError };
