import { z } from 'zod';
import { fieldMap } from '../notifications/config';

/** Environment variables of meeting observation (列席会议), spread into the BFF's ConfigSchema. */
export const meetingsConfig = {
  /**
   * How often the meetings task runs when nothing woke it: freezes rosters of lottery meetings
   * past their close, finishes draws stored but not applied, settles replacements, tells applicants.
   */
  MEETING_TASK_POLL_MS: z.coerce.number().int().min(20).max(3_600_000).default(5000),
  /** Template of 列席申请结果 (selected, declined, reserve, promoted); empty: inbox only. */
  WECHAT_TMPL_MEETING: z.string().max(128).default('sim-tmpl-meeting-result'),
  /** Values: title (the meeting), status (≤ 5 characters, e.g. 已选定), time (the meeting start), note. */
  WECHAT_TMPL_MEETING_FIELDS: fieldMap('thing1:title,phrase2:status,time3:time,thing4:note'),
};
