import { z } from 'zod';
import { chinaDate, isoTime, toChinaIso } from '../common/time';
import type { CallbackDispatcher } from './callbacks';
import { TICKET_TYPES, dueAtFor, pickDepartment, type TicketStatus, type TicketType } from './rules';

export const createTicketSchema = z.object({
  type: z.enum(TICKET_TYPES),
  title: z.string().trim().min(1).max(100),
  description: z.string().trim().min(1).max(5000),
  location: z
    .object({ address: z.string(), lat: z.number().min(-90).max(90).optional(), lng: z.number().min(-180).max(180).optional() })
    .optional(),
  contact: z.object({ name: z.string().max(50).optional(), phone: z.string().max(30).optional() }),
  contactAllowed: z.boolean(),
  anonymous: z.boolean(),
  attachments: z.array(z.object({ url: z.string().min(1), mime: z.string().min(1) })).max(20).optional(),
  submittedAt: isoTime(),
});
export type CreateTicketInput = z.infer<typeof createTicketSchema>;

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type RatingValue = (typeof RATINGS)[number];

export const rateTicketSchema = z.object({
  rating: z.enum(RATINGS),
  comment: z.string().max(500).optional(),
  reopen: z.boolean().optional(),
});
export type RateTicketInput = z.infer<typeof rateTicketSchema>;

export interface TimelineEntry {
  status: TicketStatus;
  at: string;
  department: string | null;
  note: string;
}

export interface Ticket {
  ticketNo: string;
  idempotencyKey: string;
  type: TicketType;
  title: string;
  description: string;
  location: CreateTicketInput['location'] | null;
  contact: CreateTicketInput['contact'];
  contactAllowed: boolean;
  anonymous: boolean;
  attachments: NonNullable<CreateTicketInput['attachments']>;
  submittedAt: string;
  status: TicketStatus;
  department: string | null;
  createdAt: string;
  updatedAt: string;
  dueAt: string;
  timeline: TimelineEntry[];
  rating: { rating: RatingValue; comment: string | null; ratedAt: string } | null;
}

/** Bookkeeping the simulator keeps beside each ticket (never served). */
interface Entry {
  ticket: Ticket;
  createdMs: number;
  updatedMs: number;
  /** When the clock last moved this ticket; the next step is due stepMs later. */
  lastChangeMs: number;
  firstClosedMs: number | null;
}

export interface ClockState {
  stepMs: number;
  paused: boolean;
}

export class TicketError extends Error {
  constructor(
    readonly kind: 'not_found' | 'not_closed' | 'already_rated',
    message: string,
  ) {
    super(message);
  }
}

/**
 * In-memory 12345 ticket store and its status clock. Every open ticket moves one status
 * (accepted → dispatched → processing → closed) per `stepMs` since its last change;
 * each change is appended to the timeline and emitted as a status event.
 */
export class TicketSystem {
  private readonly entries = new Map<string, Entry>();
  private readonly byKey = new Map<string, string>();
  private readonly seqByDay = new Map<string, number>();
  private clock: ClockState;
  private pausedAtMs: number | null = null;
  private timer?: NodeJS.Timeout;

  constructor(
    clock: ClockState,
    private readonly callbacks: CallbackDispatcher,
    private readonly now: () => number = Date.now,
  ) {
    this.clock = { ...clock };
    if (clock.paused) this.pausedAtMs = this.now();
    this.schedule();
  }

  /**
   * Creates a ticket for an idempotency key, or returns the ticket already made for it.
   * A replay with a different body still returns the original ticket, unchanged.
   */
  submit(idempotencyKey: string, input: CreateTicketInput): { ticket: Ticket; created: boolean } {
    const existing = this.byKey.get(idempotencyKey);
    if (existing) return { ticket: this.entries.get(existing)!.ticket, created: false };
    const nowMs = this.now();
    const day = chinaDate(nowMs);
    const seq = (this.seqByDay.get(day) ?? 0) + 1;
    this.seqByDay.set(day, seq);
    const ticketNo = `12345-${day.replace(/-/g, '')}-${String(seq).padStart(6, '0')}`;
    const at = toChinaIso(nowMs);
    const ticket: Ticket = {
      ticketNo,
      idempotencyKey,
      type: input.type,
      title: input.title,
      description: input.description,
      location: input.location ?? null,
      contact: input.contact,
      contactAllowed: input.contactAllowed,
      anonymous: input.anonymous,
      attachments: input.attachments ?? [],
      submittedAt: input.submittedAt,
      status: 'accepted',
      department: null,
      createdAt: at,
      updatedAt: at,
      dueAt: dueAtFor(input.type, nowMs),
      timeline: [],
      rating: null,
    };
    const entry: Entry = { ticket, createdMs: nowMs, updatedMs: nowMs, lastChangeMs: nowMs, firstClosedMs: null };
    this.entries.set(ticketNo, entry);
    this.byKey.set(idempotencyKey, ticketNo);
    this.transition(entry, 'accepted', null, '诉求已受理，工单已生成', nowMs);
    return { ticket, created: true };
  }

  findByIdempotencyKey(key: string): Ticket | undefined {
    const ticketNo = this.byKey.get(key);
    return ticketNo === undefined ? undefined : this.entries.get(ticketNo)?.ticket;
  }

  get(ticketNo: string): Ticket | undefined {
    return this.entries.get(ticketNo)?.ticket;
  }

  /** Tickets ordered by last update (oldest first), optionally only those updated after `sinceMs`. */
  listUpdatedSince(sinceMs?: number): Ticket[] {
    return [...this.entries.values()]
      .filter((e) => sinceMs === undefined || e.updatedMs > sinceMs)
      .sort((a, b) => a.updatedMs - b.updatedMs || (a.ticket.ticketNo < b.ticket.ticketNo ? -1 : 1))
      .map((e) => e.ticket);
  }

  all(): Ticket[] {
    return [...this.entries.values()].map((e) => e.ticket);
  }

  /** Per-ticket facts the statistics need, keyed by the month the ticket was accepted. */
  statsRows() {
    return [...this.entries.values()].map((e) => ({
      type: e.ticket.type,
      createdMs: e.createdMs,
      firstClosedMs: e.firstClosedMs,
      dueMs: Date.parse(e.ticket.dueAt),
      rating: e.ticket.rating?.rating ?? null,
    }));
  }

  /**
   * Records the citizen's satisfaction rating (回访). Only for closed tickets; a ticket
   * can be rated again only after it was reopened and closed again. With
   * `reopen: true` and an unsatisfied rating the ticket goes back to processing (重办).
   */
  rate(ticketNo: string, input: RateTicketInput): Ticket {
    const entry = this.entries.get(ticketNo);
    if (!entry) throw new TicketError('not_found', `ticket ${ticketNo} not found`);
    const { ticket } = entry;
    if (ticket.status === 'visited') throw new TicketError('already_rated', `ticket ${ticketNo} has already been rated`);
    if (ticket.status !== 'closed')
      throw new TicketError('not_closed', `ticket ${ticketNo} is ${ticket.status}; only closed tickets can be rated`);
    const nowMs = this.now();
    ticket.rating = { rating: input.rating, comment: input.comment ?? null, ratedAt: toChinaIso(nowMs) };
    const label = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' }[input.rating];
    this.transition(entry, 'visited', ticket.department, `回访评价：${label}${input.comment ? `（${input.comment}）` : ''}`, nowMs);
    if (input.reopen && input.rating === 'unsatisfied') {
      this.transition(entry, 'processing', ticket.department, '重办', nowMs);
    }
    return ticket;
  }

  /** Moves one ticket (or every open one) a step forward now; returns the moved ticket numbers. */
  advance(ticketNo?: string): string[] {
    const nowMs = this.now();
    if (ticketNo !== undefined) {
      const entry = this.entries.get(ticketNo);
      if (!entry) throw new TicketError('not_found', `ticket ${ticketNo} not found`);
      return this.step(entry, nowMs) ? [ticketNo] : [];
    }
    return [...this.entries.values()].filter((e) => this.step(e, nowMs)).map((e) => e.ticket.ticketNo);
  }

  getClock(): ClockState {
    return { ...this.clock };
  }

  setClock(next: Partial<ClockState>): ClockState {
    const nowMs = this.now();
    if (next.paused === true && !this.clock.paused) this.pausedAtMs = nowMs;
    if (next.paused === false && this.clock.paused && this.pausedAtMs !== null) {
      // Time stands still while paused: shift every ticket's last change forward.
      const pausedFor = nowMs - this.pausedAtMs;
      for (const e of this.entries.values()) e.lastChangeMs += pausedFor;
      this.pausedAtMs = null;
    }
    this.clock = { stepMs: next.stepMs ?? this.clock.stepMs, paused: next.paused ?? this.clock.paused };
    this.schedule();
    return this.getClock();
  }

  reset(): void {
    this.entries.clear();
    this.byKey.clear();
    this.seqByDay.clear();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.stop();
    if (this.clock.paused) return;
    // Tick a few times per step so a ticket moves close to its due moment.
    const tickMs = Math.min(1000, Math.max(10, Math.floor(this.clock.stepMs / 4)));
    this.timer = setInterval(() => this.tick(), tickMs);
    this.timer.unref();
  }

  private tick(): void {
    const nowMs = this.now();
    for (const entry of this.entries.values()) {
      if (nowMs - entry.lastChangeMs >= this.clock.stepMs) this.step(entry, nowMs);
    }
  }

  private step(entry: Entry, nowMs: number): boolean {
    const { ticket } = entry;
    switch (ticket.status) {
      case 'accepted': {
        const department = pickDepartment(ticket.type, ticket.title, ticket.description);
        this.transition(entry, 'dispatched', department, `已派单至${department}`, nowMs);
        return true;
      }
      case 'dispatched':
        this.transition(entry, 'processing', ticket.department, `${ticket.department}已签收，正在办理`, nowMs);
        return true;
      case 'processing':
        this.transition(entry, 'closed', ticket.department, `${ticket.department}已办结，办理结果已答复诉求人`, nowMs);
        return true;
      default:
        return false;
    }
  }

  private transition(entry: Entry, status: TicketStatus, department: string | null, note: string, nowMs: number): void {
    const { ticket } = entry;
    const at = toChinaIso(nowMs);
    ticket.status = status;
    ticket.department = department;
    ticket.updatedAt = at;
    ticket.timeline.push({ status, at, department, note });
    entry.updatedMs = nowMs;
    entry.lastChangeMs = nowMs;
    if (status === 'closed' && entry.firstClosedMs === null) entry.firstClosedMs = nowMs;
    this.callbacks.emit({
      eventId: `${ticket.ticketNo}.${ticket.timeline.length}`,
      ticketNo: ticket.ticketNo,
      status,
      at,
      department,
      note,
    });
  }
}
