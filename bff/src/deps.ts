import type { Connection } from 'mongoose';
import type Koa from 'koa';
import type { Config } from './config';
import type { SwrCache } from './core/cache';
import type { FieldCipher } from './core/crypto';
import type { Kv } from './core/kv';
import type { Microcache } from './core/microcache';
import type { Logger } from './core/logger';
import type { TokenService } from './core/auth';
import type { State } from './core/http';
import type { TaskRunner } from './core/tasks';
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
  /** false: build everything but start no background task (tests and benchmarks drive them by hand). */
  startTasks?: boolean;
}

/** What features receive: the deps plus services built once from them. */
export interface AppContext extends Omit<Deps, 'now' | 'startTasks'> {
  now: () => Date;
  cache: SwrCache;
  tokens: TokenService;
  cipher: FieldCipher;
  microcache: Microcache;
  /**
   * The repeating background work of every feature (outbox drains, pollers, sweeps, index
   * refreshes). Features add their tasks while they are built; createApp starts them once
   * every feature is built and stops them in close(), before connections are closed.
   */
  tasks: TaskRunner;
  /** The per-user and per-IP write limit (routes declaring `limit: 'write'` get it through mount). */
  writeLimit: Koa.Middleware<State>;
  /** The per-IP read limit (every GET under /api/ gets it through mount). */
  readLimit: Koa.Middleware<State>;
  /** Something else to stop in close(), after the tasks. */
  onClose(stop: () => Promise<void> | void): void;
}
