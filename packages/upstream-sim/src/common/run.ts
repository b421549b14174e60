import type { SimServer } from './sim-server';

export type SimName = 'portal' | 'case' | 'wechat';

const PORT_ENV: Record<SimName, string> = {
  portal: 'PORTAL_SIM_PORT',
  case: 'CASE_SIM_PORT',
  wechat: 'WECHAT_SIM_PORT',
};

/**
 * Entry point shared by the three `main.ts` files: builds the simulator, listens on the
 * port from the environment, prints the single JSON ready line on stdout and exits on
 * SIGTERM/SIGINT or when the parent's IPC channel goes away.
 */
export async function runSimMain(name: SimName, create: () => Promise<SimServer> | SimServer): Promise<void> {
  let sim: SimServer;
  try {
    sim = await create();
  } catch (err) {
    process.stderr.write(`${name} simulator failed to start:\n${(err as Error).message}\n`);
    process.exit(1);
  }
  const rawPort = process.env[PORT_ENV[name]] ?? '0';
  const port = Number(rawPort || '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`${PORT_ENV[name]} must be a port number, got "${rawPort}"\n`);
    process.exit(1);
  }
  let url: string;
  try {
    url = await sim.listen(port);
  } catch (err) {
    process.stderr.write(`${name} simulator could not listen on port ${port}: ${(err as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${JSON.stringify({ event: 'ready', name, url })}\n`);

  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${name} simulator stopping (${reason})\n`);
    const force = setTimeout(() => process.exit(0), 2000);
    force.unref();
    sim.close().then(() => process.exit(0), () => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('disconnect', () => stop('parent disconnected'));
}
