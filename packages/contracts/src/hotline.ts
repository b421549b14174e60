import { z } from 'zod';
import { IsoTime, PageParam, pageSizeParam } from './common';

/**
 * 12345 hotline (issue 4): submitting 诉求, tracking them, rating them, the published
 * statistics and the staff desk. Shared by the BFF (validation at the edge) and the
 * mini-program (forms and typed responses).
 */

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

export const HotlineTicketType = z.enum(['consult', 'help', 'complaint', 'report', 'suggestion'], {
  error: '请选择诉求类型（咨询、求助、投诉、举报或建议）',
});
export type HotlineTicketType = z.infer<typeof HotlineTicketType>;

export const HOTLINE_TYPE_LABELS: Record<HotlineTicketType, string> = {
  consult: '咨询',
  help: '求助',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
};

/**
 * Where a ticket stands. `submitted` is ours: stored by the BFF and being forwarded
 * ("已提交，正在转交"); the others are the case system's 受理 → 派单 → 办理中 → 办结 → 回访.
 */
export const HotlineStatus = z.enum(['submitted', 'accepted', 'dispatched', 'processing', 'closed', 'visited']);
export type HotlineStatus = z.infer<typeof HotlineStatus>;

export const HOTLINE_STATUS_LABELS: Record<HotlineStatus, string> = {
  submitted: '已提交，正在转交',
  accepted: '受理',
  dispatched: '派单',
  processing: '办理中',
  closed: '办结',
  visited: '回访',
};

/** Whether the outbox forwarder has handed a submission to the case system (`failed`: it gave up). */
/** `withdrawn`: its owner deleted their account before it reached the case system, so it never will. */
export const HotlineForwardState = z.enum(['pending', 'delivered', 'failed', 'withdrawn']);
export type HotlineForwardState = z.infer<typeof HotlineForwardState>;

/** Label and citizen-facing note of a submission the case system did not take. */
export const HOTLINE_FORWARD_FAILED_LABEL = '转交未成功';
export const HOTLINE_FORWARD_FAILED_NOTE = '转交未成功，工作人员将尽快处理';

export const HotlineRatingValue = z.enum(['satisfied', 'basically_satisfied', 'unsatisfied'], {
  error: '请选择满意、基本满意或不满意',
});
export type HotlineRatingValue = z.infer<typeof HotlineRatingValue>;

export const HOTLINE_RATING_LABELS: Record<HotlineRatingValue, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

/** Photo limits, checked by the BFF before anything is stored (and by the app before uploading). */
export const HOTLINE_MAX_PHOTOS = 6;
export const HOTLINE_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const HOTLINE_PHOTO_MIME = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** Multipart field name of the photo upload (Taro.uploadFile `name`). */
export const HOTLINE_PHOTO_FIELD = 'file';

/**
 * Header that makes a submission safe to retry: the same key returns the same ticket.
 * The app makes one random key per filled-in form (e.g. a UUID) and reuses it on retries.
 */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Our tracking number, issued at once (before the case system answers), e.g. `RX-20261125-7KQ2MZ`. */
export const TrackingNo = z.string().regex(/^RX-\d{8}-[0-9A-Z]{6}$/, '诉求编号格式不正确');
export const TrackingNoParams = z.object({ trackingNo: TrackingNo });
export const PhotoIdParams = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/, '图片编号格式不正确') });

const MOBILE = /^1[3-9]\d{9}$/;

// ---------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------

export const HotlineLocation = z
  .object({
    address: z
      .string({ error: '请填写事发地址' })
      .trim()
      .min(2, '请填写事发地址（至少 2 个字）')
      .max(200, '地址请控制在 200 字以内'),
    lat: z.number({ error: '纬度必须是数字' }).min(-90, '纬度超出范围').max(90, '纬度超出范围').optional(),
    lng: z.number({ error: '经度必须是数字' }).min(-180, '经度超出范围').max(180, '经度超出范围').optional(),
  })
  .refine((l) => (l.lat === undefined) === (l.lng === undefined), {
    message: '地图位置需要同时包含经度和纬度',
    path: ['lat'],
  });
export type HotlineLocation = z.infer<typeof HotlineLocation>;

/** `POST /api/v1/hotline/tickets` (with the Idempotency-Key header). */
export const HotlineSubmitRequest = z.object({
  type: HotlineTicketType,
  title: z.string({ error: '请填写标题' }).trim().min(4, '标题至少 4 个字').max(100, '标题请控制在 100 字以内'),
  description: z
    .string({ error: '请描述您的诉求' })
    .trim()
    .min(10, '请至少用 10 个字描述您的诉求')
    .max(5000, '诉求内容请控制在 5000 字以内'),
  location: HotlineLocation.optional(),
  photoIds: z
    .array(z.string().regex(/^[0-9a-f]{24}$/, '图片编号格式不正确'), { error: '图片列表格式不正确' })
    .max(HOTLINE_MAX_PHOTOS, `最多上传 ${HOTLINE_MAX_PHOTOS} 张图片`)
    .refine((ids) => new Set(ids).size === ids.length, '同一张图片不能重复添加')
    .default([]),
  /** Defaults to the phone bound to the account. */
  contactPhone: z.string().trim().regex(MOBILE, '请填写正确的 11 位手机号').optional(),
  contactName: z.string().trim().min(1, '联系人姓名不能为空').max(20, '联系人姓名请控制在 20 字以内').optional(),
  /** Whether the handling department may call the citizen back. */
  contactAllowed: z.boolean({ error: '请选择是否同意联系' }).default(true),
  /** 不公开个人信息: the handling department sees no name or phone (the case system gets `anonymous: true`). */
  anonymous: z.boolean({ error: '请选择是否公开个人信息' }).default(false),
});
export type HotlineSubmitRequest = z.infer<typeof HotlineSubmitRequest>;

export const HotlineListQuery = z.object({ page: PageParam, pageSize: pageSizeParam(50, 10) });
export type HotlineListQuery = z.infer<typeof HotlineListQuery>;

/** `POST /api/v1/hotline/tickets/{trackingNo}/rating`: once per 办结; 不满意 may ask for 重办. */
export const HotlineRateRequest = z
  .object({
    rating: HotlineRatingValue,
    comment: z.string().trim().max(500, '评价内容请控制在 500 字以内').optional(),
    reopen: z.boolean({ error: '是否申请重办须为是或否' }).default(false),
  })
  .refine((r) => !r.reopen || r.rating === 'unsatisfied', { message: '只有选择“不满意”时才能申请重办', path: ['reopen'] });
export type HotlineRateRequest = z.infer<typeof HotlineRateRequest>;

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

export const HotlineStatsQuery = z
  .object({ from: Month.optional(), to: Month.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '起始月份不能晚于结束月份', path: ['from'] });
export type HotlineStatsQuery = z.infer<typeof HotlineStatsQuery>;

/** A calendar date; the refine refuses 2024-13-01 or 2024-02-30, which the pattern alone lets through. */
const DateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '日期不存在');

/** Staff desk filters (list and CSV export). */
export const HotlineStaffQuery = z.object({
  status: z.enum(HotlineStatus.options, { error: '状态不是可选的值' }).optional(),
  type: HotlineTicketType.optional(),
  /** Submitted on or after this China date. */
  from: DateOnly.optional(),
  /** Submitted on or before this China date. */
  to: DateOnly.optional(),
  overdue: z
    .enum(['true', 'false'], { error: '是否超期须为 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
  /** Forwarding state, e.g. `failed` for the submissions that need a re-queue. */
  forward: z.enum(HotlineForwardState.options, { error: '转交状态须为 pending、delivered、failed 或 withdrawn' }).optional(),
  /** Keyword in the title. */
  q: z.string().trim().max(50, '关键词请控制在 50 字以内').optional(),
  page: PageParam,
  pageSize: pageSizeParam(100, 20),
});
export type HotlineStaffQuery = z.infer<typeof HotlineStaffQuery>;

/** A status event of the case system, as POSTed to `/api/v1/hotline/case-events` (signed). */
export const HotlineCaseEvent = z.object({
  eventId: z.string().min(1),
  ticketNo: z.string().min(1),
  status: z.enum(['accepted', 'dispatched', 'processing', 'closed', 'visited']),
  at: z.iso.datetime({ offset: true, error: '事件时间须为带时区的 ISO 8601 时间' }),
  department: z.string().nullable(),
  note: z.string(),
});

// ---------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------

/** `POST /api/v1/hotline/photos` (multipart, field `file`). */
export const HotlinePhotoUploadResponse = z.object({
  id: z.string(),
  mime: z.enum(HOTLINE_PHOTO_MIME),
  size: z.number().int(),
  /** Relative URL with a short-lived signature, usable as an <Image src> (which sends no token). */
  url: z.string(),
});
export type HotlinePhotoUploadResponse = z.infer<typeof HotlinePhotoUploadResponse>;

export const HotlinePhoto = z.object({ id: z.string(), mime: z.string(), url: z.string() });
export type HotlinePhoto = z.infer<typeof HotlinePhoto>;

/**
 * `POST /api/v1/hotline/photos/links`: fresh preview links for photos of a draft restored on
 * the device (a draft keeps only photo ids; links expire after an hour).
 */
export const HotlinePhotoLinksRequest = z.object({
  ids: z
    .array(z.string().regex(/^[0-9a-f]{24}$/, '图片编号格式不正确'), { error: '图片列表格式不正确' })
    .min(1, '请至少提供一张图片')
    .max(HOTLINE_MAX_PHOTOS, `最多 ${HOTLINE_MAX_PHOTOS} 张图片`),
});
export type HotlinePhotoLinksRequest = z.infer<typeof HotlinePhotoLinksRequest>;

export const HotlinePhotoLinksResponse = z.object({
  photos: z.array(HotlinePhoto).describe('in request order; photos that are gone, expired or not the caller’s are left out'),
});
export type HotlinePhotoLinksResponse = z.infer<typeof HotlinePhotoLinksResponse>;

/** 办理时限 in working days on the official calendar (holidays skipped, 调休 workdays counted). */
export const HotlineDeadline = z.object({
  dueAt: IsoTime.describe('end of the last working day, China time'),
  workingDays: z.number().int().describe('time limit for this type, in working days'),
  startDate: z.string().describe('YYYY-MM-DD, the day of acceptance (counting starts the next working day)'),
  remainingMs: z.number().int().describe('dueAt minus now (negative when overdue); frozen at the close time once 办结'),
  remainingWorkingDays: z.number().int().describe('working days left after today; 0 on the last day'),
  overdue: z.boolean().describe('open past dueAt, or closed after dueAt'),
  finished: z.boolean().describe('办结 or 回访'),
  explanation: z.string().describe('plain Chinese account of how dueAt was computed'),
});
export type HotlineDeadline = z.infer<typeof HotlineDeadline>;

export const HotlineTimelineEntry = z.object({
  status: HotlineStatus,
  statusLabel: z.string(),
  at: IsoTime,
  department: z.string().nullable(),
  note: z.string(),
});
export type HotlineTimelineEntry = z.infer<typeof HotlineTimelineEntry>;

export const HotlineRating = z.object({
  rating: HotlineRatingValue,
  ratingLabel: z.string(),
  comment: z.string().nullable(),
  ratedAt: IsoTime,
  reopenRequested: z.boolean(),
});
export type HotlineRating = z.infer<typeof HotlineRating>;

export const HotlineTicketSummary = z.object({
  trackingNo: z.string(),
  type: HotlineTicketType,
  typeLabel: z.string(),
  title: z.string(),
  status: HotlineStatus,
  statusLabel: z.string(),
  department: z.string().nullable(),
  submittedAt: IsoTime,
  updatedAt: IsoTime,
  deadline: HotlineDeadline.nullable().describe('null until the case system has accepted the ticket'),
  canRate: z.boolean(),
  forwardFailed: z.boolean().describe('the case system did not take it; staff will handle it (statusLabel 转交未成功)'),
});
export type HotlineTicketSummary = z.infer<typeof HotlineTicketSummary>;

export const HotlineTicketDetail = HotlineTicketSummary.extend({
  description: z.string(),
  location: z.object({ address: z.string(), lat: z.number().nullable(), lng: z.number().nullable() }).nullable(),
  photos: z.array(HotlinePhoto),
  contactPhoneMasked: z.string().nullable(),
  contactAllowed: z.boolean(),
  anonymous: z.boolean(),
  caseTicketNo: z.string().nullable().describe("the case system's ticketNo once accepted"),
  timeline: z.array(HotlineTimelineEntry).describe('oldest first; starts with our own 已提交 entry'),
  rating: HotlineRating.nullable().describe('the latest rating'),
  canReopen: z.boolean().describe('rating 不满意 with reopen is possible now'),
});
export type HotlineTicketDetail = z.infer<typeof HotlineTicketDetail>;

/** Answer to a submission: at once, before the case system has seen it. 201 new, 200 replay of the same key. */
export const HotlineSubmitResponse = z.object({
  trackingNo: z.string(),
  status: HotlineStatus,
  statusLabel: z.string(),
  submittedAt: IsoTime,
  replayed: z.boolean().describe('true when this Idempotency-Key was already used: the original ticket'),
});
export type HotlineSubmitResponse = z.infer<typeof HotlineSubmitResponse>;

export const HotlineTicketPage = z.object({
  items: z.array(HotlineTicketSummary),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type HotlineTicketPage = z.infer<typeof HotlineTicketPage>;

/** A ratio with what it was computed from; `value` null when the denominator is 0. */
export const HotlineRate = z.object({
  value: z.number().nullable().describe('numerator / denominator in [0, 1]'),
  numerator: z.number().int(),
  denominator: z.number().int(),
});
export type HotlineRate = z.infer<typeof HotlineRate>;

export const HotlineMetrics = z.object({
  accepted: z.number().int(),
  handled: z.number().int(),
  handledOnTime: z.number().int(),
  rated: z.number().int(),
  satisfied: z.number().int(),
  basicallySatisfied: z.number().int(),
  unsatisfied: z.number().int(),
  handledRate: HotlineRate.describe('handled / accepted'),
  onTimeRate: HotlineRate.describe('handledOnTime / handled'),
  satisfactionRate: HotlineRate.describe('satisfied / rated'),
});
export type HotlineMetrics = z.infer<typeof HotlineMetrics>;

export const HotlineTypeMetrics = HotlineMetrics.extend({ type: z.string(), typeLabel: z.string() });
export type HotlineTypeMetrics = z.infer<typeof HotlineTypeMetrics>;

export const HotlineStatsResponse = z.object({
  status: z.enum(['ok', 'stale']).describe('stale: the case system is unreachable and these are the last figures'),
  updatedAt: IsoTime,
  from: z.string(),
  to: z.string(),
  /** What each figure means, in Chinese, e.g. satisfactionRate: 满意件数 ÷ 已评价件数. */
  definitions: z.array(z.object({ metric: z.string(), label: z.string(), definition: z.string() })),
  total: HotlineMetrics,
  byType: z.array(HotlineTypeMetrics).describe('whole range, per type'),
  months: z.array(z.object({ month: z.string(), total: HotlineMetrics, byType: z.array(HotlineTypeMetrics) })),
});
export type HotlineStatsResponse = z.infer<typeof HotlineStatsResponse>;

/** Staff see who submitted, even when the citizen chose 不公开个人信息 (the department does not). */
export const HotlineStaffTicketSummary = HotlineTicketSummary.extend({
  caseTicketNo: z.string().nullable(),
  forwardState: HotlineForwardState,
  anonymous: z.boolean(),
  contactPhoneMasked: z.string().nullable(),
});
export type HotlineStaffTicketSummary = z.infer<typeof HotlineStaffTicketSummary>;

export const HotlineStaffTicketPage = z.object({
  items: z.array(HotlineStaffTicketSummary),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type HotlineStaffTicketPage = z.infer<typeof HotlineStaffTicketPage>;

export const HotlineStaffTicketDetail = HotlineTicketDetail.extend({
  userId: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable().describe('in full: staff only'),
  forwarding: z.object({
    state: HotlineForwardState,
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    deliveredAt: IsoTime.nullable(),
    failedAt: IsoTime.nullable().describe('when it was given up on; re-queue with POST .../requeue'),
  }),
});
export type HotlineStaffTicketDetail = z.infer<typeof HotlineStaffTicketDetail>;

export const HotlineCaseEventAck = z.object({ ok: z.literal(true), duplicate: z.boolean() });
