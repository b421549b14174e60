import { z } from 'zod';

export const HealthResponse = z.object({ status: z.literal('ok') });

export const ReadinessCheck = z.object({ ok: z.boolean(), latencyMs: z.number().nullable(), detail: z.string().optional() });
export const ReadinessResponse = z.object({
  status: z.enum(['ready', 'degraded', 'not_ready']),
  checks: z.record(z.string(), ReadinessCheck),
});
export type ReadinessResponse = z.infer<typeof ReadinessResponse>;
