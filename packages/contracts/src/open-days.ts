import { z } from 'zod';
import { IsoTime, PageParam, pageSizeParam } from './common';
import { IdNumber, MobilePhone, RealName } from './identity';

/**
 * 政府开放日 (issue 11): open days from the portal (host, description, location, registration
 * window, sessions with their capacity) and the citizens' sign-ups, which are ours (MongoDB).
 *
 * Life of a registration:
 * - `confirmed` (已报名): holds `partySize` places of its session (the citizen and up to 2 companions);
 * - `waitlisted` (候补中, with `position`): the session was full; waits in arrival order;
 * - `offered` (候补递补，待确认): a place freed up and the first waiting party whose size fits was
 *   offered it; the places are held for it until `offerExpiresAt` (OPEN_DAY_OFFER_MINUTES, 120);
 *   claimed → `confirmed`; unclaimed → `lapsed` and the places go to the next in line;
 * - `cancelled` (已取消): by the citizen, until OPEN_DAY_CANCEL_CUTOFF_HOURS (24) before the session;
 * - `attended` (已签到): checked in by staff at the door;
 * - `no_show` (未到场): confirmed and not checked in when the session ended;
 * - `lapsed` (递补已过期): an offer that was not claimed in time.
 *
 * Places are never oversold: confirmed + offered parties of a session never exceed its capacity,
 * whatever the interleaving of sign-ups, cancellations, claims and expiries.
 */

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

const PortalId = (what: string) => z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, `${what}编号格式不正确`);
const ObjectIdString = (what: string) => z.string().regex(/^[0-9a-f]{24}$/, `${what}编号格式不正确`);

export const OpenDayId = PortalId('开放日');
export const OpenDayIdParams = z.object({ id: OpenDayId });
export const OpenDaySessionParams = z.object({ id: OpenDayId, sessionId: PortalId('场次') });
export const OpenDayRegistrationIdParams = z.object({ registrationId: ObjectIdString('报名') });

/** Where an open day stands by the server clock. */
export const OpenDayPhase = z.enum(['upcoming', 'open', 'closed', 'ended']);
export type OpenDayPhase = z.infer<typeof OpenDayPhase>;
export const OPEN_DAY_PHASE_LABELS: Record<OpenDayPhase, string> = {
  upcoming: '报名未开始',
  open: '报名中',
  closed: '报名已截止',
  ended: '已结束',
};

export const RegistrationStatus = z.enum(['confirmed', 'waitlisted', 'offered', 'cancelled', 'attended', 'no_show', 'lapsed'], {
  error: '报名状态须为 confirmed、waitlisted、offered、cancelled、attended、no_show 或 lapsed',
});
export type RegistrationStatus = z.infer<typeof RegistrationStatus>;
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  confirmed: '已报名',
  waitlisted: '候补中',
  offered: '候补递补，待确认',
  cancelled: '已取消',
  attended: '已签到',
  no_show: '未到场',
  lapsed: '递补已过期',
};
/** Statuses that hold places of their session. */
export const PLACE_HOLDING_STATUSES: readonly RegistrationStatus[] = ['confirmed', 'offered', 'attended'];
/** Statuses that count as the person's one registration for the open day. */
export const ACTIVE_REGISTRATION_STATUSES: readonly RegistrationStatus[] = ['confirmed', 'waitlisted', 'offered', 'attended'];

export const OPEN_DAY_MAX_COMPANIONS = 2;

// ---------------------------------------------------------------------------
// Open days (public; from the portal through the cache) with the citizen's own state
// ---------------------------------------------------------------------------

export const OpenDaySession = z.object({
  id: z.string(),
  startsAt: IsoTime,
  endsAt: IsoTime,
  capacity: z.number().int(),
  placesLeft: z.number().int().describe('capacity − places held by confirmed, offered and attended parties; never negative'),
  waitlistLength: z.number().int().describe('parties waiting (waitlisted)'),
  ended: z.boolean().describe('endsAt has passed'),
});
export type OpenDaySession = z.infer<typeof OpenDaySession>;

export const OpenDayListItem = z.object({
  id: z.string(),
  title: z.string(),
  host: z.string(),
  location: z.string(),
  registrationOpensAt: IsoTime,
  registrationClosesAt: IsoTime,
  phase: OpenDayPhase,
  phaseLabel: z.string(),
  firstSessionAt: IsoTime.nullable(),
  sessionCount: z.number().int(),
  capacity: z.number().int().describe('places over all sessions'),
  placesLeft: z.number().int().describe('places left over all sessions'),
  /** The signed-in citizen's own active registration for this open day, if any. */
  myStatus: RegistrationStatus.nullable(),
});
export type OpenDayListItem = z.infer<typeof OpenDayListItem>;

/** 报名中 first (closing soonest), then 报名未开始, 报名已截止, 已结束 (latest first). */
export const OpenDayListResponse = z.object({
  status: z.enum(['ok', 'stale']).describe('stale: the portal is unreachable and this is the last known copy'),
  updatedAt: IsoTime,
  items: z.array(OpenDayListItem),
});
export type OpenDayListResponse = z.infer<typeof OpenDayListResponse>;

export const OpenDayCompanionView = z.object({ name: z.string().describe('masked'), idNumber: z.string().describe('masked') });

/** A citizen's own registration, as they see it (personal data masked). */
export const MyOpenDayRegistration = z.object({
  id: z.string(),
  openDayId: z.string(),
  openDayTitle: z.string(),
  sessionId: z.string(),
  sessionStartsAt: IsoTime,
  sessionEndsAt: IsoTime,
  location: z.string(),
  status: RegistrationStatus,
  statusLabel: z.string(),
  /** 1-based place in the session's waitlist while `waitlisted`, kept current; else null. */
  position: z.number().int().nullable(),
  partySize: z.number().int().describe('the citizen and their companions'),
  name: z.string().describe('masked'),
  idNumber: z.string().describe('masked'),
  phone: z.string().describe('masked'),
  companions: z.array(OpenDayCompanionView),
  /** While `offered`: until when the place is held. */
  offerExpiresAt: IsoTime.nullable(),
  /** Until when it can be cancelled or moved (session start − OPEN_DAY_CANCEL_CUTOFF_HOURS); null once not active. */
  changeDeadline: IsoTime.nullable(),
  canCancel: z.boolean(),
  canChangeSession: z.boolean(),
  checkedInAt: IsoTime.nullable(),
  createdAt: IsoTime,
});
export type MyOpenDayRegistration = z.infer<typeof MyOpenDayRegistration>;

/** A restriction on the citizen after repeated no-shows: only waitlists until `until`. */
export const OpenDayRestriction = z.object({
  waitlistOnly: z.literal(true),
  until: IsoTime,
  noShows: z.number().int().describe('no-shows in the last 180 days'),
  message: z.string().describe('Chinese, shown before signing up'),
});
export type OpenDayRestriction = z.infer<typeof OpenDayRestriction>;

export const OpenDayDetail = OpenDayListItem.extend({
  description: z.string(),
  sessions: z.array(OpenDaySession).describe('by start time'),
  canRegister: z.boolean().describe('inside the registration window by the server clock'),
  cancelCutoffHours: z.number().int(),
  maxCompanions: z.number().int(),
  /** Signed-in only; null when signed out. */
  me: z
    .object({
      registration: MyOpenDayRegistration.nullable(),
      restriction: OpenDayRestriction.nullable(),
      /** The phone bound to the account, masked, used when the form leaves phone empty; null when none. */
      boundPhone: z.string().nullable(),
    })
    .nullable(),
});
export type OpenDayDetail = z.infer<typeof OpenDayDetail>;

export const OpenDayDetailResponse = z.object({
  status: z.enum(['ok', 'stale']),
  updatedAt: IsoTime,
  item: OpenDayDetail,
});
export type OpenDayDetailResponse = z.infer<typeof OpenDayDetailResponse>;

// ---------------------------------------------------------------------------
// Sign-up, cancel, change, claim (citizen)
// ---------------------------------------------------------------------------

export const OpenDayCompanion = z.object({ name: RealName('同行人姓名'), idNumber: IdNumber('同行人身份证号码') });
export type OpenDayCompanion = z.infer<typeof OpenDayCompanion>;

/** `POST /api/v1/open-days/{id}/registrations` (with the Idempotency-Key header). */
export const OpenDayRegisterRequest = z
  .object({
    sessionId: z.string({ error: '请选择场次' }).regex(/^[A-Za-z0-9_-]{1,64}$/, '场次编号格式不正确'),
    name: RealName(),
    idNumber: IdNumber(),
    /** Defaults to the phone bound to the account; 400 when neither is there. */
    phone: MobilePhone.optional(),
    companions: z
      .array(OpenDayCompanion, { error: '同行人格式不正确' })
      .max(OPEN_DAY_MAX_COMPANIONS, `最多可带 ${OPEN_DAY_MAX_COMPANIONS} 位同行人`)
      .default([]),
  })
  .superRefine((v, ctx) => {
    const seen = new Set([v.idNumber]);
    v.companions.forEach((c, i) => {
      if (seen.has(c.idNumber)) ctx.addIssue({ code: 'custom', path: ['companions', i, 'idNumber'], message: '同行人的身份证号码与报名人或其他同行人重复' });
      seen.add(c.idNumber);
    });
  });
export type OpenDayRegisterRequest = z.infer<typeof OpenDayRegisterRequest>;

/** 201 new, 200 when the Idempotency-Key was used before (`replayed`). */
export const OpenDayRegisterResponse = MyOpenDayRegistration.extend({ replayed: z.boolean() });
export type OpenDayRegisterResponse = z.infer<typeof OpenDayRegisterResponse>;

/** Move to another session of the same open day: the old places are released only if the new ones are taken (else 409 and nothing changes). */
export const OpenDayChangeSessionRequest = z.object({
  sessionId: z.string({ error: '请选择要改到的场次' }).regex(/^[A-Za-z0-9_-]{1,64}$/, '场次编号格式不正确'),
});
export type OpenDayChangeSessionRequest = z.infer<typeof OpenDayChangeSessionRequest>;

export const MyOpenDayRegistrationList = z.object({ items: z.array(MyOpenDayRegistration).describe('newest first') });
export type MyOpenDayRegistrationList = z.infer<typeof MyOpenDayRegistrationList>;

/**
 * The citizen's check-in pass: `qr` is `ZWGK-OD1.<registrationId>.<window>.<mac>` where window =
 * ⌊unix seconds / 30⌋ and mac is an HMAC (purpose `open-day-check-in`) over the registration and
 * the window; `shortCode` (8 characters, for manual entry) is derived from the same HMAC.
 * Staff accept the current and the previous window only.
 */
export const OpenDayCheckInPass = z.object({
  registrationId: z.string(),
  qr: z.string(),
  shortCode: z.string().regex(/^[0-9A-Z]{8}$/),
  windowSeconds: z.literal(30),
  validUntil: IsoTime.describe('end of the current window; fetch a new pass then'),
});
export type OpenDayCheckInPass = z.infer<typeof OpenDayCheckInPass>;

// ---------------------------------------------------------------------------
// Staff (role `events`)
// ---------------------------------------------------------------------------

export const StaffOpenDaySession = OpenDaySession.extend({
  confirmed: z.number().int().describe('parties confirmed (not yet checked in)'),
  offered: z.number().int(),
  attended: z.number().int(),
  noShows: z.number().int(),
  cancelled: z.number().int(),
  placesHeld: z.number().int(),
});
export const StaffOpenDay = z.object({
  id: z.string(),
  title: z.string(),
  host: z.string(),
  phase: OpenDayPhase,
  phaseLabel: z.string(),
  sessions: z.array(StaffOpenDaySession),
});
export type StaffOpenDay = z.infer<typeof StaffOpenDay>;
export const StaffOpenDayList = z.object({ status: z.enum(['ok', 'stale', 'unavailable']), items: z.array(StaffOpenDay) });
export type StaffOpenDayList = z.infer<typeof StaffOpenDayList>;

export const StaffRegistrationQuery = z.object({
  status: RegistrationStatus.optional(),
  page: PageParam,
  pageSize: pageSizeParam(200, 50),
});
export type StaffRegistrationQuery = z.infer<typeof StaffRegistrationQuery>;

/** A registration as staff see it: personal data masked (the CSV gives it in full to `admin` only, audited). */
export const StaffRegistration = z.object({
  id: z.string(),
  status: RegistrationStatus,
  statusLabel: z.string(),
  position: z.number().int().nullable(),
  name: z.string().describe('masked'),
  idNumber: z.string().describe('masked'),
  phone: z.string().describe('masked'),
  partySize: z.number().int(),
  companions: z.array(OpenDayCompanionView),
  createdAt: IsoTime,
  offerExpiresAt: IsoTime.nullable(),
  checkedInAt: IsoTime.nullable(),
});
export type StaffRegistration = z.infer<typeof StaffRegistration>;
export const StaffRegistrationPage = z.object({
  items: z.array(StaffRegistration).describe('waitlist in position order, others by sign-up time'),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type StaffRegistrationPage = z.infer<typeof StaffRegistrationPage>;

/** `POST …/check-ins`: the scanned QR text or the 8-character manual code. */
export const CheckInRequest = z.object({
  code: z.string({ error: '请扫码或输入签到码' }).trim().min(1, '请扫码或输入签到码').max(200, '签到码格式不正确'),
});
export type CheckInRequest = z.infer<typeof CheckInRequest>;

/** 200 for a first check-in and for a repeat (`alreadyCheckedIn: true`, harmless). */
export const CheckInResponse = z.object({
  registrationId: z.string(),
  name: z.string().describe('masked'),
  partySize: z.number().int(),
  status: RegistrationStatus,
  statusLabel: z.string(),
  checkedInAt: IsoTime,
  alreadyCheckedIn: z.boolean(),
});
export type CheckInResponse = z.infer<typeof CheckInResponse>;
