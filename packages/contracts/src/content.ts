import { z } from 'zod';
import { IsoTime } from './common';
import { PolicyStatus } from './home';

/**
 * Policy knowledge base (issue 3): policy lists, interpretations, Q&As, topics and the
 * "这个回答有帮助吗" feedback. Every content response carries the cache freshness
 * (`stale`: the portal is unreachable and this is the last known copy).
 */

export const ContentFreshness = z.enum(['ok', 'stale']).describe('stale: the portal is unreachable and this is the last known copy');
export type ContentFreshness = z.infer<typeof ContentFreshness>;

/** A linked policy as an interpretation or Q&A shows it: enough for the validity banner. */
export const PolicyBrief = z.object({
  id: z.string(),
  title: z.string(),
  docNo: z.string().nullable(),
  status: PolicyStatus,
  supersededBy: z.object({ id: z.string(), title: z.string() }).nullable(),
});
export type PolicyBrief = z.infer<typeof PolicyBrief>;

export const InterpretationRef = z.object({ id: z.string(), title: z.string() });
export type InterpretationRef = z.infer<typeof InterpretationRef>;

export const QaRef = z.object({ id: z.string(), question: z.string() });
export type QaRef = z.infer<typeof QaRef>;

const page = z.coerce.number({ error: '页码必须是数字' }).int('页码必须是整数').min(1, '页码从 1 开始').max(1000, '页码太大了').default(1);
const pageSize = z.coerce.number({ error: '每页条数必须是数字' }).int('每页条数必须是整数').min(1, '每页至少 1 条').max(50, '每页最多 50 条').default(10);
const shortText = (what: string) => z.string().trim().min(1, `${what}不能为空`).max(50, `${what}太长了`);

export const PolicyListQuery = z.object({
  topic: shortText('主题').optional(),
  issuer: shortText('发布机构').optional(),
  status: z.enum(['in_force', 'amended', 'repealed', 'expired'], { error: '有效性只能是现行有效、已修改、已废止或已失效' }).optional(),
  year: z.coerce.number({ error: '年份必须是数字' }).int('年份必须是整数').min(1949, '年份不正确').max(2100, '年份不正确').optional(),
  page,
  pageSize,
});
export type PolicyListQuery = z.infer<typeof PolicyListQuery>;

export const PolicySummary = z.object({
  id: z.string(),
  title: z.string(),
  docNo: z.string().nullable(),
  issuer: z.string(),
  publishedAt: IsoTime,
  status: PolicyStatus,
  topics: z.array(z.string()),
  interpretationCount: z.number().int(),
  qaCount: z.number().int(),
});
export type PolicySummary = z.infer<typeof PolicySummary>;

const Facet = z.object({ value: z.string(), count: z.number().int() });

export const PolicyListResponse = z.object({
  status: ContentFreshness,
  updatedAt: IsoTime,
  items: z.array(PolicySummary).describe('newest first'),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  facets: z
    .object({
      topics: z.array(Facet),
      issuers: z.array(Facet),
      years: z.array(Facet).describe('publication years, newest first'),
      statuses: z.array(Facet),
    })
    .describe('every value present across all policies (not only the filtered ones), for the filter pickers'),
});
export type PolicyListResponse = z.infer<typeof PolicyListResponse>;

export const MediaItem = z.object({ kind: z.enum(['image', 'audio', 'video']), url: z.string(), caption: z.string() });
export type MediaItem = z.infer<typeof MediaItem>;

export const InterpretationDetail = z.object({
  id: z.string(),
  title: z.string(),
  publishedAt: IsoTime,
  background: z.array(z.string()).describe('背景依据, paragraphs'),
  goals: z.array(z.string()).describe('目标任务, paragraphs'),
  mainPoints: z.array(z.string()).describe('主要内容'),
  scope: z.array(z.string()).describe('涉及范围, paragraphs'),
  keyTerms: z.array(z.object({ term: z.string(), explanation: z.string() })).describe('关键词诠释'),
  benefits: z.array(z.string()).describe('惠民利民举措, paragraphs; empty when the portal has none'),
  changes: z.array(z.string()).describe('新旧政策差异'),
  notes: z.array(z.string()).describe('注意事项'),
  media: z.array(MediaItem),
  policy: PolicyBrief.nullable().describe('null when the portal no longer has the policy'),
  qas: z.array(QaRef).describe('Q&As that refer to this interpretation'),
});
export type InterpretationDetail = z.infer<typeof InterpretationDetail>;

export const InterpretationDetailResponse = z.object({ status: ContentFreshness, updatedAt: IsoTime, item: InterpretationDetail });
export type InterpretationDetailResponse = z.infer<typeof InterpretationDetailResponse>;

export const QaDetail = z.object({
  id: z.string(),
  question: z.string(),
  answer: z.array(z.string()).describe('paragraphs'),
  topics: z.array(z.string()),
  updatedAt: IsoTime,
  policy: PolicyBrief.nullable(),
  interpretation: InterpretationRef.nullable(),
  related: z.array(QaRef).describe('other Q&As of the same policy'),
});
export type QaDetail = z.infer<typeof QaDetail>;

export const QaDetailResponse = z.object({ status: ContentFreshness, updatedAt: IsoTime, item: QaDetail });
export type QaDetailResponse = z.infer<typeof QaDetailResponse>;

export const QaListQuery = z.object({
  topic: shortText('主题').optional(),
  policyId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '政策编号格式不正确').optional(),
  sort: z.enum(['popular', 'recent'], { error: '排序只能是 popular 或 recent' }).default('recent'),
  page,
  pageSize,
});
export type QaListQuery = z.infer<typeof QaListQuery>;

export const QaSummary = z.object({
  id: z.string(),
  question: z.string(),
  topics: z.array(z.string()),
  policyId: z.string().nullable(),
  policyStatus: PolicyStatus.nullable(),
  updatedAt: IsoTime,
  views: z.number().int(),
  helpful: z.number().int(),
});
export type QaSummary = z.infer<typeof QaSummary>;

export const QaListResponse = z.object({
  status: ContentFreshness,
  updatedAt: IsoTime,
  items: z.array(QaSummary).describe('popular: most helpful votes and views first; recent: latest update first'),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type QaListResponse = z.infer<typeof QaListResponse>;

export const TopicSummary = z.object({
  name: z.string(),
  policyCount: z.number().int(),
  inForceCount: z.number().int(),
  interpretationCount: z.number().int(),
  qaCount: z.number().int(),
});
export type TopicSummary = z.infer<typeof TopicSummary>;

export const TopicListResponse = z.object({ status: ContentFreshness, updatedAt: IsoTime, items: z.array(TopicSummary).describe('most Q&As first') });
export type TopicListResponse = z.infer<typeof TopicListResponse>;

export const QaVote = z.enum(['helpful', 'unhelpful']);
export type QaVote = z.infer<typeof QaVote>;

export const QaFeedbackRequest = z.object({
  vote: z.enum(['helpful', 'unhelpful'], { error: '请选择“有帮助”或“没帮助”' }),
  query: z
    .string({ error: '搜索的问题必须是文字' })
    .trim()
    .min(1, '搜索的问题不能为空')
    .max(200, '问题太长了，请精简到 200 字以内')
    .optional()
    .describe('the search that led to this Q&A, when the citizen came from search: the vote then also teaches the search'),
});
export type QaFeedbackRequest = z.infer<typeof QaFeedbackRequest>;

export const QaFeedbackResponse = z.object({
  qaId: z.string(),
  helpful: z.number().int(),
  unhelpful: z.number().int(),
  mine: QaVote.nullable().describe("the caller's vote; null when anonymous or not voted"),
});
export type QaFeedbackResponse = z.infer<typeof QaFeedbackResponse>;
