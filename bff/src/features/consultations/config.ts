import { z } from 'zod';
import { fieldMap } from '../notifications/config';

/** Environment variables of consultations, spread into the BFF's ConfigSchema. */
export const consultationsConfig = {
  /** How often the notice task looks for authors still to be told (rejections, outcomes) when nothing woke it. */
  CONSULTATION_NOTICE_POLL_MS: z.coerce.number().int().min(20).max(3_600_000).default(5000),
  /** How long the published comment counts of a consultation are reused (writes by this instance drop them at once). */
  CONSULTATION_COUNTS_CACHE_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  /** Template of 意见征集结果通知 (a comment not published, or its disposition); empty: inbox only. */
  WECHAT_TMPL_COMMENT_OUTCOME: z.string().max(128).default('sim-tmpl-comment-outcome'),
  /** Values: title (the consultation), result (≤ 5 characters, e.g. 未采纳), reason, time. */
  WECHAT_TMPL_COMMENT_OUTCOME_FIELDS: fieldMap('thing1:title,phrase2:result,thing3:reason,time4:time'),
};
