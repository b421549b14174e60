import {
  APPLICATION_STATUS_LABELS,
  OBSERVER_CATEGORY_LABELS,
  categoryNeedsOrganisation,
  type MeetingObserver,
  type MeetingOpinion,
  type MyMeetingApplication,
  type StaffApplication,
} from '@zwgk/contracts';
import { toChinaIso } from '../../core/calendar';
import type { PortalMeeting } from '../../upstream/portal/types';
import type { MeetingApplicationDoc, MeetingOpinionDoc } from './model';
import { hasStarted, isClosed } from './source';

/** What a citizen's view of their application needs of its meeting (the portal's record, or our snapshot when it is gone). */
export interface MeetingRef {
  title: string;
  startsAt: string;
  applicationClosesAt: string;
}

export function refOf(m: PortalMeeting): MeetingRef {
  return { title: m.title, startsAt: m.startsAt, applicationClosesAt: m.applicationClosesAt };
}

/** The applicant's own view; what they may do next follows the server clock. */
export function toMyApplication(d: MeetingApplicationDoc, m: MeetingRef, now: Date, hasOpinion: boolean): MyMeetingApplication {
  const closed = isClosed(m as PortalMeeting, now);
  const started = hasStarted(m as PortalMeeting, now);
  return {
    ...applicationFields(d),
    meetingId: d.meetingId,
    meetingTitle: m.title,
    meetingStartsAt: m.startsAt,
    canWithdraw: d.status === 'submitted' ? !closed : ['selected', 'confirmed', 'reserve'].includes(d.status) && !started,
    canConfirm: d.status === 'selected' && !started,
    canSubmitOpinion: d.status === 'confirmed' && started && !hasOpinion,
  };
}

/** Staff see names masked only. */
export function toStaffApplication(d: MeetingApplicationDoc): StaffApplication {
  return { ...applicationFields(d), name: d.nameMasked };
}

/** What the applicant's and the staff views of an application share. */
function applicationFields(d: MeetingApplicationDoc) {
  return {
    id: String(d._id),
    category: d.category,
    categoryLabel: OBSERVER_CATEGORY_LABELS[d.category],
    drawNumber: d.drawNumber,
    reason: d.reason,
    organisation: d.organisation,
    qualification: d.qualification,
    status: d.status,
    statusLabel: APPLICATION_STATUS_LABELS[d.status],
    reserveRank: d.status === 'reserve' ? d.reserveRank : null,
    decisionReason: d.decisionReason,
    createdAt: toChinaIso(new Date(d.createdAt)),
  };
}

/** A published observer: masked name; the organisation only for non-public categories. */
export function toObserver(d: MeetingApplicationDoc): MeetingObserver {
  return {
    name: d.nameMasked,
    category: d.category,
    categoryLabel: OBSERVER_CATEGORY_LABELS[d.category],
    organisation: categoryNeedsOrganisation(d.category) ? d.organisation : null,
    drawNumber: d.drawNumber,
    confirmed: d.status === 'confirmed',
  };
}

export function toOpinion(d: MeetingOpinionDoc): MeetingOpinion {
  return {
    id: String(d._id),
    name: d.nameMasked,
    category: d.category,
    categoryLabel: OBSERVER_CATEGORY_LABELS[d.category],
    text: d.text,
    submittedAt: toChinaIso(new Date(d.createdAt)),
    reply: d.reply ? { text: d.reply.text, repliedAt: toChinaIso(new Date(d.reply.repliedAt)) } : null,
  };
}

/** Fields never sent to a view: the sealed name. */
export const NO_SEALED = { nameEnc: 0 } as const;
