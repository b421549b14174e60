import { createHmac } from 'node:crypto';

export const DEFAULT_CALLBACK_SECRET = 'dev-case-callback-secret';

export interface StatusEvent {
  eventId: string;
  ticketNo: string;
  status: string;
  at: string;
  department: string | null;
  note: string;
}

export interface DeliveryRecord {
  eventId: string;
  ticketNo: string;
  status: string;
  url: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastError: string | null;
}

export interface CallbackOptions {
  url: string | null;
  secret: string;
  /** Total attempts per event, including the first. */
  maxAttempts: number;
  /** Delay before the first retry; doubles for each further one. */
  backoffMs: number;
  timeoutMs: number;
  log: (line: string) => void;
}

/** Signature the receiver must recompute: hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`). */
export function signCallback(secret: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

const KEEP_RECORDS = 200;

/**
 * Delivers status events to the configured callback URL, signed, retrying with
 * exponential backoff. Runs detached from the ticket clock: a slow or dead receiver
 * never delays status changes. Delivery order across events is not guaranteed.
 */
export class CallbackDispatcher {
  private readonly records: DeliveryRecord[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inflight = new Set<AbortController>();
  private delivered = 0;
  private failed = 0;

  constructor(private readonly opts: CallbackOptions) {}

  configure(url: string | null, secret?: string): void {
    this.opts.url = url;
    if (secret !== undefined) this.opts.secret = secret;
  }

  get url(): string | null {
    return this.opts.url;
  }

  /** Queues one event; the URL and secret in force now are used for all its attempts. */
  emit(event: StatusEvent): void {
    const url = this.opts.url;
    if (!url) return;
    const record: DeliveryRecord = {
      eventId: event.eventId,
      ticketNo: event.ticketNo,
      status: event.status,
      url,
      state: 'pending',
      attempts: 0,
      lastError: null,
    };
    this.records.push(record);
    if (this.records.length > KEEP_RECORDS) this.records.splice(0, this.records.length - KEEP_RECORDS);
    void this.attempt(record, JSON.stringify(event), this.opts.secret);
  }

  state() {
    return {
      url: this.opts.url,
      delivered: this.delivered,
      failed: this.failed,
      pending: this.records.filter((r) => r.state === 'pending').length,
      recent: this.records.slice(-50),
    };
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const c of this.inflight) c.abort();
  }

  private async attempt(record: DeliveryRecord, body: string, secret: string): Promise<void> {
    record.attempts += 1;
    const timestamp = String(Date.now());
    const controller = new AbortController();
    this.inflight.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.opts.timeoutMs);
    try {
      const res = await fetch(record.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-case-timestamp': timestamp,
          'x-case-signature': signCallback(secret, timestamp, body),
          'x-case-event-id': record.eventId,
        },
        body,
        signal: controller.signal,
      });
      // Drain the body so the connection can be reused.
      await res.arrayBuffer().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}`);
      record.state = 'delivered';
      record.lastError = null;
      this.delivered += 1;
    } catch (err) {
      const e = err as Error & { cause?: { message?: string } };
      record.lastError = e.cause?.message ? `${e.message}: ${e.cause.message}` : e.message;
      if (record.attempts >= this.opts.maxAttempts) {
        record.state = 'failed';
        this.failed += 1;
        this.opts.log(`callback ${record.eventId} to ${record.url} failed after ${record.attempts} attempts: ${record.lastError}`);
        return;
      }
      const delay = this.opts.backoffMs * 2 ** (record.attempts - 1);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.attempt(record, body, secret);
      }, delay);
      timer.unref();
      this.timers.add(timer);
    } finally {
      clearTimeout(timeout);
      this.inflight.delete(controller);
    }
  }
}
