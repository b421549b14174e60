import { z } from 'zod';

export const HealthResponse = z.object({ status: z.literal('ok') });

/** One dependency's state; why a check failed is logged, never answered (it can name internal hosts). */
export const ReadinessCheck = z.object({ ok: z.boolean(), latencyMs: z.number().nullable() });
export const ReadinessResponse = z.object({
  status: z.enum(['ready', 'degraded', 'not_ready']),
  checks: z.record(z.string(), ReadinessCheck),
});
export type ReadinessResponse = z.infer<typeof ReadinessResponse>;
