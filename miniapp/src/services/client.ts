import Taro from '@tarojs/taro';
import { api, ErrorBody, ErrorCode, type RouteContract } from '@zwgk/contracts';
import type { z } from 'zod';
import { ApiError, clientMessages } from './errors';
import { apiBase } from './platform';
import { applySession, clearSession, currentAccessToken, currentRefreshToken } from './sessionStore';

type BodyOf<R> = R extends { body: infer B extends z.ZodTypeAny } ? z.input<B> : never;
type QueryOf<R> = R extends { query: infer Q extends z.ZodTypeAny } ? z.input<Q> : never;
/** The `{name}` parameters of a route's path, typed by its `params` schema. */
export type ParamsOf<R> = R extends { params: infer P extends z.ZodTypeAny } ? z.input<P> : never;

/** What a route answers on success, parsed by its contract; `void` for 204 routes. */
export type ResultOf<R extends RouteContract> = R['response'] extends z.ZodTypeAny ? z.output<R['response']> : void;

export interface CallOptions<R extends RouteContract> {
  /** Values of the path's `{name}` parameters; required when the route has any. */
  params?: ParamsOf<R>;
  body?: BodyOf<R>;
  /** Query string fields; undefined ones are left out (Taro would send the text "undefined"). */
  query?: QueryOf<R>;
  /** Extra request headers (e.g. `Idempotency-Key`); the client's own headers win. */
  headers?: Record<string, string>;
}

/** `call`'s options: required (with `params`) for a route with path parameters, optional otherwise. */
export type CallArgs<R extends RouteContract> = R extends { params: z.ZodTypeAny }
  ? [options: CallOptions<R> & { params: ParamsOf<R> }]
  : [options?: CallOptions<R>];

const TIMEOUT_MS = 15_000;

/**
 * Calls one BFF route and returns its contract-parsed response.
 *
 * Fills the path's `{name}` parameters from `options.params` (checked by the route's `params`
 * schema, then URL-encoded). Sends the access token on routes that take one. When the server
 * answers 401 `token_expired`, refreshes the session once (shared by concurrent callers) and
 * retries.
 * Throws ApiError: the server's code and Chinese message for error bodies,
 * `network_error` when nothing came back, `bad_response` when the body breaks the contract,
 * `validation_failed` (before sending) when a path parameter is missing or the parameters or
 * the request body break it.
 */
export async function call<R extends RouteContract>(route: R, ...args: CallArgs<R>): Promise<ResultOf<R>> {
  const options: CallOptions<R> = args[0] ?? {};
  const token = route.auth === 'none' ? null : currentAccessToken();
  try {
    return await send(route, options, token);
  } catch (error) {
    if (!token || !(error instanceof ApiError) || error.status !== 401) throw error;

    if (error.code !== ErrorCode.tokenExpired) {
      // The token is invalid or revoked: this session is over.
      clearSession();
      if (route.auth === 'optional') return send(route, options, null);
      throw error;
    }

    // Another request may have refreshed while this one was in flight.
    const latest = currentAccessToken();
    if (latest && latest !== token) return send(route, options, latest);

    if (await refreshSession()) return send(route, options, currentAccessToken());
    if (route.auth === 'optional') return send(route, options, null);
    throw new ApiError({ code: ErrorCode.unauthenticated, status: 401, message: clientMessages.sessionExpired });
  }
}

let refreshInFlight: Promise<boolean> | null = null;

/**
 * Exchanges the refresh token for a new session. Concurrent callers share one request,
 * because the server rotates refresh tokens and treats reuse of an old one as theft.
 * Resolves true when refreshed; false (and the session cleared) when the server refuses.
 * Other failures (network, 5xx, 429) are thrown and leave the session as it was.
 */
export function refreshSession(): Promise<boolean> {
  refreshInFlight ??= runRefresh().finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}

async function runRefresh(): Promise<boolean> {
  const refreshToken = currentRefreshToken();
  if (!refreshToken) return false;
  try {
    const session = await send(api.refresh, { body: { refreshToken } }, null);
    applySession(session);
    return true;
  } catch (error) {
    // Only a 401 means the refresh token itself is dead. A 429 (many citizens behind one NAT
    // share the per-IP limit) or a 400 says nothing about it: keep the session and let the
    // caller fail this once.
    if (error instanceof ApiError && error.status === 401) {
      clearSession();
      return false;
    }
    throw error;
  }
}

async function send<R extends RouteContract>(route: R, options: CallOptions<R>, token: string | null): Promise<ResultOf<R>> {
  const path = pathOf(route, options.params);
  let data: unknown;
  if (route.body) {
    const parsed = route.body.safeParse(options.body ?? {});
    if (!parsed.success) throw invalid(parsed.error.issues);
    data = parsed.data;
  } else if (options.query) {
    data = definedOnly(options.query as Record<string, unknown>);
  }

  const header: Record<string, string> = { ...options.headers, Accept: 'application/json' };
  if (route.body) header['Content-Type'] = 'application/json';
  if (token) header.Authorization = `Bearer ${token}`;

  let res: Taro.request.SuccessCallbackResult<string | TaroGeneral.IAnyObject | ArrayBuffer>;
  try {
    res = await Taro.request({
      url: apiBase() + path,
      method: route.method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'DELETE',
      data: data as Record<string, unknown> | undefined,
      header,
      dataType: 'json',
      timeout: TIMEOUT_MS,
    });
  } catch {
    throw new ApiError({ code: 'network_error', status: 0, message: clientMessages.network });
  }

  const status = res.statusCode;
  if (status >= 200 && status < 300) {
    if (!route.response) return undefined as ResultOf<R>;
    const parsed = route.response.safeParse(res.data);
    if (!parsed.success) throw new ApiError({ code: 'bad_response', status, message: clientMessages.badResponse });
    return parsed.data as ResultOf<R>;
  }
  throw errorFromResponse(status, res.data);
}

/**
 * The route's path with each `{name}` replaced by its URL-encoded value. Refuses (before
 * sending) a parameter that is missing or empty, and values the route's `params` schema rejects,
 * as the server would.
 */
export function pathOf(route: RouteContract, params: unknown): string {
  const names = (route.path.match(/\{\w+\}/g) ?? []).map((m) => m.slice(1, -1));
  if (!names.length) return route.path;
  const given = (params ?? {}) as Record<string, unknown>;
  const missing = names.filter((name) => given[name] === undefined || given[name] === null || given[name] === '');
  if (missing.length) {
    throw invalid(missing.map((name) => ({ path: [name], message: clientMessages.missingParam })));
  }
  let values = given;
  if (route.params) {
    const parsed = route.params.safeParse(given);
    if (!parsed.success) throw invalid(parsed.error.issues);
    values = parsed.data as Record<string, unknown>;
  }
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(values[name])));
}

/** Drops undefined fields of a query. */
function definedOnly(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
}

/** The error of a request the client refuses to send, shaped like the server's 400. */
function invalid(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): ApiError {
  const details = issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
  return new ApiError({ code: ErrorCode.validation, status: 400, message: details[0]?.message ?? clientMessages.unknown, details });
}

/** Maps a non-2xx answer to an ApiError, keeping the server's code and Chinese message. */
export function errorFromResponse(status: number, body: unknown): ApiError {
  const parsed = ErrorBody.safeParse(typeof body === 'string' ? safeJson(body) : body);
  if (parsed.success) {
    const { code, message, details, requestId } = parsed.data.error;
    return new ApiError({ code, status, message, details, requestId });
  }
  return new ApiError({ code: 'http_error', status, message: clientMessages.http(status) });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
