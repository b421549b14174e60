import { z } from 'zod';

const ms = (min: number, max: number, def: number) => z.coerce.number().int().min(min).max(max).default(def);

/**
 * `keyword:name,…`: which of our message's values fills each of the WeChat template's
 * keywords, e.g. `character_string1:trackingNo,thing2:title`. The keyword's type is its name
 * without the number (thing2 → thing), as in WeChat's template library.
 */
export const fieldMap = (def: string) => z.string().default(def).transform((s, ctx) => {
  const map: Record<string, string> = {};
  for (const pair of s.split(',').map((x) => x.trim()).filter(Boolean)) {
    const m = /^([a-z_]+\d+):([A-Za-z]+)$/.exec(pair);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: `"${pair}" must be keyword:name, e.g. thing2:title` });
      return z.NEVER;
    }
    map[m[1]] = m[2];
  }
  return map;
});

/**
 * Environment variables of notifications, spread into the BFF's ConfigSchema. Template ids
 * come from the mini-program's 订阅消息 settings in the WeChat admin console; the field maps
 * say which keyword of the chosen template carries which value.
 */
export const notificationsConfig = {
  /** Days a message stays in a citizen's inbox before it is deleted. */
  NOTIFICATION_RETENTION_DAYS: z.coerce.number().int().min(7).max(3650).default(365),
  /** Template of 诉求办理进度 (hotline accepted, handled, not delivered); empty: no subscribe messages for it. */
  WECHAT_TMPL_CASE_PROGRESS: z.string().max(128).default('sim-tmpl-case-progress'),
  /** Values: trackingNo, title, status (≤ 5 Chinese characters), time, note. */
  WECHAT_TMPL_CASE_PROGRESS_FIELDS: fieldMap('character_string1:trackingNo,thing2:title,phrase3:status,time4:time,thing5:note'),
  /** `miniprogram_state` of sent messages: which version of the mini-program a tap opens. */
  WECHAT_MINIPROGRAM_STATE: z.enum(['developer', 'trial', 'formal']).default('formal'),
  /** Parallel subscribe-message sends per BFF instance. */
  NOTIFY_SEND_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** How often the sender looks for due messages when nothing woke it. */
  NOTIFY_SEND_POLL_MS: ms(20, 600_000, 1000),
  NOTIFY_SEND_LEASE_MS: ms(1000, 3_600_000, 30_000),
  NOTIFY_SEND_BACKOFF_MS: ms(10, 600_000, 1000),
  NOTIFY_SEND_MAX_BACKOFF_MS: ms(10, 3_600_000, 60_000),
  /** Failed sends (other than WeChat being unreachable) after which a message is given up on; the inbox copy stays. */
  NOTIFY_SEND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(10),
};
