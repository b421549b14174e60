import { z } from 'zod';
import { ObserverCategory } from './meetings';

/**
 * 公开参与 (issue 11): the published yearly figures of open days and meeting observation. Every
 * figure carries its definition and, where it is a ratio, its numerator and denominator, so a
 * reader can check it. Years follow Beijing time (UTC+8) of the session or meeting start.
 */

export const ParticipationStatsQuery = z.object({
  year: z.coerce.number({ error: '年份必须是数字' }).int('年份必须是整数').min(2000, '年份过早').max(2100, '年份过大').optional(),
});
export type ParticipationStatsQuery = z.infer<typeof ParticipationStatsQuery>;

export const Figure = z.object({
  value: z.number().nullable().describe('null when the denominator is 0'),
  numerator: z.number().int().nullable(),
  denominator: z.number().int().nullable(),
  definition: z.string().describe('Chinese: what is counted and over what'),
});
export type Figure = z.infer<typeof Figure>;

export const OpenDayHostFigures = z.object({
  host: z.string(),
  held: z.number().int().describe('open days with at least one session that ended in the year'),
  sessions: z.number().int(),
  places: z.number().int(),
  signUps: z.number().int().describe('people (with companions) holding a confirmed place when the session ended: confirmed, attended or no-show'),
  attended: z.number().int().describe('people checked in'),
  attendanceRate: Figure,
  fillRate: Figure,
});
export type OpenDayHostFigures = z.infer<typeof OpenDayHostFigures>;

export const ObserverCategoryFigures = z.object({
  category: ObserverCategory,
  label: z.string(),
  seats: z.number().int(),
  applications: z.number().int(),
  observers: z.number().int().describe('selected or confirmed at the meeting start'),
  applicationsPerSeat: Figure,
});
export type ObserverCategoryFigures = z.infer<typeof ObserverCategoryFigures>;

export const ParticipationStats = z.object({
  year: z.number().int(),
  years: z.array(z.number().int()).describe('years with any data, newest first'),
  generatedAt: z.string(),
  openDays: z.object({
    status: z.enum(['ok', 'stale', 'unavailable']),
    hosts: z.array(OpenDayHostFigures),
    totals: OpenDayHostFigures.omit({ host: true }),
    definitions: z.array(z.object({ term: z.string(), definition: z.string() })),
  }),
  meetings: z.object({
    status: z.enum(['ok', 'stale', 'unavailable']),
    held: z.number().int().describe('meetings that started in the year'),
    withObservers: z.number().int(),
    yearlyMinimum: z.literal(4),
    meetsMinimum: z.boolean(),
    categories: z.array(ObserverCategoryFigures),
    applicationsPerSeat: Figure,
    definitions: z.array(z.object({ term: z.string(), definition: z.string() })),
  }),
});
export type ParticipationStats = z.infer<typeof ParticipationStats>;
