// Starts the whole product on this machine: embedded MongoDB-wire server, the three
// upstream simulators, the BFF and the H5 build of the mini-program (with /api proxied to
// the BFF). Each part is its own process; the BFF is restarted if it crashes, and data
// survives that because the database runs apart from it.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { ROOT, ensureH5Build, log, spawnReady, tsxArgs, whenParentGone } from './lib.mjs';

const env = process.env;
const num = (name, def) => {
  const v = env[name];
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    log(`${name} must be a port number (0–65535), got "${v}"`);
    process.exit(2);
  }
  return n;
};
const ports = {
  bff: num('BFF_PORT', 3100),
  h5: num('H5_PORT', 3000),
  portal: num('PORTAL_SIM_PORT', 3201),
  case: num('CASE_SIM_PORT', 3202),
  wechat: num('WECHAT_SIM_PORT', 3203),
};

const children = [];
let shuttingDown = false;
async function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  log('stopping…');
  // BFF first (it drains in-flight requests), then the rest.
  for (const c of [...children].reverse()) {
    if (c.exitCode === null && c.signalCode === null) {
      c.kill('SIGTERM');
      await new Promise((r) => {
        const t = setTimeout(() => {
          c.kill('SIGKILL');
          r();
        }, 12_000);
        c.once('exit', () => {
          clearTimeout(t);
          r();
        });
      });
    }
  }
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
// Whoever started us (scripts/run.mjs, a test) went away without a signal reaching us, e.g. it
// was SIGKILLed: stop everything too. Our own children also stop when their IPC channel closes.
whenParentGone(() => shutdown(0));

async function main() {
  const pnpm = JSON.parse(env.ZWGK_PNPM ?? '["pnpm"]');
  if (env.SKIP_H5_BUILD !== '1') ensureH5Build(pnpm);

  const bffUrl = `http://127.0.0.1:${ports.bff}`;
  const urls = {};

  let mongoUri = env.MONGO_URI;
  if (!mongoUri) {
    const m = await spawnReady('embedded MongoDB', [path.join(ROOT, 'packages/embedded-mongo/src/server.mjs')], {
      env: { MONGO_EMBEDDED_PORT: env.MONGO_EMBEDDED_PORT ?? '0' },
    });
    children.push(m.child);
    mongoUri = m.uri;
  }

  const sim = async (name, file, port, extra = {}) => {
    const s = await spawnReady(`${name} simulator`, tsxArgs(file), { env: { [`${name.toUpperCase()}_SIM_PORT`]: String(port), ...extra } });
    children.push(s.child);
    return s.url;
  };
  const [portalUrl, caseUrl, wechatUrl] = await Promise.all([
    env.PORTAL_BASE_URL || sim('portal', 'packages/upstream-sim/src/portal/main.ts', ports.portal),
    env.CASE_SYSTEM_BASE_URL ||
      sim('case', 'packages/upstream-sim/src/case/main.ts', ports.case, {
        CASE_SIM_CALLBACK_URL: env.CASE_SIM_CALLBACK_URL ?? `${bffUrl}/api/v1/hotline/case-events`,
      }),
    env.WECHAT_API_BASE_URL || sim('wechat', 'packages/upstream-sim/src/wechat/main.ts', ports.wechat),
  ]);
  Object.assign(urls, { portal: portalUrl, case: caseUrl, wechat: wechatUrl });

  const bffEnv = {
    // The embedded defaults (public development keys, the simulator's credentials) are allowed
    // only when the environment says development explicitly; set NODE_ENV to run for real.
    NODE_ENV: env.NODE_ENV ?? 'development',
    ...simulatedStaff(),
    BFF_PORT: String(ports.bff),
    MONGO_URI: mongoUri,
    PORTAL_BASE_URL: portalUrl,
    CASE_SYSTEM_BASE_URL: caseUrl,
    WECHAT_API_BASE_URL: wechatUrl,
  };
  let restarts = 0;
  const startBff = async () => {
    const b = await spawnReady('BFF', tsxArgs('bff/src/server.ts'), { env: bffEnv, onLine: (l) => process.stdout.write(`${l}\n`) });
    children.push(b.child);
    b.child.once('exit', (code, signal) => {
      children.splice(children.indexOf(b.child), 1);
      if (shuttingDown) return;
      restarts += 1;
      const delay = Math.min(30_000, 500 * 2 ** Math.min(restarts, 6));
      log(`BFF exited (${signal ?? code}); restarting in ${delay} ms — data is kept in the database process`);
      setTimeout(() => startBff().catch((err) => log(String(err))), delay);
    });
    return b.url;
  };
  urls.bff = await startBff();

  const h5 = await spawnReady('H5 server', [path.join(ROOT, 'scripts/h5-server.mjs')], {
    env: { H5_PORT: String(ports.h5), H5_ROOT: path.join(ROOT, 'miniapp/dist/h5'), BFF_URL: bffUrl },
  });
  children.push(h5.child);
  urls.h5 = h5.url;

  const line = (k, v) => `  ${k.padEnd(22)}${v}`;
  process.stderr.write(
    [
      '',
      '阳光政务 is running:',
      line('H5 mini-program', urls.h5),
      line('BFF API', urls.bff),
      line('API docs (OpenAPI)', `${urls.bff}/api/docs`),
      line('Readiness', `${urls.bff}/readyz`),
      line('Portal simulator', urls.portal),
      line('Case simulator', urls.case),
      line('WeChat simulator', urls.wechat),
      line('MongoDB', env.MONGO_URI ? 'MONGO_URI' : `${mongoUri} (embedded, in memory)`),
      line('Redis', env.REDIS_URL ? 'REDIS_URL' : 'none: single-instance mode'),
      '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  process.send?.({ event: 'ready', ...urls });
}

/**
 * Staff roles for simulated WeChat users, so that the 工作台 can be tried in the H5 build: log in
 * as `staff-hotline` (the 12345 desk) or `staff-admin` (every role, the audit log). Only with
 * the WeChat simulator (no WECHAT_API_BASE_URL) and when STAFF_ROLES is not set. The simulator
 * gives `sim-<name>` the openid "o" + base64url(sha256("zwgk-openid:" + name)), 28 characters
 * (packages/upstream-sim/src/wechat/identity.ts).
 */
function simulatedStaff() {
  if (env.WECHAT_API_BASE_URL || env.STAFF_ROLES !== undefined) return {};
  const openid = (name) => `o${createHash('sha256').update(`zwgk-openid:${name}`).digest('base64url')}`.slice(0, 28);
  const staff = { 'staff-hotline': 'hotline', 'staff-admin': 'admin' };
  return { STAFF_ROLES: Object.entries(staff).map(([name, role]) => `${openid(name)}:${role}`).join(',') };
}

main().catch(async (err) => {
  log(`start failed: ${err.message}`);
  await shutdown(1);
});
