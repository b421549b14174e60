import { runSimMain } from '../common/run';
import { Faults } from '../common/faults';
import { createWechatSim } from './server';

void runSimMain('wechat', () => {
  const rawTtl = process.env.WECHAT_SIM_TOKEN_TTL_S;
  const ttl = rawTtl ? Number(rawTtl) : 7200;
  if (!Number.isInteger(ttl) || ttl < 1) throw new Error(`WECHAT_SIM_TOKEN_TTL_S must be a positive integer, got "${rawTtl}"`);
  return createWechatSim({
    appid: process.env.WECHAT_SIM_APPID || undefined,
    secret: process.env.WECHAT_SIM_SECRET || undefined,
    tokenTtlSeconds: ttl,
    faults: Faults.fromEnv(process.env),
  });
});
