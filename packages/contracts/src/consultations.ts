import { z } from 'zod';
import { IsoTime, PanelStatus } from './common';

/**
 * 民意征集 (issue 10): public consultations on draft decisions. The consultation itself (title,
 * period, draft text, basis) comes from the portal through the BFF's cache; comments, their
 * moderation, dispositions and the adoption report are the BFF's own (MongoDB).
 *
 * Life of a comment: `pending` (待审核, visible only to its author) → `approved` (已公开, shown
 * under its article) or `rejected` (未通过审核, with a reason; the author is told); the author
 * may withdraw it while `pending`. After the consultation closes every approved comment gets a
 * disposition (采纳 …); once all have one, the report is published and every commenter is told
 * what became of their own comment.
 */

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

/** A consultation's id as the portal names it, e.g. `con-001`. */
export const ConsultationId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '征集编号格式不正确');
export const ConsultationIdParams = z.object({ id: ConsultationId });

/** Our own record ids (comments, points): 24 hex digits. */
const ObjectIdString = (what: string) => z.string().regex(/^[0-9a-f]{24}$/, `${what}编号格式不正确`);
export const CommentIdParams = z.object({ commentId: ObjectIdString('意见') });
export const PointIdParams = z.object({ id: ConsultationId, pointId: ObjectIdString('意见要点') });

/**
 * Where a consultation stands by the server's clock: `upcoming` (not open yet), `open`
 * (征求中), `closed` (已截止, no report yet), `reported` (已公布采纳情况).
 */
export const ConsultationPhase = z.enum(['upcoming', 'open', 'closed', 'reported']);
export type ConsultationPhase = z.infer<typeof ConsultationPhase>;
export const CONSULTATION_PHASE_LABELS: Record<ConsultationPhase, string> = {
  upcoming: '即将开始',
  open: '征求中',
  closed: '已截止',
  reported: '已公布采纳情况',
};

export const CommentState = z.enum(['pending', 'approved', 'rejected', 'withdrawn'], { error: '意见状态须为 pending、approved、rejected 或 withdrawn' });
export type CommentState = z.infer<typeof CommentState>;
export const COMMENT_STATE_LABELS: Record<CommentState, string> = {
  pending: '待审核',
  approved: '已公开',
  rejected: '未通过审核',
  withdrawn: '已撤回',
};

/** Why a moderator did not publish a comment: a fixed list. */
export const RejectReason = z.enum(['off_topic', 'abusive', 'advertising', 'personal_info', 'duplicate'], {
  error: '请选择不予公开的理由（与草案无关、含人身攻击或不文明用语、广告、含他人个人信息、重复提交）',
});
export type RejectReason = z.infer<typeof RejectReason>;
export const REJECT_REASON_LABELS: Record<RejectReason, string> = {
  off_topic: '与草案无关',
  abusive: '含人身攻击或不文明用语',
  advertising: '广告',
  personal_info: '含他人个人信息',
  duplicate: '重复提交',
};

/** What the automatic pre-screen noticed in a comment; a flag never drops a comment, it tells the moderator where to look. */
export const PrescreenFlag = z.enum(['phone', 'id_number', 'url', 'abuse', 'advertising']);
export type PrescreenFlag = z.infer<typeof PrescreenFlag>;
export const PRESCREEN_FLAG_LABELS: Record<PrescreenFlag, string> = {
  phone: '含电话号码',
  id_number: '含身份证号码',
  url: '含网址链接',
  abuse: '疑似不文明用语',
  advertising: '疑似广告',
};

/** What became of an approved comment, decided after the close. */
export const Disposition = z.enum(['adopted', 'partly_adopted', 'not_adopted', 'already_provided', 'out_of_scope'], {
  error: '请选择处理意见（采纳、部分采纳、未采纳、已有规定、不属于本次征求范围）',
});
export type Disposition = z.infer<typeof Disposition>;
export const DISPOSITION_LABELS: Record<Disposition, string> = {
  adopted: '采纳',
  partly_adopted: '部分采纳',
  not_adopted: '未采纳',
  already_provided: '已有规定',
  out_of_scope: '不属于本次征求范围',
};
/** Every disposition but 采纳 needs a reason. */
export function dispositionNeedsReason(d: Disposition): boolean {
  return d !== 'adopted';
}

/** Comment limits, checked by the BFF (and by the app before sending). */
export const COMMENT_MAX_CHARS = 2000;
export const COMMENT_MIN_CHARS = 5;
/** A 意见要点 made by at least this many commenters and not adopted must be listed in the report with its reason. */
export const MAJOR_POINT_COMMENTERS = 5;

// ---------------------------------------------------------------------------
// Consultations (public; from the portal through the cache)
// ---------------------------------------------------------------------------

/** One article of the draft: `no` is its 1-based order (the `articleNo` comments name). */
export const ConsultationArticle = z.object({
  no: z.number().int().describe('1-based order of the article in the draft'),
  label: z.string().describe('how the draft numbers it, e.g. 第三条, 三、 or 3.'),
  chapter: z.string().nullable().describe('heading of the chapter it belongs to (第一章 总则), or null'),
  text: z.string().describe('the article text without its label'),
  commentCount: z.number().int().describe('published comments on this article'),
});
export type ConsultationArticle = z.infer<typeof ConsultationArticle>;

export const ConsultationBasisDoc = z.object({
  title: z.string(),
  url: z.string().nullable().describe("the portal's link, when it gives one"),
  policyId: z.string().nullable().describe('our policy page (/api/v1/policies/{id}) when the portal has the document'),
});
export type ConsultationBasisDoc = z.infer<typeof ConsultationBasisDoc>;

export const ConsultationListItem = z.object({
  id: z.string(),
  title: z.string(),
  issuer: z.string(),
  summary: z.string(),
  opensAt: IsoTime,
  closesAt: IsoTime,
  phase: ConsultationPhase,
  phaseLabel: z.string(),
  daysLeft: z.number().int().nullable().describe('whole days until closesAt while open (0 on the last day), else null'),
  commentCount: z.number().int().describe('published comments'),
  reportPublishedAt: IsoTime.nullable(),
});
export type ConsultationListItem = z.infer<typeof ConsultationListItem>;

export const ConsultationListQuery = z.object({
  phase: z.enum(ConsultationPhase.options, { error: '阶段须为 upcoming、open、closed 或 reported' }).optional(),
});
export type ConsultationListQuery = z.infer<typeof ConsultationListQuery>;

/** Ordered for the 参与 tab: 征求中 (closing soonest first), 即将开始, 已截止, 已公布采纳情况 (latest close first). */
export const ConsultationListResponse = z.object({
  status: z.enum(['ok', 'stale']).describe('stale: the portal is unreachable and this is the last known copy'),
  updatedAt: IsoTime,
  items: z.array(ConsultationListItem),
});
export type ConsultationListResponse = z.infer<typeof ConsultationListResponse>;

export const ConsultationDetail = ConsultationListItem.extend({
  basis: z.array(ConsultationBasisDoc),
  preamble: z.array(z.string()).describe('lines of the draft before its first article (a title, a preamble)'),
  articles: z.array(ConsultationArticle).describe('the draft split into its articles; one article holding the whole text when it has no numbering'),
  wholeDraftCommentCount: z.number().int().describe('published comments on the draft as a whole (articleNo omitted)'),
  canComment: z.boolean().describe('open now by the server clock'),
});
export type ConsultationDetail = z.infer<typeof ConsultationDetail>;

export const ConsultationDetailResponse = z.object({
  status: z.enum(['ok', 'stale']).describe('stale: the portal is unreachable and this is the last known copy'),
  updatedAt: IsoTime,
  item: ConsultationDetail,
});
export type ConsultationDetailResponse = z.infer<typeof ConsultationDetailResponse>;

// ---------------------------------------------------------------------------
// Comments (ours)
// ---------------------------------------------------------------------------

/** `POST /api/v1/consultations/{id}/comments` (with the Idempotency-Key header). */
export const CommentCreateRequest = z.object({
  text: z
    .string({ error: '请填写您的意见' })
    .trim()
    .min(COMMENT_MIN_CHARS, `请至少用 ${COMMENT_MIN_CHARS} 个字说明您的意见`)
    .max(COMMENT_MAX_CHARS, `意见请控制在 ${COMMENT_MAX_CHARS} 字以内`),
  /** The article commented on (1-based order, ConsultationArticle.no); omitted for the draft as a whole. */
  articleNo: z.number({ error: '条款序号必须是数字' }).int('条款序号必须是整数').min(1, '条款序号从 1 开始').max(10_000, '条款序号过大').optional(),
  /** Optional real name: stored encrypted, shown masked (张**). */
  realName: z.string({ error: '姓名格式不正确' }).trim().min(1, '姓名不能为空').max(20, '姓名请控制在 20 字以内').optional(),
  /** Whether the drafting department may contact the commenter (through the phone bound to the account). */
  contactConsent: z.boolean({ error: '是否同意联系须为是或否' }).default(false),
});
export type CommentCreateRequest = z.infer<typeof CommentCreateRequest>;

/** Answer to a comment: 201 new, 200 (`Idempotent-Replayed: true`) when the key was used before. */
export const CommentCreateResponse = z.object({
  id: z.string(),
  consultationId: z.string(),
  articleNo: z.number().int().nullable(),
  state: CommentState,
  stateLabel: z.string(),
  createdAt: IsoTime,
  replayed: z.boolean(),
});
export type CommentCreateResponse = z.infer<typeof CommentCreateResponse>;

/** An opaque keyset cursor from a previous page's `nextCursor`. */
export const Cursor = z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, '翻页标记格式不正确');

export const PublicCommentQuery = z.object({
  /** 1-based article; 0 = comments on the whole draft; omitted = all published comments. */
  articleNo: z.coerce.number({ error: '条款序号必须是数字' }).int('条款序号必须是整数').min(0, '条款序号不能为负数').max(10_000, '条款序号过大').optional(),
  cursor: Cursor.optional(),
  pageSize: z.coerce.number({ error: '每页条数必须是数字' }).int('每页条数必须是整数').min(1, '每页至少 1 条').max(50, '每页最多 50 条').default(20),
});
export type PublicCommentQuery = z.infer<typeof PublicCommentQuery>;

export const PublicComment = z.object({
  id: z.string(),
  articleNo: z.number().int().nullable(),
  articleLabel: z.string().nullable().describe('e.g. 第三条; null for the whole draft'),
  text: z.string(),
  authorName: z.string().describe('masked real name (张**) or 网友 when none was given'),
  approvedAt: IsoTime,
});
export type PublicComment = z.infer<typeof PublicComment>;

/** Published comments, newest published first; keyset paging with `nextCursor`. */
export const PublicCommentPage = z.object({
  items: z.array(PublicComment),
  total: z.number().int().describe('published comments matching the filter'),
  nextCursor: z.string().nullable(),
});
export type PublicCommentPage = z.infer<typeof PublicCommentPage>;

/** One of the caller's own comments (我的 → 我的意见). */
export const MyComment = z.object({
  id: z.string(),
  consultationId: z.string(),
  consultationTitle: z.string().nullable().describe('null when the portal cannot be read just now'),
  articleNo: z.number().int().nullable(),
  articleLabel: z.string().nullable(),
  text: z.string(),
  realNameMasked: z.string().nullable(),
  contactConsent: z.boolean(),
  state: CommentState,
  stateLabel: z.string(),
  rejectReason: RejectReason.nullable(),
  rejectReasonLabel: z.string().nullable(),
  disposition: Disposition.nullable().describe('shown once the report is published'),
  dispositionLabel: z.string().nullable(),
  dispositionReason: z.string().nullable(),
  createdAt: IsoTime,
  canWithdraw: z.boolean().describe('still pending'),
  reportPublished: z.boolean(),
});
export type MyComment = z.infer<typeof MyComment>;

export const MyCommentQuery = z.object({
  consultationId: ConsultationId.optional(),
  page: z.coerce.number({ error: '页码必须是数字' }).int('页码必须是整数').min(1, '页码至少为 1').max(1000, '页码过大').default(1),
  pageSize: z.coerce.number({ error: '每页条数必须是数字' }).int('每页条数必须是整数').min(1, '每页至少 1 条').max(50, '每页最多 50 条').default(20),
});
export type MyCommentQuery = z.infer<typeof MyCommentQuery>;

export const MyCommentPage = z.object({
  items: z.array(MyComment).describe('newest first'),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type MyCommentPage = z.infer<typeof MyCommentPage>;

// ---------------------------------------------------------------------------
// Staff: moderation, dispositions, 意见要点
// ---------------------------------------------------------------------------

const booleanParam = (what: string) =>
  z
    .enum(['true', 'false'], { error: `${what}须为 true 或 false` })
    .transform((v) => v === 'true')
    .optional();

/**
 * Staff list of comments: the moderation queue (`state=pending`, the default, across
 * consultations, oldest first) and the disposition work list (`state=approved&disposed=false`).
 */
export const StaffCommentQuery = z.object({
  state: z.enum(CommentState.options, { error: '意见状态须为 pending、approved、rejected 或 withdrawn' }).default('pending'),
  consultationId: ConsultationId.optional(),
  /** Only comments the pre-screen flagged (true) or did not flag (false). */
  flagged: booleanParam('是否被标记'),
  /** Only approved comments with (true) or without (false) a disposition. */
  disposed: booleanParam('是否已处置'),
  /** 1-based article; 0 = the whole draft. */
  articleNo: z.coerce.number({ error: '条款序号必须是数字' }).int('条款序号必须是整数').min(0, '条款序号不能为负数').max(10_000, '条款序号过大').optional(),
  pointId: ObjectIdString('意见要点').optional(),
  cursor: Cursor.optional(),
  pageSize: z.coerce.number({ error: '每页条数必须是数字' }).int('每页条数必须是整数').min(1, '每页至少 1 条').max(100, '每页最多 100 条').default(20),
});
export type StaffCommentQuery = z.infer<typeof StaffCommentQuery>;

export const StaffComment = z.object({
  id: z.string(),
  consultationId: z.string(),
  articleNo: z.number().int().nullable(),
  articleLabel: z.string().nullable(),
  text: z.string(),
  realNameMasked: z.string().nullable(),
  contactConsent: z.boolean(),
  state: CommentState,
  stateLabel: z.string(),
  flags: z.array(z.object({ flag: PrescreenFlag, label: z.string() })),
  rejectReason: RejectReason.nullable(),
  rejectReasonLabel: z.string().nullable(),
  rejectNote: z.string().nullable(),
  moderatedAt: IsoTime.nullable(),
  disposition: Disposition.nullable(),
  dispositionLabel: z.string().nullable(),
  dispositionReason: z.string().nullable(),
  pointId: z.string().nullable(),
  createdAt: IsoTime,
});
export type StaffComment = z.infer<typeof StaffComment>;

export const StaffCommentPage = z.object({
  items: z.array(StaffComment).describe('oldest first'),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
});
export type StaffCommentPage = z.infer<typeof StaffCommentPage>;

const ModeratorNote = z.string({ error: '备注格式不正确' }).trim().max(500, '备注请控制在 500 字以内');

/** `POST /api/v1/staff/consultation-comments/{commentId}/reject`. */
export const RejectCommentRequest = z.object({ reason: RejectReason, note: ModeratorNote.optional() });
export type RejectCommentRequest = z.infer<typeof RejectCommentRequest>;

const DispositionReason = z.string({ error: '理由格式不正确' }).trim().min(1, '请填写理由').max(1000, '理由请控制在 1000 字以内');
const CommentIds = z
  .array(ObjectIdString('意见'), { error: '请提供意见编号列表' })
  .min(1, '请至少选择一条意见')
  .max(500, '一次最多处理 500 条意见')
  .refine((ids) => new Set(ids).size === ids.length, '同一条意见不能重复选择');

function withReasonRule<T extends z.ZodType<{ disposition?: Disposition; reason?: string }>>(schema: T): T {
  return schema.refine((b) => !b.disposition || !dispositionNeedsReason(b.disposition) || !!b.reason, {
    message: '除“采纳”外，处理意见须填写理由',
    path: ['reason'],
  }) as unknown as T;
}

/** Bulk disposition of a selection of approved comments (not grouped into a 意见要点). */
export const DisposeCommentsRequest = withReasonRule(
  z.object({ commentIds: CommentIds, disposition: Disposition, reason: DispositionReason.optional() }),
);
export type DisposeCommentsRequest = z.infer<typeof DisposeCommentsRequest>;

export const DisposeCommentsResponse = z.object({ updated: z.number().int(), remaining: z.number().int().describe('approved comments still without a disposition') });
export type DisposeCommentsResponse = z.infer<typeof DisposeCommentsResponse>;

const PointTitle = z.string({ error: '请填写意见要点' }).trim().min(2, '意见要点至少 2 个字').max(200, '意见要点请控制在 200 字以内');

/** A new 意见要点 grouping comments that say the same thing; its disposition is theirs. */
export const CreatePointRequest = withReasonRule(
  z.object({ title: PointTitle, commentIds: CommentIds, disposition: Disposition.optional(), reason: DispositionReason.optional() }),
);
export type CreatePointRequest = z.infer<typeof CreatePointRequest>;

/** Changes a 意见要点: its title, its disposition (passed to every comment in it), its members. */
export const UpdatePointRequest = withReasonRule(
  z
    .object({
      title: PointTitle.optional(),
      disposition: Disposition.optional(),
      reason: DispositionReason.optional(),
      addCommentIds: CommentIds.optional(),
      removeCommentIds: CommentIds.optional(),
    })
    .refine((b) => Object.values(b).some((v) => v !== undefined), { message: '请至少修改一项', path: ['title'] }),
);
export type UpdatePointRequest = z.infer<typeof UpdatePointRequest>;

export const CommentPoint = z.object({
  id: z.string(),
  consultationId: z.string(),
  title: z.string(),
  disposition: Disposition.nullable(),
  dispositionLabel: z.string().nullable(),
  reason: z.string().nullable(),
  commentCount: z.number().int(),
  commenterCount: z.number().int().describe('distinct citizens among its comments'),
  createdAt: IsoTime,
});
export type CommentPoint = z.infer<typeof CommentPoint>;

export const CommentPointList = z.object({ items: z.array(CommentPoint) });
export type CommentPointList = z.infer<typeof CommentPointList>;

/** Staff overview of one consultation: where its comments stand, and the report. */
export const StaffConsultation = z.object({
  id: z.string(),
  title: z.string(),
  phase: ConsultationPhase,
  phaseLabel: z.string(),
  opensAt: IsoTime,
  closesAt: IsoTime,
  counts: z.object({
    received: z.number().int(),
    pending: z.number().int(),
    flaggedPending: z.number().int(),
    approved: z.number().int(),
    rejected: z.number().int(),
    withdrawn: z.number().int(),
    disposed: z.number().int(),
    undisposed: z.number().int().describe('approved comments still without a disposition'),
  }),
  workingDaysSinceClose: z.number().int().nullable().describe('official-calendar working days after the close day up to today; null before the close'),
  workingDaysExplanation: z.string().nullable(),
  reportPublishedAt: IsoTime.nullable(),
  canPublish: z.boolean().describe('closed, nothing pending, every approved comment disposed, not yet published'),
});
export type StaffConsultation = z.infer<typeof StaffConsultation>;

export const StaffConsultationList = z.object({ status: PanelStatus, items: z.array(StaffConsultation) });
export type StaffConsultationList = z.infer<typeof StaffConsultationList>;

// ---------------------------------------------------------------------------
// The adoption report (意见采纳情况)
// ---------------------------------------------------------------------------

/** A count with what it is a share of; `value` null when the denominator is 0. */
export const ReportShare = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  value: z.number().nullable().describe('numerator / denominator in [0, 1]'),
});
export type ReportShare = z.infer<typeof ReportShare>;

export const ReportDispositionCount = z.object({
  disposition: Disposition,
  label: z.string(),
  count: z.number().int(),
  share: ReportShare.describe('count / published comments'),
});

export const ReportPoint = z.object({
  id: z.string(),
  title: z.string(),
  disposition: Disposition,
  dispositionLabel: z.string(),
  reason: z.string().nullable(),
  commentCount: z.number().int(),
  commenterCount: z.number().int(),
});
export type ReportPoint = z.infer<typeof ReportPoint>;

export const ConsultationReport = z.object({
  consultationId: z.string(),
  title: z.string(),
  issuer: z.string(),
  opensAt: IsoTime,
  closesAt: IsoTime,
  publishedAt: IsoTime.nullable().describe('null on a staff preview'),
  generatedAt: IsoTime,
  received: z.number().int().describe('comments submitted and not withdrawn'),
  published: z.number().int().describe('approved by moderation: the denominator of every share'),
  withheld: z.object({
    total: z.number().int(),
    byReason: z.array(z.object({ reason: RejectReason, label: z.string(), count: z.number().int() })),
  }),
  withdrawn: z.number().int(),
  dispositions: z.array(ReportDispositionCount).describe('every disposition, in the fixed order, zeros included'),
  byArticle: z.array(
    z.object({
      articleNo: z.number().int().nullable().describe('null: the draft as a whole'),
      label: z.string(),
      published: z.number().int(),
      dispositions: z.array(z.object({ disposition: Disposition, label: z.string(), count: z.number().int() })),
    }),
  ),
  points: z.array(ReportPoint).describe('every 意见要点, most commenters first'),
  majorPointThreshold: z.number().int(),
  majorPointsNotAdopted: z.array(ReportPoint).describe('points made by at least majorPointThreshold commenters and not adopted, each with its reason'),
});
export type ConsultationReport = z.infer<typeof ConsultationReport>;

export const ConsultationReportResponse = z.object({ report: ConsultationReport });
export type ConsultationReportResponse = z.infer<typeof ConsultationReportResponse>;
