import type { CommentState, ConsultationListItem, ConsultationPhase } from '@zwgk/contracts';
import { formatDateTime } from '@/utils/format';

/** The 参与 tab's consultation groups, in the order they are shown. */
export const phaseSections: ReadonlyArray<{ phase: ConsultationPhase; title: string; empty: string }> = [
  { phase: 'open', title: '征求中', empty: '目前没有正在征求意见的草案' },
  { phase: 'upcoming', title: '即将开始', empty: '' },
  { phase: 'closed', title: '已截止', empty: '' },
  { phase: 'reported', title: '已公布采纳情况', empty: '' },
];

/** 征求中 and 待审核 draw the eye; a finished state does not. */
export function phaseTone(phase: ConsultationPhase): 'accent' | 'info' | 'plain' {
  if (phase === 'open') return 'accent';
  if (phase === 'reported' || phase === 'upcoming') return 'info';
  return 'plain';
}

export function stateTone(state: CommentState): 'accent' | 'info' | 'plain' {
  if (state === 'pending') return 'accent';
  if (state === 'approved') return 'info';
  return 'plain';
}

/** "11月10日 09:00 至 12月10日 17:30" */
export function periodOf(c: Pick<ConsultationListItem, 'opensAt' | 'closesAt'>): string {
  return `${formatDateTime(c.opensAt)} 至 ${formatDateTime(c.closesAt)}`;
}

/** What a comment is about: "对第三条的意见" or "对草案整体的意见". */
export function targetOf(articleLabel: string | null): string {
  return articleLabel ? `对${articleLabel}的意见` : '对草案整体的意见';
}

/** "12/40（30%）": a share with its numerator and denominator. */
export function shareText(share: { numerator: number; denominator: number; value: number | null }): string {
  const pct = share.value === null ? '—' : `${Math.round(share.value * 1000) / 10}%`;
  return `${share.numerator}/${share.denominator}（${pct}）`;
}
