import { z } from 'zod';
import { IsoTime } from './common';
import { PolicyStatus } from './home';
import { InterpretationRef, QaRef } from './content';

export const PolicyRef = z.object({ id: z.string(), title: z.string() });

export const PolicyDetail = z.object({
  id: z.string(),
  title: z.string(),
  docNo: z.string().nullable(),
  issuer: z.string(),
  publishedAt: IsoTime,
  status: PolicyStatus,
  topics: z.array(z.string()),
  paragraphs: z.array(z.string()),
  supersededBy: PolicyRef.nullable().describe('the policy that replaced this one, when there is one'),
  sourceUrl: z.string().nullable(),
  interpretations: z.array(InterpretationRef).describe('interpretations of this policy, newest first'),
  qas: z.array(QaRef).describe('Q&As that refer to this policy'),
});
export type PolicyDetail = z.infer<typeof PolicyDetail>;

export const PolicyDetailResponse = z.object({
  status: z.enum(['ok', 'stale']).describe('stale: the portal is unreachable and this is the last known copy'),
  updatedAt: IsoTime,
  item: PolicyDetail,
});
export type PolicyDetailResponse = z.infer<typeof PolicyDetailResponse>;

export const IdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确') });
