import { z } from 'zod';

/** Environment variables of meeting observation (列席会议), spread into the BFF's ConfigSchema. */
export const meetingsConfig = {
  /**
   * How often the meetings task runs when nothing woke it: freezes rosters of lottery meetings
   * past their close, finishes draws stored but not applied, settles replacements, tells applicants.
   */
  MEETING_TASK_POLL_MS: z.coerce.number().int().min(20).max(3_600_000).default(5000),
};
