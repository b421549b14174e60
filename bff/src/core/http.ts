import { randomUUID } from 'node:crypto';
import type Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import type { Router, RouterContext, RouterMiddleware } from '@koa/router';
import { z } from 'zod';
import { ErrorCode, type FieldIssue, type RouteContract } from '@zwgk/contracts';
import { AppError, UpstreamError, validationError } from './errors';
import { authenticate, type TokenService } from './auth';
import { accessLoggerOf, type Logger } from './logger';
import type { Microcache } from './microcache';

/** Who is calling, once the access token has been checked. */
export interface AuthUser {
  id: string;
  roles: string[];
  family: string;
  tokenId: string;
}

export interface State {
  requestId: string;
  log: Logger;
  user?: AuthUser;
}

export type Ctx = RouterContext<State>;

/** A response body already serialised to JSON: sent as is, skipping JSON.stringify on hot paths. */
export class RawJson {
  /** `status` overrides the route's success status (e.g. readiness answering 503). */
  constructor(
    readonly json: string,
    readonly status?: number,
  ) {}
}

const jsonBody = bodyParser({ enableTypes: ['json'], jsonLimit: '1mb', encoding: 'utf-8' }) as unknown as Koa.Middleware<State>;

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * First in the chain: gives every request an id (kept from `X-Request-Id` when well formed),
 * renders every error as `{error: {code, message, details?}}`, and writes one access log line.
 * Only 5xx are logged as errors; upstream and internal messages never reach the client.
 */
export function requestContext(logger: Logger, accessLog = true): Koa.Middleware<State> {
  const access = accessLoggerOf(logger);
  return async (ctx, next) => {
    const started = performance.now();
    const incoming = ctx.get('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    // The per-request logger is made only when something logs: most requests never need it.
    let child: Logger | undefined;
    Object.defineProperty(ctx.state, 'log', { get: () => (child ??= logger.child({ requestId })), configurable: true });
    ctx.set('X-Request-Id', requestId);
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new AppError(ErrorCode.notFound, 404, '请求的接口不存在');
    } catch (err) {
      renderError(ctx, err);
    } finally {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const line = { requestId, method: ctx.method, path: ctx.path, status: ctx.status, ms, user: ctx.state.user?.id };
      if (ctx.status >= 500) logger.error(line, 'request failed');
      else if (accessLog) access.info(line, 'request');
    }
  };
}

function renderError(ctx: Ctx | Koa.ParameterizedContext<State>, err: unknown) {
  let app: AppError;
  if (err instanceof AppError) app = err;
  else if (err instanceof UpstreamError) {
    app = new AppError(ErrorCode.upstreamUnavailable, 503, '相关系统暂时无法访问，请稍后再试', undefined, true);
  } else if (isBodyParserError(err)) {
    app = isTooLarge(err)
      ? new AppError(ErrorCode.payloadTooLarge, 413, '提交的内容过大')
      : new AppError(ErrorCode.validation, 400, '请求内容不是有效的 JSON', [{ field: 'body', message: '请求内容不是有效的 JSON' }]);
  } else {
    app = new AppError(ErrorCode.internal, 500, '服务器开小差了，请稍后再试', undefined, false);
  }
  if (app.status >= 500) ctx.state.log?.error({ err }, 'unhandled error');
  else if (err instanceof UpstreamError) ctx.state.log?.warn({ err: err.message }, 'upstream failure');
  ctx.status = app.status;
  if (app.headers) ctx.set(app.headers);
  ctx.body = {
    error: {
      code: app.code,
      message: app.expose ? app.message : '服务器开小差了，请稍后再试',
      requestId: ctx.state.requestId,
      ...(app.details !== undefined && app.expose ? { details: app.details } : {}),
    },
  };
}

function isBodyParserError(err: unknown): err is { status: number; type?: string } {
  const e = err as { status?: number; type?: string; name?: string };
  return !!e && typeof e === 'object' && (e.type === 'entity.parse.failed' || e.type === 'entity.too.large' || e.name === 'SyntaxError' || (e.status === 400 && !!e.type));
}
function isTooLarge(err: { status: number; type?: string }) {
  return err.type === 'entity.too.large' || err.status === 413;
}

/** Turns zod issues into `{field, message}` pairs; messages written in the schemas are already Chinese. */
export function toFieldIssues(error: z.ZodError, root: string): FieldIssue[] {
  return error.issues.map((i) => ({
    field: [root, ...i.path.map(String)].filter(Boolean).join('.'),
    message: chineseMessage(i),
  }));
}

function chineseMessage(issue: z.core.$ZodIssue): string {
  const msg = issue.message;
  if (/[\u4e00-\u9fff]/.test(msg)) return msg;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '此项为必填项' : '格式不正确';
    case 'too_small':
      return '内容太短或数值太小';
    case 'too_big':
      return '内容太长或数值太大';
    case 'invalid_format':
      return '格式不正确';
    case 'invalid_value':
      return '不是可选的值';
    case 'unrecognized_keys':
      return '包含不支持的字段';
    default:
      return '填写不正确';
  }
}

/** Parses `input` with `schema` or throws a 400 that names each bad field. */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown, root: string): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(toFieldIssues(r.error, root));
  return r.data;
}

export interface Input<R extends RouteContract> {
  body: R['body'] extends z.ZodTypeAny ? z.infer<R['body']> : undefined;
  query: R['query'] extends z.ZodTypeAny ? z.infer<R['query']> : undefined;
  params: R['params'] extends z.ZodTypeAny ? z.infer<R['params']> : Record<string, string>;
  headers: R['headers'] extends z.ZodTypeAny ? z.infer<R['headers']> : undefined;
}

/**
 * What a keyed create answers: its status is the route's (201) the first time, and 200 with
 * `Idempotent-Replayed: true` when the same Idempotency-Key comes again.
 */
export class Keyed<T> {
  constructor(
    readonly body: T,
    readonly replayed: boolean,
  ) {}
}

type Output<R extends RouteContract> = R['response'] extends z.ZodTypeAny
  ? z.infer<R['response']> | RawJson | Keyed<z.infer<R['response']>>
  : void;

/** `Idempotency-Key` for the header `idempotency-key`, as citizens' error messages name it. */
function headerName(lower: string): string {
  return lower.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

/** Parses the declared headers; a bad one is a 400 naming the header. */
function parseHeaders(schema: z.ZodTypeAny, ctx: Ctx): unknown {
  const r = schema.safeParse(ctx.headers);
  if (!r.success) {
    throw validationError(
      r.error.issues.map((i) => ({ field: i.path.map((p) => headerName(String(p))).join('.'), message: toFieldIssues(new z.ZodError([i]), '')[0].message })),
    );
  }
  return r.data;
}

/**
 * Whether a query string holds only the route's declared parameters, each once: only such
 * URLs are microcached, so made-up parameters cannot multiply the cached copies.
 */
function onlyDeclaredQuery(route: RouteContract, querystring: string): boolean {
  if (!querystring) return true;
  const shape = (route.query as { shape?: Record<string, unknown> } | undefined)?.shape;
  if (!shape) return false;
  const seen = new Set<string>();
  for (const key of new URLSearchParams(querystring).keys()) {
    if (!(key in shape) || seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

/** Mounts contract routes on one router, applying what each contract declares. */
export interface RouteKit {
  /**
   * Mounts a JSON route: its auth and role, its write limit, then headers, params, query and
   * body validated at the edge; the handler gets typed input and returns the response body
   * (a value, a RawJson or a Keyed), never touching ctx.request.body.
   */
  mount<R extends RouteContract>(
    route: R,
    handler: (ctx: Ctx, input: Input<R>) => Promise<Output<R>>,
    opts?: { microcache?: { cache: Microcache; ttlMs: number } },
  ): void;
  /**
   * Mounts a route whose request or response is not JSON (a multipart upload, a body read
   * raw to check its signature, a file): the same guards and validation of headers, params
   * and query; the handler reads the body and writes the response itself.
   */
  mountRaw<R extends RouteContract>(route: R, handler: (ctx: Ctx, input: Omit<Input<R>, 'body'>) => Promise<void>): void;
}

/** The guards a contract declares: authentication (and role) first, then the write limit. */
export function guardsOf(route: RouteContract, tokens: TokenService, limits: { writeLimit: Koa.Middleware<State>; readLimit?: Koa.Middleware<State> }): Koa.Middleware<State>[] {
  const guards: Koa.Middleware<State>[] = [];
  // Reads are limited per address before anything else is done for them; probes are not.
  if (route.method === 'get' && route.path.startsWith('/api/') && limits.readLimit) guards.push(limits.readLimit);
  if (route.auth !== 'none') guards.push(authenticate(tokens, route.auth, route.role));
  if (route.limit === 'write') guards.push(limits.writeLimit);
  return guards;
}

export function routeKit(router: Router<State>, deps: { tokens: TokenService; writeLimit: Koa.Middleware<State>; readLimit?: Koa.Middleware<State> }): RouteKit {
  const register = (route: RouteContract, mw: Koa.Middleware<State>[]) => {
    const path = route.path.replace(/\{(\w+)\}/g, ':$1');
    (router[route.method].bind(router) as (path: string, ...mw: RouterMiddleware<State>[]) => unknown)(path, ...(mw as unknown as RouterMiddleware<State>[]));
  };
  const inputOf = (route: RouteContract, ctx: Ctx) => ({
    headers: route.headers ? parseHeaders(route.headers, ctx) : undefined,
    query: route.query ? parseInput(route.query, ctx.query, '') : undefined,
    params: route.params ? parseInput(route.params, ctx.params, '') : ctx.params,
  });
  return {
    mount(route, handler, opts = {}) {
      if (route.bodyKind) throw new Error(`${route.path} takes a ${route.bodyKind} body: mount it with mountRaw`);
      const guards = guardsOf(route, deps.tokens, deps);
      // Bodies are parsed only on routes that take one: GETs skip the parser entirely.
      if (route.body) guards.push(jsonBody);
      register(route, [
        ...guards,
        async (ctx) => {
          const base = inputOf(route, ctx as Ctx);
          const input = {
            ...base,
            body: route.body ? parseInput(route.body, (ctx.request as { body?: unknown }).body ?? {}, '') : undefined,
          } as Input<typeof route>;
          const out = await handler(ctx as Ctx, input);
          if (route.response === null) {
            ctx.status = route.status ?? 204;
            return;
          }
          ctx.status = route.status ?? 200;
          if (out instanceof Keyed) {
            if (out.replayed) {
              ctx.status = 200;
              ctx.set('Idempotent-Replayed', 'true');
            }
            ctx.body = out.body;
          } else if (out instanceof RawJson) {
            if (out.status) ctx.status = out.status;
            // Set directly: assigning ctx.type goes through a MIME lookup on every request.
            ctx.set('Content-Type', 'application/json; charset=utf-8');
            ctx.body = out.json;
            if (opts.microcache && ctx.status === 200 && !ctx.state.user && !ctx.get('authorization') && onlyDeclaredQuery(route, ctx.querystring)) {
              opts.microcache.cache.store(ctx.url, out.json, opts.microcache.ttlMs);
            }
          } else ctx.body = out;
        },
      ]);
    },
    mountRaw(route, handler) {
      register(route, [...guardsOf(route, deps.tokens, deps), async (ctx) => handler(ctx as Ctx, inputOf(route, ctx as Ctx) as never)]);
    },
  };
}
