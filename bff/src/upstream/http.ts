import CircuitBreaker from 'opossum';
import { Pool } from 'undici';
import type { z } from 'zod';
import { AppError, UpstreamError } from '../core/errors';
import type { Logger } from '../core/logger';

export type UpstreamSystem = UpstreamError['system'];
export type BreakerState = 'closed' | 'open' | 'half_open';

/** Circuit breaker settings of one upstream system. */
export interface BreakerOptions {
  /** Failure rate (in %) over the rolling window above which the circuit opens. */
  errorThresholdPercentage: number;
  /** Calls the window must hold before the failure rate is judged at all. */
  volumeThreshold: number;
  /** Length of the rolling window. */
  rollingWindowMs: number;
  /** Time an open circuit waits before letting one trial call through (half-open). */
  resetTimeoutMs: number;
}

/** Retry settings; only transient failures of safe calls are retried, always within the call's timeout. */
export interface RetryOptions {
  /** Retries after the first attempt. */
  retries: number;
  /** Backoff before retry n is in [d/2, d] with d = min(maxDelayMs, baseDelayMs * 2^n). */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = {
  errorThresholdPercentage: 50,
  volumeThreshold: 5,
  rollingWindowMs: 10_000,
  resetTimeoutMs: 10_000,
};

export const DEFAULT_RETRY: RetryOptions = { retries: 2, baseDelayMs: 100, maxDelayMs: 1000 };

export interface UpstreamHttpOptions {
  system: UpstreamSystem;
  baseUrl: string;
  /** Default budget of one call, retries included. */
  timeoutMs: number;
  logger: Logger;
  breaker?: Partial<BreakerOptions>;
  retry?: Partial<RetryOptions>;
  /** Upper bound of concurrent sockets to this upstream, so a burst cannot swamp it. */
  connections?: number;
}

export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the base URL, already encoded, starting with `/`. */
  path: string;
  query?: Record<string, string | number | boolean | null | undefined>;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Schema of a 2xx body; a mismatch is `bad_response`. */
  schema: z.ZodType<T>;
  /** Budget of the whole call, retries included; defaults to the client's. */
  timeoutMs?: number;
  /**
   * Whether repeating the call is harmless (defaults to true for GET only). Calls that are
   * not idempotent are retried only when the connection was never established.
   */
  idempotent?: boolean;
  /**
   * Looks at a parsed 2xx body before the schema does and may throw (an `UpstreamError`
   * or an `AppError`), for APIs such as WeChat's that report errors inside HTTP 200.
   * Runs inside the breaker, so an `UpstreamError` that is not `rejected` counts as a failure.
   */
  inspect?: (json: unknown, status: number) => void;
  /** Operation name for logs, e.g. `portal.list`. */
  op?: string;
  /** Cancels the call from outside (e.g. a page's latency budget ran out). */
  signal?: AbortSignal;
}

export interface UpstreamReply<T> {
  status: number;
  data: T;
}

export interface UpstreamStats {
  system: UpstreamSystem;
  state: BreakerState;
  /** Counts over the rolling window. */
  window: { calls: number; successes: number; failures: number; shortCircuited: number };
  /** When the circuit last opened, ISO; null if it never did. */
  lastOpenedAt: string | null;
}

/** The shared HTTP layer of one upstream system: pool, timeouts, retries, breaker. */
export interface UpstreamHttp {
  readonly system: UpstreamSystem;
  /** Performs a call and zod-parses its 2xx body; every failure is an `UpstreamError` (or what `inspect` throws). */
  request<T>(opts: RequestOptions<T>): Promise<UpstreamReply<T>>;
  /** Like `request`, but a 404 answer resolves to null. */
  find<T>(opts: RequestOptions<T>): Promise<UpstreamReply<T> | null>;
  /**
   * Checks that the upstream answers at all: any HTTP answer below 500 counts, without
   * retries. Goes through the breaker, so an open circuit fails fast.
   */
  ping(path: string, timeoutMs?: number): Promise<void>;
  stats(): UpstreamStats;
  close(): Promise<void>;
}

/** Error codes of connections that never reached the upstream: a retry cannot duplicate anything. */
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const TIMEOUT = Symbol('upstream-timeout');

interface RawReply {
  status: number;
  json: unknown;
}

/**
 * Builds the HTTP layer for one upstream system: a keep-alive undici pool for its base URL,
 * a per-call deadline, retries with jittered backoff for transient failures of safe calls,
 * and an opossum circuit breaker guarding every attempt.
 */
export function createUpstreamHttp(options: UpstreamHttpOptions): UpstreamHttp {
  const { system, logger } = options;
  const breakerOpts = { ...DEFAULT_BREAKER, ...options.breaker };
  const retryOpts = { ...DEFAULT_RETRY, ...options.retry };
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const pool = new Pool(base.origin, {
    connections: options.connections ?? 64,
    keepAliveTimeout: 4000,
    connect: { timeout: Math.min(options.timeoutMs, 5000) },
  });
  // Aborts caused by the caller say nothing about the upstream's health.
  const callerAborted = new WeakSet<object>();

  const breaker = new CircuitBreaker<[() => Promise<RawReply>], RawReply>((fn) => fn(), {
    name: system,
    // Deadlines are enforced per call below; opossum's own timer would be a second one.
    timeout: false,
    errorThresholdPercentage: breakerOpts.errorThresholdPercentage,
    volumeThreshold: breakerOpts.volumeThreshold,
    rollingCountTimeout: breakerOpts.rollingWindowMs,
    rollingCountBuckets: 10,
    resetTimeout: breakerOpts.resetTimeoutMs,
    rollingPercentilesEnabled: false,
    enableSnapshots: false,
    // An answer that refuses our request (4xx, a bad login code) proves the upstream works.
    errorFilter: (err: unknown) =>
      err instanceof AppError || (err instanceof UpstreamError && err.kind === 'rejected') || callerAborted.has(err as object),
  });
  let lastOpenedAt: string | null = null;
  breaker.on('open', () => {
    lastOpenedAt = new Date().toISOString();
    logger.warn({ upstream: system, resetTimeoutMs: breakerOpts.resetTimeoutMs }, 'upstream circuit opened');
  });
  breaker.on('halfOpen', () => logger.info({ upstream: system }, 'upstream circuit half-open, letting one call through'));
  breaker.on('close', () => logger.info({ upstream: system }, 'upstream circuit closed'));

  const baseHeaders: Record<string, string> = { accept: 'application/json', 'user-agent': 'zwgk-bff' };

  function buildPath(path: string, query?: RequestOptions<unknown>['query']): string {
    let full = basePath + path;
    if (query) {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) qs.append(k, String(v));
      const s = qs.toString();
      if (s) full += (full.includes('?') ? '&' : '?') + s;
    }
    return full;
  }

  /** One network attempt; maps every failure to `UpstreamError` so the breaker can classify it. */
  async function attempt(
    method: string,
    path: string,
    label: string,
    headers: Record<string, string>,
    body: string | undefined,
    timeLeftMs: number,
    notFoundAsNull: boolean,
    inspect: RequestOptions<unknown>['inspect'],
    signal: AbortSignal | undefined,
  ): Promise<RawReply> {
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(TIMEOUT), timeLeftMs);
    const onCallerAbort = () => ac.abort(signal?.reason);
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const res = await pool.request({ method: method as 'GET', path, headers, body, signal: ac.signal });
      const status = res.statusCode;
      if (status >= 500 || status === 429) {
        await res.body.dump();
        throw new UpstreamError(system, 'http', `${label} answered ${status}`, status);
      }
      if (status === 404 && notFoundAsNull) {
        await res.body.dump();
        return { status, json: null };
      }
      if (status >= 400) {
        const info = describeErrorBody(await res.body.text().catch(() => ''));
        throw new UpstreamError(system, 'rejected', `${label} answered ${status}: ${info.message}`, status, info.code);
      }
      const text = await res.body.text();
      if (status === 204 || text === '') return { status, json: undefined };
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new UpstreamError(system, 'bad_response', `${label} answered ${status} with a body that is not JSON`, status);
      }
      inspect?.(json, status);
      return { status, json };
    } catch (err) {
      if (err instanceof UpstreamError || err instanceof AppError) throw err;
      const mapped = mapTransportError(system, label, err, ac.signal, signal);
      if (signal?.aborted) callerAborted.add(mapped);
      throw mapped;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  async function call<T>(opts: RequestOptions<T>, notFoundAsNull: boolean): Promise<UpstreamReply<T> | null> {
    const method = opts.method ?? 'GET';
    const idempotent = opts.idempotent ?? method === 'GET';
    const timeoutMs = opts.timeoutMs ?? options.timeoutMs;
    const op = opts.op ?? `${system} ${method} ${opts.path}`;
    const path = buildPath(opts.path, opts.query);
    // Query strings can carry secrets (WeChat's appid/secret/js_code): never in messages or logs.
    const label = `${method} ${basePath}${opts.path}`;
    let headers = opts.headers ? { ...baseHeaders, ...opts.headers } : baseHeaders;
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers = { ...headers, 'content-type': 'application/json' };
    }
    const started = Date.now();
    const deadline = started + timeoutMs;
    // Starting a retry with less time than this left would only produce a timeout.
    const minAttemptMs = Math.min(100, timeoutMs / 4);

    for (let n = 0; ; n++) {
      let raw: RawReply;
      try {
        raw = await breaker.fire(() =>
          attempt(method, path, label, headers, body, deadline - Date.now(), notFoundAsNull, opts.inspect as RequestOptions<unknown>['inspect'], opts.signal),
        );
      } catch (err) {
        const error = isBreakerOpen(err)
          ? new UpstreamError(system, 'circuit_open', `${op}: circuit open, call not made`)
          : err instanceof UpstreamError || err instanceof AppError
            ? err
            : new UpstreamError(system, 'unreachable', `${op}: ${(err as Error)?.message ?? String(err)}`);
        if (error instanceof UpstreamError && error !== err && err && typeof err === 'object') error.cause = err;
        const retryable = n < retryOpts.retries && !opts.signal?.aborted && isRetryable(error, idempotent);
        const delay = retryable ? backoff(n, retryOpts) : 0;
        if (!retryable || Date.now() + delay + minAttemptMs >= deadline) {
          if (error instanceof UpstreamError && error.kind !== 'circuit_open') {
            logger.warn(
              { upstream: system, op, kind: error.kind, status: error.status, upstreamCode: error.upstreamCode, attempts: n + 1, durationMs: Date.now() - started, err: error.message },
              'upstream call failed',
            );
          }
          throw error;
        }
        logger.debug({ upstream: system, op, kind: (error as UpstreamError).kind, attempt: n + 1, delayMs: delay }, 'retrying upstream call');
        await sleep(delay);
        continue;
      }
      if (raw.status === 404 && notFoundAsNull) return null;
      const parsed = opts.schema.safeParse(raw.json);
      if (!parsed.success) {
        const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
        logger.error({ upstream: system, op, status: raw.status, issues }, 'upstream response does not match its schema');
        throw new UpstreamError(system, 'bad_response', `${op}: unexpected response shape (${issues.join('; ')})`, raw.status);
      }
      return { status: raw.status, data: parsed.data };
    }
  }

  return {
    system,
    // Without notFoundAsNull, call() never resolves to null.
    request: <T>(opts: RequestOptions<T>) => call(opts, false) as Promise<UpstreamReply<T>>,
    find: (opts) => call(opts, true),
    async ping(path, timeoutMs) {
      const p = buildPath(path);
      const budget = timeoutMs ?? Math.min(options.timeoutMs, 1000);
      try {
        await breaker.fire(async () => {
          try {
            return await attempt('GET', p, `GET ${p}`, baseHeaders, undefined, budget, true, undefined, undefined);
          } catch (err) {
            // Any answer below 500, even a refusal, proves the upstream is there.
            if (err instanceof UpstreamError && (err.kind === 'rejected' || err.kind === 'bad_response')) return { status: 200, json: null };
            throw err;
          }
        });
      } catch (err) {
        if (isBreakerOpen(err)) throw new UpstreamError(system, 'circuit_open', 'ping: circuit open');
        throw err;
      }
    },
    stats() {
      const s = breaker.stats;
      return {
        system,
        state: breaker.opened ? 'open' : breaker.halfOpen ? 'half_open' : 'closed',
        window: { calls: s.fires, successes: s.successes, failures: s.failures, shortCircuited: s.rejects },
        lastOpenedAt,
      };
    },
    async close() {
      breaker.shutdown();
      await pool.close();
    },
  };
}

function isBreakerOpen(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === 'EOPENBREAKER' || code === 'ESHUTDOWN';
}

function isRetryable(err: unknown, idempotent: boolean): boolean {
  if (!(err instanceof UpstreamError)) return false;
  if (err.kind === 'unreachable') return idempotent || NEVER_CONNECTED.has(errorCode(err.cause) ?? '');
  // 429 asks us to slow down; hammering it again would not help.
  return idempotent && err.kind === 'http' && err.status !== 429;
}

function backoff(n: number, r: RetryOptions): number {
  const d = Math.min(r.maxDelayMs, r.baseDelayMs * 2 ** n);
  return d / 2 + Math.random() * (d / 2);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function errorCode(err: unknown): string | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as { code?: unknown; errors?: unknown[]; cause?: unknown };
  if (typeof e.code === 'string') return e.code;
  // Happy-eyeballs connects fail with an AggregateError of the per-address errors.
  if (Array.isArray(e.errors) && e.errors.length) return errorCode(e.errors[0]);
  return e.cause ? errorCode(e.cause) : undefined;
}

function mapTransportError(system: UpstreamSystem, what: string, err: unknown, own: AbortSignal, caller: AbortSignal | undefined): UpstreamError {
  let mapped: UpstreamError;
  if (caller?.aborted) mapped = new UpstreamError(system, 'timeout', `${what}: cancelled by caller`);
  else if (own.aborted && own.reason === TIMEOUT) mapped = new UpstreamError(system, 'timeout', `${what}: no answer in time`);
  else {
    const code = errorCode(err);
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') mapped = new UpstreamError(system, 'timeout', `${what}: ${code}`);
    else mapped = new UpstreamError(system, 'unreachable', `${what}: ${code ?? (err as Error)?.message ?? 'connection failed'}`);
  }
  // Not `instanceof Error`: errors from Node internals may come from another realm (jest's sandbox).
  if (err && typeof err === 'object') mapped.cause = err;
  return mapped;
}

/** Pulls code and message out of the error bodies upstreams use (`{error:{code,message}}`, `{errcode,errmsg}`). */
function describeErrorBody(text: string): { code?: string | number; message: string } {
  try {
    const j = JSON.parse(text) as { error?: { code?: string; message?: string }; errcode?: number; errmsg?: string; message?: string };
    if (j.error) return { code: j.error.code, message: j.error.message ?? '' };
    if (j.errcode !== undefined) return { code: j.errcode, message: j.errmsg ?? '' };
    return { message: j.message ?? text.slice(0, 200) };
  } catch {
    return { message: text.slice(0, 200) };
  }
}
