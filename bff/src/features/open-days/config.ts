import { z } from 'zod';
import { fieldMap } from '../notifications/config';

/** Environment variables of open days, spread into the BFF's ConfigSchema. */
export const openDaysConfig = {
  /** How long a waitlisted party has to claim places offered to it. */
  OPEN_DAY_OFFER_MINUTES: z.coerce.number().int().min(1).max(10_080).default(120),
  /** Cancelling or changing session closes this many hours before the session starts. */
  OPEN_DAY_CANCEL_CUTOFF_HOURS: z.coerce.number().int().min(0).max(720).default(24),
  /** No-shows within 180 days after which a citizen may only join waitlists for 90 days. */
  OPEN_DAY_NO_SHOW_LIMIT: z.coerce.number().int().min(1).max(100).default(2),
  /**
   * Wall-clock age after which an unfinished place operation (a request that died between its
   * steps) is taken over and finished by the sweeper; requests stop driving their own op well before.
   */
  OPEN_DAY_OP_LEASE_MS: z.coerce.number().int().min(200).max(600_000).default(30_000),
  /** How often the places task (offers, expiries, unfinished operations) runs when nothing woke it. */
  OPEN_DAY_SWEEP_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  /** How often the calendar task (day-before reminders, no-shows after a session) runs. */
  OPEN_DAY_CALENDAR_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  /** Template of 开放日报名提醒 (a waitlist offer, the day-before reminder); empty: inbox only. */
  WECHAT_TMPL_OPEN_DAY: z.string().max(128).default('sim-tmpl-event-registration'),
  /** Values: title (the open day), time (the session), status (≤ 5 characters, e.g. 候补递补), note. */
  WECHAT_TMPL_OPEN_DAY_FIELDS: fieldMap('thing1:title,phrase2:status,time3:time,thing4:note'),
};
