import { UpstreamError, conflict, notFound } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { createUpstreamHttp, type BreakerOptions, type RetryOptions, type UpstreamStats } from '../http';
import {
  CaseStats,
  CaseTicket,
  CaseTicketPage,
  type CaseRateInput,
  type CaseTicketInput,
} from './types';

export interface CaseListQuery {
  /** Only tickets updated after this instant. */
  updatedSince?: string | Date;
  page?: number;
  /** At most 200; larger values are clamped. */
  pageSize?: number;
}

export interface CaseStatsQuery {
  /** First month, `YYYY-MM`; the case system defaults to 11 months before `to`. */
  from?: string;
  /** Last month, `YYYY-MM`; defaults to the current month. */
  to?: string;
}

/** The 12345 case system: opening tickets, reading their progress and the published statistics. */
export interface CaseClient {
  /**
   * Opens a ticket, or returns the one already opened with this key (`created: false`).
   * Safe to repeat with the same key, so transient failures are retried.
   * Errors: UpstreamError (`rejected` when the case system refuses the body — a bug on our side).
   */
  createTicket(input: CaseTicketInput, idempotencyKey: string): Promise<{ ticket: CaseTicket; created: boolean }>;
  /** One ticket, or null when the case system does not know the number. */
  getTicket(ticketNo: string): Promise<CaseTicket | null>;
  /** Tickets by last update, oldest first (for reconciling missed status events). */
  listTickets(q?: CaseListQuery): Promise<CaseTicketPage>;
  /**
   * Records the citizen's satisfaction rating of a closed ticket.
   * Errors: AppError conflict (409) when the ticket is not closed or already rated,
   * AppError not_found (404) for an unknown ticket, UpstreamError otherwise.
   */
  rateTicket(ticketNo: string, input: CaseRateInput): Promise<CaseTicket>;
  /** Published monthly statistics per ticket type. */
  getStats(q?: CaseStatsQuery): Promise<CaseStats>;
  ping(): Promise<void>;
  stats(): UpstreamStats;
  close(): Promise<void>;
}

export interface CaseClientOptions {
  baseUrl: string;
  timeoutMs: number;
  logger: Logger;
  breaker?: Partial<BreakerOptions>;
  retry?: Partial<RetryOptions>;
}

const CONFLICT_MESSAGES: Record<string, string> = {
  not_closed: '该工单尚未办结，办结后才能评价',
  already_rated: '该工单已经评价过了，不能重复评价',
};

/** Creates the case-system adapter over HTTP (`/api/tickets`, `/api/stats`). */
export function createCaseClient(options: CaseClientOptions): CaseClient {
  const logger = options.logger.child({ upstream: 'case' });
  const http = createUpstreamHttp({
    system: 'case',
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    logger,
    breaker: options.breaker,
    retry: options.retry,
  });
  const ticketPath = (no: string) => `/api/tickets/${encodeURIComponent(no)}`;

  return {
    async createTicket(input, idempotencyKey) {
      if (idempotencyKey.length < 8 || idempotencyKey.length > 128) {
        throw new Error('createTicket: the idempotency key must be 8-128 characters');
      }
      try {
        const { status, data } = await http.request({
          method: 'POST',
          path: '/api/tickets',
          headers: { 'idempotency-key': idempotencyKey },
          body: input,
          schema: CaseTicket,
          // The key makes a repeat return the first ticket instead of opening a second one.
          idempotent: true,
          op: 'case.createTicket',
        });
        return { ticket: data, created: status === 201 };
      } catch (err) {
        if (err instanceof UpstreamError && err.kind === 'rejected') {
          // Our submission passed our own validation, so the mismatch is ours to fix.
          logger.error({ status: err.status, upstreamCode: err.upstreamCode, err: err.message, idempotencyKey }, 'case system refused a ticket');
        }
        throw err;
      }
    },

    async getTicket(ticketNo) {
      const found = await http.find({ path: ticketPath(ticketNo), schema: CaseTicket, op: 'case.getTicket' });
      return found ? found.data : null;
    },

    async listTickets(q = {}) {
      const { data } = await http.request({
        path: '/api/tickets',
        query: {
          updatedSince: q.updatedSince instanceof Date ? q.updatedSince.toISOString() : q.updatedSince,
          page: q.page,
          pageSize: q.pageSize === undefined ? undefined : Math.max(1, Math.min(200, q.pageSize)),
        },
        schema: CaseTicketPage,
        op: 'case.listTickets',
      });
      return data;
    },

    async rateTicket(ticketNo, input) {
      try {
        const { data } = await http.request({
          method: 'POST',
          path: `${ticketPath(ticketNo)}/rating`,
          body: input,
          schema: CaseTicket,
          op: 'case.rateTicket',
        });
        return data;
      } catch (err) {
        if (err instanceof UpstreamError && err.kind === 'rejected') {
          if (err.status === 409) throw conflict(CONFLICT_MESSAGES[String(err.upstreamCode)] ?? '该工单当前不能评价');
          if (err.status === 404) throw notFound('没有找到该工单');
          logger.error({ status: err.status, upstreamCode: err.upstreamCode, err: err.message, ticketNo }, 'case system refused a rating');
        }
        throw err;
      }
    },

    async getStats(q = {}) {
      const { data } = await http.request({
        path: '/api/stats',
        query: { from: q.from, to: q.to },
        schema: CaseStats,
        op: 'case.getStats',
      });
      return data;
    },

    ping: () => http.ping('/healthz'),
    stats: () => http.stats(),
    close: () => http.close(),
  };
}

