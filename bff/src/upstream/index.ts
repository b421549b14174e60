import type { Config } from '../config';
import type { Logger } from '../core/logger';
import { createCaseClient, type CaseClient } from './case/client';
import { createPortalClient, type PortalClient } from './portal/client';
import { createWechatClient, type WechatClient } from './wechat/client';

export type { PortalClient } from './portal/client';
export type { CaseClient } from './case/client';
export type { WechatClient } from './wechat/client';
export type { UpstreamStats, BreakerState } from './http';

export interface UpstreamClients {
  portal: PortalClient;
  caseSystem: CaseClient;
  wechat: WechatClient;
  /** Closes every connection pool and breaker; in-flight calls finish first. */
  close(): Promise<void>;
}

type UpstreamConfig = Pick<
  Config,
  | 'PORTAL_BASE_URL'
  | 'CASE_SYSTEM_BASE_URL'
  | 'WECHAT_API_BASE_URL'
  | 'WECHAT_APPID'
  | 'WECHAT_SECRET'
  | 'UPSTREAM_TIMEOUT_MS'
  | 'UPSTREAM_BREAKER_RESET_MS'
>;

/**
 * Builds the three upstream adapters from configuration.
 * Throws when a base URL is missing: the start script fills them with the simulators'
 * URLs, so a missing one means the BFF was started some other way without them.
 */
export function createUpstreams(config: UpstreamConfig, logger: Logger): UpstreamClients {
  const need = (name: 'PORTAL_BASE_URL' | 'CASE_SYSTEM_BASE_URL' | 'WECHAT_API_BASE_URL'): string => {
    const url = config[name];
    if (!url) throw new Error(`${name} is not set: the BFF needs the base URL of every upstream system (the start script sets the simulators' URLs)`);
    return url;
  };
  const portalUrl = need('PORTAL_BASE_URL');
  const caseUrl = need('CASE_SYSTEM_BASE_URL');
  const wechatUrl = need('WECHAT_API_BASE_URL');
  const timeoutMs = config.UPSTREAM_TIMEOUT_MS;
  const breaker = { resetTimeoutMs: config.UPSTREAM_BREAKER_RESET_MS };

  const portal = createPortalClient({ baseUrl: portalUrl, timeoutMs, logger, breaker });
  const caseSystem = createCaseClient({ baseUrl: caseUrl, timeoutMs, logger, breaker });
  const wechat = createWechatClient({ baseUrl: wechatUrl, appid: config.WECHAT_APPID, secret: config.WECHAT_SECRET, timeoutMs, logger, breaker });

  return {
    portal,
    caseSystem,
    wechat,
    async close() {
      await Promise.all([portal.close(), caseSystem.close(), wechat.close()]);
    },
  };
}
