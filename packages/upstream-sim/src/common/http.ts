import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';

/** An error that the router renders as `{error: {code, message, details?}}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: unknown) => new HttpError(400, 'bad_request', message, details);
export const notFound = (message: string) => new HttpError(404, 'not_found', message);
export const conflict = (code: string, message: string) => new HttpError(409, code, message);

/** What a route handler returns; the router serialises it. */
export interface Reply {
  status?: number;
  json: unknown;
  headers?: Record<string, string>;
}

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Raw body as text (empty string when there is none). Read lazily, at most once. */
  text(): Promise<string>;
  /** Body parsed as JSON; 400 when it is not JSON. */
  json(): Promise<unknown>;
}

export type Handler = (ctx: RequestContext) => Promise<Reply> | Reply;

const MAX_BODY_BYTES = 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'payload_too_large', `body exceeds ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** Formats a zod error as `path.to.field: message; ...` for 400 responses. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${formatPath(issue.path) || '(body)'}: ${issue.message}`)
    .join('; ');
}

/** Renders a zod path as `a.b[2].c`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Parses `value` with `schema`, throwing a 400 that names the offending field. */
export function parseOr400<T extends z.ZodType>(schema: T, value: unknown, what = 'body'): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw badRequest(`invalid ${what}: ${describeZodError(result.error)}`, {
      issues: result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    });
  }
  return result.data;
}

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

/** A minimal method + path router with `:param` segments; literal segments win over params. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  get(pattern: string, handler: Handler) {
    return this.add('GET', pattern, handler);
  }
  post(pattern: string, handler: Handler) {
    return this.add('POST', pattern, handler);
  }
  put(pattern: string, handler: Handler) {
    return this.add('PUT', pattern, handler);
  }

  /** Finds the handler for a request; `methodMismatch` is set when only the method is wrong. */
  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | { methodMismatch: boolean } {
    const parts = path.split('/').filter(Boolean).map(safeDecode);
    let methodMismatch = false;
    let best: { handler: Handler; params: Record<string, string>; score: number } | undefined;
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let score = 0;
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const seg = route.segments[i];
        if (seg.startsWith(':')) params[seg.slice(1)] = parts[i];
        else if (seg === parts[i]) score++;
        else {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) {
        methodMismatch = true;
        continue;
      }
      if (!best || score > best.score) best = { handler: route.handler, params, score };
    }
    return best ?? { methodMismatch };
  }

  /** Runs the matching handler and renders its reply or error. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const found = this.match(method, url.pathname);
    try {
      if (!('handler' in found)) {
        if (found.methodMismatch) throw new HttpError(405, 'method_not_allowed', `${method} is not allowed on ${url.pathname}`);
        throw notFound(`no route for ${method} ${url.pathname}`);
      }
      let bodyText: Promise<string> | undefined;
      const text = () => (bodyText ??= readBody(req));
      const ctx: RequestContext = {
        req,
        res,
        method,
        path: url.pathname,
        params: found.params,
        query: url.searchParams,
        text,
        json: async () => {
          const raw = await text();
          if (!raw.trim()) throw badRequest('request body must be JSON');
          try {
            return JSON.parse(raw);
          } catch {
            throw badRequest('request body is not valid JSON');
          }
        },
      };
      const reply = await found.handler(ctx);
      sendJson(res, reply.status ?? 200, reply.json, reply.headers);
    } catch (err) {
      if (err instanceof HttpError) {
        const body: { code: string; message: string; details?: unknown } = { code: err.code, message: err.message };
        if (err.details !== undefined) body.details = err.details;
        sendJson(res, err.status, { error: body });
      } else {
        process.stderr.write(`unhandled error on ${method} ${url.pathname}: ${(err as Error)?.stack ?? err}\n`);
        sendJson(res, 500, { error: { code: 'internal', message: 'internal simulator error' } });
      }
    }
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
