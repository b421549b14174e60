import { runSimMain } from '../common/run';
import { Faults } from '../common/faults';
import { createWechatSim } from './server';
import { loadTemplates } from './templates';

/** `true`/`1` or `false`/`0`; unset or empty = `fallback`. */
function parseBool(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new Error(`${name} must be true, false, 1 or 0, got "${raw}"`);
}

void runSimMain('wechat', () => {
  const rawTtl = process.env.WECHAT_SIM_TOKEN_TTL_S;
  const ttl = rawTtl ? Number(rawTtl) : 7200;
  if (!Number.isInteger(ttl) || ttl < 1) throw new Error(`WECHAT_SIM_TOKEN_TTL_S must be a positive integer, got "${rawTtl}"`);
  return createWechatSim({
    appid: process.env.WECHAT_SIM_APPID || undefined,
    secret: process.env.WECHAT_SIM_SECRET || undefined,
    tokenTtlSeconds: ttl,
    faults: Faults.fromEnv(process.env),
    templates: loadTemplates(process.env.WECHAT_SIM_TEMPLATES),
    autoCredit: parseBool('WECHAT_SIM_AUTO_CREDIT', true),
  });
});
