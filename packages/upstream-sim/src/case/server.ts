import { z } from 'zod';
import { Faults } from '../common/faults';
import { HttpError, Router, badRequest, conflict, notFound, parseOr400 } from '../common/http';
import { createSimServer, type SimServer } from '../common/sim-server';
import { chinaMonth, isIsoWithOffset, toChinaIso } from '../common/time';
import { CallbackDispatcher, DEFAULT_CALLBACK_SECRET } from './callbacks';
import { buildStats, monthRange, monthsBefore } from './stats';
import { TicketError, TicketSystem, createTicketSchema, rateTicketSchema } from './tickets';

export interface CaseSimOptions {
  stepMs?: number;
  paused?: boolean;
  callbackUrl?: string | null;
  callbackSecret?: string;
  callbackMaxAttempts?: number;
  callbackBackoffMs?: number;
  faults?: Faults;
  log?: (line: string) => void;
}

const MAX_PAGE_SIZE = 200;
const MAX_STATS_MONTHS = 120;

const httpUrl = z.url({ protocol: /^https?$/ });
const callbackBody = z.strictObject({ url: httpUrl.nullable(), secret: z.string().min(1).optional() });
const clockBody = z
  .strictObject({ stepMs: z.number().int().min(1).max(86_400_000).optional(), paused: z.boolean().optional() })
  .refine((b) => b.stepMs !== undefined || b.paused !== undefined, { message: 'give stepMs and/or paused' });
const advanceBody = z.strictObject({ ticketNo: z.string().optional() });
const monthParam = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Builds the 12345 case-system simulator (tickets in memory). */
export function createCaseSim(opts: CaseSimOptions = {}): SimServer & { tickets: TicketSystem; callbacks: CallbackDispatcher } {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const callbacks = new CallbackDispatcher({
    url: opts.callbackUrl ?? null,
    secret: opts.callbackSecret ?? DEFAULT_CALLBACK_SECRET,
    maxAttempts: opts.callbackMaxAttempts ?? 5,
    backoffMs: opts.callbackBackoffMs ?? 500,
    timeoutMs: 5000,
    log,
  });
  const tickets = new TicketSystem({ stepMs: opts.stepMs ?? 15_000, paused: opts.paused ?? false }, callbacks);

  const rethrow = (err: unknown): never => {
    if (err instanceof TicketError) {
      if (err.kind === 'not_found') throw notFound(err.message);
      throw conflict(err.kind, err.message);
    }
    throw err;
  };

  const api = new Router()
    .post('/api/tickets', async (ctx) => {
      const key = ctx.req.headers['idempotency-key'];
      if (typeof key !== 'string' || key.length < 8 || key.length > 128) {
        throw badRequest('header Idempotency-Key is required (8-128 characters)');
      }
      // A known key returns its ticket even when the body differs or is invalid.
      const known = tickets.findByIdempotencyKey(key);
      if (known) return { status: 200, json: known, headers: { 'idempotent-replayed': 'true' } };
      const input = parseOr400(createTicketSchema, await ctx.json());
      // Re-checked inside submit(): another request with this key may have won meanwhile.
      const { ticket, created } = tickets.submit(key, input);
      return { status: created ? 201 : 200, json: ticket, headers: { 'idempotent-replayed': String(!created) } };
    })
    .get('/api/tickets', (ctx) => {
      const since = ctx.query.get('updatedSince');
      if (since !== null && !isIsoWithOffset(since)) throw badRequest('updatedSince must be an ISO 8601 time with offset');
      const page = positiveInt(ctx.query.get('page'), 1, 'page');
      const pageSize = positiveInt(ctx.query.get('pageSize'), 50, 'pageSize');
      if (pageSize > MAX_PAGE_SIZE) throw badRequest(`pageSize must be at most ${MAX_PAGE_SIZE}`);
      const items = tickets.listUpdatedSince(since === null ? undefined : Date.parse(since));
      const start = (page - 1) * pageSize;
      return { json: { items: items.slice(start, start + pageSize), page, pageSize, total: items.length } };
    })
    .get('/api/tickets/:ticketNo', (ctx) => {
      const ticket = tickets.get(ctx.params.ticketNo);
      if (!ticket) throw notFound(`ticket ${ctx.params.ticketNo} not found`);
      return { json: ticket };
    })
    .post('/api/tickets/:ticketNo/rating', async (ctx) => {
      if (!tickets.get(ctx.params.ticketNo)) throw notFound(`ticket ${ctx.params.ticketNo} not found`);
      const input = parseOr400(rateTicketSchema, await ctx.json());
      try {
        return { json: tickets.rate(ctx.params.ticketNo, input) };
      } catch (err) {
        return rethrow(err);
      }
    })
    .get('/api/stats', (ctx) => {
      const nowMs = Date.now();
      const current = chinaMonth(nowMs);
      const rawTo = ctx.query.get('to');
      const rawFrom = ctx.query.get('from');
      for (const [name, v] of [['from', rawFrom], ['to', rawTo]] as const) {
        if (v !== null && !monthParam.test(v)) throw badRequest(`${name} must be a month as YYYY-MM`);
      }
      // Months after the current one have no published figures yet.
      let to = rawTo ?? current;
      if (to > current) to = current;
      const from = rawFrom ?? monthsBefore(to, 11);
      if (rawFrom && rawTo && rawFrom > rawTo) throw badRequest('from must not be after to');
      const months = from > to ? [] : monthRange(from, to);
      if (months.length > MAX_STATS_MONTHS) throw badRequest(`at most ${MAX_STATS_MONTHS} months per request`);
      return { json: { generatedAt: toChinaIso(nowMs), months: buildStats(months, tickets.statsRows(), nowMs) } };
    });

  const sim = new Router()
    .put('/__sim/clock', async (ctx) => ({ json: tickets.setClock(parseOr400(clockBody, await ctx.json())) }))
    .get('/__sim/clock', () => ({ json: tickets.getClock() }))
    .post('/__sim/advance', async (ctx) => {
      const raw = (await ctx.text()).trim();
      const body = raw ? parseOr400(advanceBody, safeJson(raw)) : {};
      try {
        return { json: { advanced: tickets.advance(body.ticketNo) } };
      } catch (err) {
        return rethrow(err);
      }
    })
    .put('/__sim/callback', async (ctx) => {
      const body = parseOr400(callbackBody, await ctx.json());
      callbacks.configure(body.url, body.secret);
      return { json: { url: callbacks.url } };
    })
    .post('/__sim/reset', () => {
      tickets.reset();
      return { json: { ok: true } };
    });

  const server = createSimServer({
    name: 'case',
    api,
    sim,
    faults: opts.faults,
    state: () => ({ tickets: tickets.all(), callback: callbacks.state(), clock: tickets.getClock() }),
    onClose: () => {
      tickets.stop();
      callbacks.stop();
    },
  });
  return Object.assign(server, { tickets, callbacks });
}

function positiveInt(raw: string | null, fallback: number, name: string): number {
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw badRequest(`${name} must be a positive integer`);
  return Number(raw);
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'bad_request', 'request body is not valid JSON');
  }
}
