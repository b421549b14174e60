import type { Connection } from 'mongoose';
import type { Config } from './config';
import type { SwrCache } from './core/cache';
import type { FieldCipher } from './core/crypto';
import type { Kv } from './core/kv';
import type { Microcache } from './core/microcache';
import type { Logger } from './core/logger';
import type { TokenService } from './core/auth';
import type { PortalClient } from './upstream/portal/client';
import type { CaseClient } from './upstream/case/client';
import type { WechatClient } from './upstream/wechat/client';

export interface Upstreams {
  portal: PortalClient;
  caseSystem: CaseClient;
  wechat: WechatClient;
}

/** Everything createApp needs from outside; tests and server.ts build it. */
export interface Deps {
  config: Config;
  logger: Logger;
  mongo: Connection;
  /** Shared store: Redis in production, process memory in single-instance mode. */
  kv: Kv;
  upstreams: Upstreams;
  /** Clock, replaceable in tests. */
  now?: () => Date;
}

/** What features receive: the deps plus services built once from them. */
export interface AppContext extends Omit<Deps, 'now'> {
  now: () => Date;
  cache: SwrCache;
  tokens: TokenService;
  cipher: FieldCipher;
  microcache: Microcache;
  /**
   * Background work of features (index refreshers, outbox forwarders, pollers) registers its
   * stop function here; createApp's close() stops it all before connections are closed.
   */
  background: { onClose(name: string, stop: () => Promise<void> | void): void };
}
