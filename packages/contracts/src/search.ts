import { z } from 'zod';

/** Ranges `[start, end)` (UTF-16 indices) of matched words inside a returned string, for highlighting. */
export const HighlightRanges = z.array(z.tuple([z.number().int(), z.number().int()]));

/** The citizen's question as typed into search. */
const SearchText = z
  .string({ error: '请输入要搜索的问题' })
  .trim()
  .min(1, '请输入要搜索的问题')
  .max(200, '问题太长了，请精简到 200 字以内');

export const QaSearchQuery = z.object({
  q: SearchText,
  limit: z.coerce.number({ error: '条数必须是数字' }).int('条数必须是整数').min(1, '条数至少为 1').max(50, '条数最多为 50').default(10),
});
export type QaSearchQuery = z.infer<typeof QaSearchQuery>;

export const QaSearchHit = z.object({
  id: z.string().describe("the portal's Q&A id"),
  question: z.string(),
  answer: z.string(),
  score: z.number().describe('relevance in [0, 1]; comparable across queries'),
  policyId: z.string().nullable(),
  topics: z.array(z.string()),
  highlights: z.object({ question: HighlightRanges, answer: HighlightRanges }),
});
export type QaSearchHit = z.infer<typeof QaSearchHit>;

export const QaSearchResponse = z.object({
  query: z.string(),
  items: z.array(QaSearchHit).describe('best first; only entries above the answer threshold'),
  /** false when nothing in the knowledge base fits well: the app offers the 12345 hotline instead. */
  confident: z.boolean(),
  suggestion: z
    .object({ hotline: z.string(), message: z.string() })
    .nullable()
    .describe('set when confident is false'),
  status: z.enum(['ok', 'stale']).describe('stale: the index could not be refreshed from the portal recently'),
  tookMs: z.number(),
});
export type QaSearchResponse = z.infer<typeof QaSearchResponse>;

/**
 * "Opened after a query": the citizen opened result `qaId` of a search for `q`. A learning
 * signal for the search (query → Q&A associations, see bff qa-search/learning.ts).
 */
export const QaSearchOpenedRequest = z.object({
  q: SearchText,
  qaId: z.string({ error: '缺少打开的问答' }).trim().min(1, '缺少打开的问答').max(100, '问答编号不正确'),
});
export type QaSearchOpenedRequest = z.infer<typeof QaSearchOpenedRequest>;

export const QaSearchOpenedResponse = z.object({
  recorded: z.boolean().describe('false when the signal was not counted (unknown Q&A, or this citizen reached the daily cap)'),
});
export type QaSearchOpenedResponse = z.infer<typeof QaSearchOpenedResponse>;
