import { z } from 'zod';
import { IsoTime, PageParam, pageSizeParam } from './common';
import { RealName } from './identity';

/**
 * 列席会议 (issue 11): government meetings open to observers (from the portal: organizer, time,
 * place, agenda, seats per category, selection by `review` or `lottery`, applicationClosesAt) and
 * the citizens' applications, the selection (review or a verifiable draw, see draw.ts), the
 * observers' confirmations and their opinions with the government's replies (ours, MongoDB).
 *
 * Life of an application:
 * - `submitted` (已提交): until the close it may be withdrawn (`withdrawn`);
 * - review: staff accept (`selected`) or decline (`declined`, with a reason), never more
 *   selected than the category's seats;
 * - lottery: after the draw the first `seats` of the order are `selected`, the rest `reserve`
 *   with their `reserveRank`; a selected observer who withdraws (before the meeting) is replaced
 *   by the next reserve, and the replacement is published with the draw;
 * - `selected` → `confirmed` when the observer confirms attendance.
 */

const PortalId = (what: string) => z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, `${what}编号格式不正确`);
const ObjectIdString = (what: string) => z.string().regex(/^[0-9a-f]{24}$/, `${what}编号格式不正确`);

export const MeetingId = PortalId('会议');
export const MeetingIdParams = z.object({ id: MeetingId });
export const MeetingApplicationIdParams = z.object({ applicationId: ObjectIdString('申请') });
export const StaffMeetingApplicationParams = z.object({ id: MeetingId, applicationId: ObjectIdString('申请') });
export const MeetingOpinionParams = z.object({ id: MeetingId, opinionId: ObjectIdString('意见') });

export const ObserverCategory = z.enum(['public', 'stakeholder', 'expert', 'media'], {
  error: '请选择列席类别（公众、利益相关方、专家或媒体）',
});
export type ObserverCategory = z.infer<typeof ObserverCategory>;
export const OBSERVER_CATEGORY_LABELS: Record<ObserverCategory, string> = {
  public: '公众',
  stakeholder: '利益相关方',
  expert: '专家',
  media: '媒体',
};
/** Categories whose applications name an organisation and a qualification. */
export function categoryNeedsOrganisation(c: ObserverCategory): boolean {
  return c !== 'public';
}

export const MeetingSelection = z.enum(['review', 'lottery']);
export type MeetingSelection = z.infer<typeof MeetingSelection>;
export const MEETING_SELECTION_LABELS: Record<MeetingSelection, string> = { review: '审核选定', lottery: '公开抽签' };

/** Where a meeting stands: applications `open`, `closed` (selecting), `selected` (observers known), `held` (startsAt passed). */
export const MeetingPhase = z.enum(['open', 'closed', 'selected', 'held']);
export type MeetingPhase = z.infer<typeof MeetingPhase>;
export const MEETING_PHASE_LABELS: Record<MeetingPhase, string> = {
  open: '接受申请',
  closed: '申请已截止，正在选定',
  selected: '已确定列席人员',
  held: '会议已召开',
};

export const ApplicationStatus = z.enum(['submitted', 'withdrawn', 'selected', 'confirmed', 'reserve', 'declined']);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: '已提交',
  withdrawn: '已撤回',
  selected: '已选定，待确认参加',
  confirmed: '已确认参加',
  reserve: '候补',
  declined: '未选定',
};

export const MEETING_REASON_MAX_CHARS = 500;
export const MEETING_OPINION_MAX_CHARS = 2000;

/** A public draw number: 6 digits, issued in arrival order per meeting; rosters sort them as text (= as numbers). */
export const DrawNumber = z.string().regex(/^\d{6}$/);

export const CategorySeats = z.object({
  category: ObserverCategory,
  label: z.string(),
  seats: z.number().int(),
  applications: z.number().int().describe('applications not withdrawn'),
  selected: z.number().int().describe('selected or confirmed'),
});
export type CategorySeats = z.infer<typeof CategorySeats>;

export const MeetingListItem = z.object({
  id: z.string(),
  title: z.string(),
  organizer: z.string(),
  startsAt: IsoTime,
  location: z.string(),
  applicationClosesAt: IsoTime,
  selection: MeetingSelection,
  selectionLabel: z.string(),
  phase: MeetingPhase,
  phaseLabel: z.string(),
  totalSeats: z.number().int(),
  myStatus: ApplicationStatus.nullable(),
});
export type MeetingListItem = z.infer<typeof MeetingListItem>;

/** 接受申请 first (closing soonest), then 正在选定, 已确定, 已召开 (latest first). */
export const MeetingListResponse = z.object({
  status: z.enum(['ok', 'stale']),
  updatedAt: IsoTime,
  items: z.array(MeetingListItem),
});
export type MeetingListResponse = z.infer<typeof MeetingListResponse>;

export const MyMeetingApplication = z.object({
  id: z.string(),
  meetingId: z.string(),
  meetingTitle: z.string(),
  meetingStartsAt: IsoTime,
  category: ObserverCategory,
  categoryLabel: z.string(),
  drawNumber: DrawNumber,
  reason: z.string(),
  organisation: z.string().nullable(),
  qualification: z.string().nullable(),
  status: ApplicationStatus,
  statusLabel: z.string(),
  reserveRank: z.number().int().nullable().describe('1-based rank among the reserves while `reserve`'),
  decisionReason: z.string().nullable().describe('review: why accepted or declined'),
  canWithdraw: z.boolean(),
  canConfirm: z.boolean(),
  canSubmitOpinion: z.boolean().describe('an observer (confirmed) after the meeting started, no opinion yet'),
  createdAt: IsoTime,
});
export type MyMeetingApplication = z.infer<typeof MyMeetingApplication>;

export const MeetingObserver = z.object({
  name: z.string().describe('masked'),
  category: ObserverCategory,
  categoryLabel: z.string(),
  organisation: z.string().nullable().describe('non-public categories only'),
  drawNumber: DrawNumber,
  confirmed: z.boolean(),
});
export type MeetingObserver = z.infer<typeof MeetingObserver>;

export const MeetingOpinion = z.object({
  id: z.string(),
  name: z.string().describe('masked'),
  category: ObserverCategory,
  categoryLabel: z.string(),
  text: z.string(),
  submittedAt: IsoTime,
  reply: z.object({ text: z.string(), repliedAt: IsoTime }).nullable(),
});
export type MeetingOpinion = z.infer<typeof MeetingOpinion>;

export const MeetingDetail = MeetingListItem.extend({
  agenda: z.array(z.string()),
  seats: z.array(CategorySeats),
  canApply: z.boolean().describe('before applicationClosesAt by the server clock'),
  /** Lottery: the future public randomness source staff stated; null until stated. */
  drawSource: z.string().nullable(),
  /** Lottery: whether any category's draw has been run (GET …/draw has the computation). */
  drawPublished: z.boolean(),
  observers: z.array(MeetingObserver).describe('published once selected'),
  opinions: z.array(MeetingOpinion).describe('列席意见 and replies, after the meeting'),
  me: z.object({ application: MyMeetingApplication.nullable() }).nullable().describe('null when signed out'),
});
export type MeetingDetail = z.infer<typeof MeetingDetail>;

export const MeetingDetailResponse = z.object({ status: z.enum(['ok', 'stale']), updatedAt: IsoTime, item: MeetingDetail });
export type MeetingDetailResponse = z.infer<typeof MeetingDetailResponse>;

/** `POST /api/v1/meetings/{id}/applications` (with the Idempotency-Key header). */
export const MeetingApplyRequest = z
  .object({
    category: ObserverCategory,
    /** The applicant's real name, published masked with the roster and the observers; defaults to the account's nickname. */
    name: RealName().optional(),
    reason: z
      .string({ error: '请填写申请列席的理由' })
      .trim()
      .min(5, '请至少用 5 个字说明申请列席的理由')
      .max(MEETING_REASON_MAX_CHARS, `理由请控制在 ${MEETING_REASON_MAX_CHARS} 字以内`),
    organisation: z.string({ error: '单位名称格式不正确' }).trim().max(100, '单位名称请控制在 100 字以内').optional(),
    qualification: z.string({ error: '资格说明格式不正确' }).trim().max(300, '资格说明请控制在 300 字以内').optional(),
  })
  .superRefine((v, ctx) => {
    if (!categoryNeedsOrganisation(v.category)) return;
    if (!v.organisation) ctx.addIssue({ code: 'custom', path: ['organisation'], message: `以${OBSERVER_CATEGORY_LABELS[v.category]}身份申请，请填写所在单位` });
    if (!v.qualification) ctx.addIssue({ code: 'custom', path: ['qualification'], message: `请说明您作为${OBSERVER_CATEGORY_LABELS[v.category]}列席的资格` });
  });
export type MeetingApplyRequest = z.infer<typeof MeetingApplyRequest>;

export const MeetingApplyResponse = MyMeetingApplication.extend({ replayed: z.boolean() });
export type MeetingApplyResponse = z.infer<typeof MeetingApplyResponse>;

export const MyMeetingApplicationList = z.object({ items: z.array(MyMeetingApplication).describe('newest first') });
export type MyMeetingApplicationList = z.infer<typeof MyMeetingApplicationList>;

/** `POST /api/v1/meetings/{id}/opinions` (with the Idempotency-Key header): an observer's 列席意见. */
export const MeetingOpinionRequest = z.object({
  text: z
    .string({ error: '请填写您的列席意见' })
    .trim()
    .min(5, '请至少用 5 个字写下您的意见')
    .max(MEETING_OPINION_MAX_CHARS, `意见请控制在 ${MEETING_OPINION_MAX_CHARS} 字以内`),
});
export type MeetingOpinionRequest = z.infer<typeof MeetingOpinionRequest>;

// ---------------------------------------------------------------------------
// The draw (public)
// ---------------------------------------------------------------------------

export const DrawReplacement = z.object({
  withdrawn: DrawNumber,
  replacedBy: DrawNumber.nullable().describe('the next reserve; null when none was left'),
  at: IsoTime,
});

export const DrawCategory = z.object({
  category: ObserverCategory,
  seats: z.number().int(),
  publicValueSource: z.string().nullable(),
  publicValue: z.string().nullable().describe('null until the draw is run'),
  roster: z.array(DrawNumber).describe('frozen at the close: the draw numbers sorted ascending'),
  rosterNames: z.array(z.string()).describe('masked names, in roster order'),
  rosterHash: z.string().nullable().describe('hex SHA-256 of the roster text; null before the close'),
  frozenAt: IsoTime.nullable(),
  seed: z.string().nullable(),
  order: z.array(DrawNumber).describe('empty until the draw is run'),
  chosen: z.array(DrawNumber).describe('the first `seats` of the order'),
  replacements: z.array(DrawReplacement),
  drawnAt: IsoTime.nullable(),
});
export type DrawCategory = z.infer<typeof DrawCategory>;

export const MeetingDrawResponse = z.object({
  meetingId: z.string(),
  selection: MeetingSelection,
  algorithm: z.string().describe('a URL or name of the published method (RFC 3797 style, see README)'),
  categories: z.array(DrawCategory).describe('categories with seats > 0'),
});
export type MeetingDrawResponse = z.infer<typeof MeetingDrawResponse>;

// ---------------------------------------------------------------------------
// Staff (role `events`)
// ---------------------------------------------------------------------------

export const DrawSourceRequest = z.object({
  source: z
    .string({ error: '请填写公开随机数来源' })
    .trim()
    .min(6, '请写明公开随机数来源（例如：某年某月某日公布的某期福利彩票开奖号码）')
    .max(300, '来源说明请控制在 300 字以内'),
});
export type DrawSourceRequest = z.infer<typeof DrawSourceRequest>;

export const RunDrawRequest = z.object({
  category: ObserverCategory,
  publicValue: z
    .string({ error: '请填写公布的随机数' })
    .min(1, '请填写公布的随机数')
    .max(200, '随机数过长')
    .refine((s) => s === s.trim(), '随机数首尾不能有空格，请按公布内容原样填写'),
});
export type RunDrawRequest = z.infer<typeof RunDrawRequest>;

export const ReviewDecision = z.enum(['accept', 'decline'], { error: '请选择选定或不选定' });
export const ReviewApplicationRequest = z.object({
  decision: ReviewDecision,
  reason: z.string({ error: '请填写理由' }).trim().min(2, '请填写理由').max(300, '理由请控制在 300 字以内'),
});
export type ReviewApplicationRequest = z.infer<typeof ReviewApplicationRequest>;

export const OpinionReplyRequest = z.object({
  text: z.string({ error: '请填写答复' }).trim().min(2, '请填写答复').max(MEETING_OPINION_MAX_CHARS, `答复请控制在 ${MEETING_OPINION_MAX_CHARS} 字以内`),
});
export type OpinionReplyRequest = z.infer<typeof OpinionReplyRequest>;

export const StaffMeeting = z.object({
  id: z.string(),
  title: z.string(),
  startsAt: IsoTime,
  applicationClosesAt: IsoTime,
  selection: MeetingSelection,
  phase: MeetingPhase,
  phaseLabel: z.string(),
  drawSource: z.string().nullable(),
  seats: z.array(CategorySeats),
  pendingReview: z.number().int().describe('review: applications still `submitted` after the close'),
  drawsPending: z.array(ObserverCategory).describe('lottery: categories closed and not yet drawn'),
  opinionsAwaitingReply: z.number().int(),
});
export type StaffMeeting = z.infer<typeof StaffMeeting>;
export const StaffMeetingList = z.object({ status: z.enum(['ok', 'stale', 'unavailable']), items: z.array(StaffMeeting) });
export type StaffMeetingList = z.infer<typeof StaffMeetingList>;

export const StaffApplicationQuery = z.object({
  category: ObserverCategory.optional(),
  status: ApplicationStatus.optional(),
  page: PageParam,
  pageSize: pageSizeParam(200, 50),
});
export type StaffApplicationQuery = z.infer<typeof StaffApplicationQuery>;

export const StaffApplication = z.object({
  id: z.string(),
  drawNumber: DrawNumber,
  name: z.string().describe('masked'),
  category: ObserverCategory,
  categoryLabel: z.string(),
  reason: z.string(),
  organisation: z.string().nullable(),
  qualification: z.string().nullable(),
  status: ApplicationStatus,
  statusLabel: z.string(),
  reserveRank: z.number().int().nullable(),
  decisionReason: z.string().nullable(),
  createdAt: IsoTime,
});
export type StaffApplication = z.infer<typeof StaffApplication>;
export const StaffApplicationPage = z.object({
  items: z.array(StaffApplication).describe('by draw number'),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type StaffApplicationPage = z.infer<typeof StaffApplicationPage>;
