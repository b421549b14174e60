import { z } from 'zod';
import { IsoTime, PanelStatus } from './common';

export const PolicyStatus = z.enum(['in_force', 'amended', 'repealed', 'expired']);
export type PolicyStatus = z.infer<typeof PolicyStatus>;

export const InterpretationSummary = z.object({
  id: z.string(),
  title: z.string(),
  policyId: z.string(),
  publishedAt: IsoTime,
  summary: z.string().describe('first main point or the goals, shortened'),
  hasMedia: z.boolean(),
});
export type InterpretationSummary = z.infer<typeof InterpretationSummary>;

export const ConsultationSummary = z.object({
  id: z.string(),
  title: z.string(),
  issuer: z.string(),
  summary: z.string(),
  opensAt: IsoTime,
  closesAt: IsoTime,
  daysLeft: z.number().int().describe('whole days until closesAt, 0 on the last day'),
});
export type ConsultationSummary = z.infer<typeof ConsultationSummary>;

export const OpenDaySummary = z.object({
  id: z.string(),
  title: z.string(),
  host: z.string(),
  location: z.string(),
  registrationClosesAt: IsoTime,
  nextSessionAt: IsoTime.nullable(),
  sessionCount: z.number().int(),
  totalCapacity: z.number().int(),
});
export type OpenDaySummary = z.infer<typeof OpenDaySummary>;

export const MeetingSummary = z.object({
  id: z.string(),
  title: z.string(),
  organizer: z.string(),
  startsAt: IsoTime,
  location: z.string(),
  applicationClosesAt: IsoTime,
  totalSeats: z.number().int(),
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;

/** Last complete month of the 12345 hotline's published statistics, with denominators. */
export const HotlineStatsSummary = z.object({
  month: z.string().describe('YYYY-MM'),
  accepted: z.number().int(),
  handled: z.number().int(),
  handledOnTime: z.number().int(),
  onTimeRate: z.number().nullable().describe('handledOnTime / handled; null when handled is 0'),
  rated: z.number().int(),
  satisfied: z.number().int(),
  satisfactionRate: z.number().nullable().describe('satisfied / rated; null when rated is 0'),
});
export type HotlineStatsSummary = z.infer<typeof HotlineStatsSummary>;

function listPanel<T extends z.ZodTypeAny>(item: T) {
  return z.object({ status: PanelStatus, updatedAt: IsoTime.nullable(), items: z.array(item) });
}

export const HomeResponse = z.object({
  generatedAt: IsoTime,
  interpretations: listPanel(InterpretationSummary),
  consultations: listPanel(ConsultationSummary),
  openDays: listPanel(OpenDaySummary),
  meetings: listPanel(MeetingSummary),
  hotlineStats: z.object({ status: PanelStatus, updatedAt: IsoTime.nullable(), data: HotlineStatsSummary.nullable() }),
});
export type HomeResponse = z.infer<typeof HomeResponse>;
export type HomePanelName = Exclude<keyof HomeResponse, 'generatedAt'>;
