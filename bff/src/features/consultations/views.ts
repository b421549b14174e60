import {
  COMMENT_STATE_LABELS,
  DISPOSITION_LABELS,
  PRESCREEN_FLAG_LABELS,
  REJECT_REASON_LABELS,
  type MyComment,
  type PublicComment,
  type StaffComment,
} from '@zwgk/contracts';
import { toChinaIso } from '../../core/calendar';
import type { CommentDoc } from './model';

const iso = (d: Date | null | undefined) => (d ? toChinaIso(new Date(d)) : null);

/** A published comment as everyone sees it: the name masked, or 网友. */
export function toPublicComment(d: CommentDoc): PublicComment {
  return {
    id: String(d._id),
    articleNo: d.articleNo,
    articleLabel: d.articleLabel,
    text: d.text,
    authorName: d.nameMasked ?? '网友',
    approvedAt: iso(d.approvedAt)!,
  };
}

/** The author's own view; the disposition only once the report is published. */
export function toMyComment(d: CommentDoc, title: string | null, reportPublished: boolean): MyComment {
  const disp = reportPublished ? d.disposition : null;
  return {
    id: String(d._id),
    consultationId: d.consultationId,
    consultationTitle: title,
    articleNo: d.articleNo,
    articleLabel: d.articleLabel,
    text: d.text,
    realNameMasked: d.nameMasked,
    contactConsent: d.contactConsent,
    state: d.state,
    stateLabel: COMMENT_STATE_LABELS[d.state],
    rejectReason: d.rejectReason,
    rejectReasonLabel: d.rejectReason ? REJECT_REASON_LABELS[d.rejectReason] : null,
    disposition: disp?.value ?? null,
    dispositionLabel: disp ? DISPOSITION_LABELS[disp.value] : null,
    dispositionReason: disp?.reason ?? null,
    createdAt: iso(d.createdAt)!,
    canWithdraw: d.state === 'pending',
    reportPublished,
  };
}

/** The moderator's view: flags, decisions, the masked name (the real one only in an admin export). */
export function toStaffComment(d: CommentDoc): StaffComment {
  return {
    id: String(d._id),
    consultationId: d.consultationId,
    articleNo: d.articleNo,
    articleLabel: d.articleLabel,
    text: d.text,
    realNameMasked: d.nameMasked,
    contactConsent: d.contactConsent,
    state: d.state,
    stateLabel: COMMENT_STATE_LABELS[d.state],
    flags: (d.flags ?? []).map((flag) => ({ flag, label: PRESCREEN_FLAG_LABELS[flag] })),
    rejectReason: d.rejectReason,
    rejectReasonLabel: d.rejectReason ? REJECT_REASON_LABELS[d.rejectReason] : null,
    rejectNote: d.rejectNote,
    moderatedAt: iso(d.moderatedAt),
    disposition: d.disposition?.value ?? null,
    dispositionLabel: d.disposition ? DISPOSITION_LABELS[d.disposition.value] : null,
    dispositionReason: d.disposition?.reason ?? null,
    pointId: d.pointId ? String(d.pointId) : null,
    createdAt: iso(d.createdAt)!,
  };
}
