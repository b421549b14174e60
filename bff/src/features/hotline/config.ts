import { z } from 'zod';

const ms = (min: number, max: number, def: number) => z.coerce.number().int().min(min).max(max).default(def);

/**
 * Environment variables of the hotline feature, spread into the BFF's ConfigSchema.
 * The forwarder and poller settings are here so tests and the fault benchmark can speed them up.
 */
export const hotlineConfig = {
  /** Parallel deliveries of the outbox forwarder per BFF instance. */
  HOTLINE_FORWARD_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** How often the forwarder looks for due outbox items when nothing woke it. */
  HOTLINE_FORWARD_POLL_MS: ms(20, 600_000, 1000),
  /** How long a claimed outbox item stays with its instance before another may take it. */
  HOTLINE_FORWARD_LEASE_MS: ms(1000, 3_600_000, 30_000),
  /** Backoff of one item after a failed delivery: base × 2^attempts, capped. */
  HOTLINE_FORWARD_BACKOFF_MS: ms(10, 600_000, 1000),
  HOTLINE_FORWARD_MAX_BACKOFF_MS: ms(10, 3_600_000, 60_000),
  /**
   * Failed deliveries (other than the case system being unreachable) after which a submission
   * is given up on as `failed` for staff to look at; a 4xx refusal fails it at once.
   */
  HOTLINE_FORWARD_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Reconciliation poll of the case system (listTickets updatedSince); 0 turns it off. */
  HOTLINE_SYNC_POLL_MS: ms(0, 3_600_000, 60_000),
  /** Accepted age of a status event's X-Case-Timestamp, either way. */
  HOTLINE_CALLBACK_WINDOW_S: z.coerce.number().int().min(5).max(3600).default(300),
  /** Lifetime of signed photo URLs handed to the app and to the case system. */
  HOTLINE_PHOTO_URL_TTL_S: z.coerce.number().int().min(60).max(365 * 86400).default(180 * 86400),
  /** Photos one citizen may upload per day (Kv counter window). */
  HOTLINE_PHOTO_DAILY_MAX: z.coerce.number().int().min(1).max(10_000).default(60),
  /** Bytes of photos one citizen may upload in 24 hours. */
  HOTLINE_PHOTO_DAILY_MAX_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 ** 3).default(200 * 1024 * 1024),
  /** How often photos older than 24 h that no ticket references are deleted; 0 turns it off. */
  HOTLINE_PHOTO_SWEEP_MS: ms(0, 86_400_000, 3_600_000),
  /** Days a request's personal data (contact, account, place, photos) is kept after submission; then it is erased. */
  HOTLINE_RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(1095),
  /** Public origin of the BFF for photo links sent to the case system; relative links when unset. */
  HOTLINE_PUBLIC_BASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
};
