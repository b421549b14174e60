import {
  CONSULTATION_PHASE_LABELS,
  type ConsultationDetailResponse,
  type ConsultationListItem,
  type ConsultationListQuery,
  type ConsultationListResponse,
  type ConsultationPhase,
} from '@zwgk/contracts';
import { toChinaIso } from '../../core/calendar';
import type { PortalConsultation } from '../../upstream/portal/types';
import type { ConsultationsCtx } from './context';
import { publishedCounts, reportedIds } from './counts';
import { articlesOf, basisOf, daysLeft, findConsultation, loadConsultations, phaseOf } from './source';

const PHASE_ORDER: Record<ConsultationPhase, number> = { open: 0, upcoming: 1, closed: 2, reported: 3 };

function listItem(c: PortalConsultation, now: Date, reportedAt: Date | undefined, commentCount: number): ConsultationListItem {
  const phase = phaseOf(c, now, !!reportedAt);
  return {
    id: c.id,
    title: c.title,
    issuer: c.issuer,
    summary: c.summary,
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    phase,
    phaseLabel: CONSULTATION_PHASE_LABELS[phase],
    daysLeft: daysLeft(c, now),
    commentCount,
    reportPublishedAt: reportedAt ? toChinaIso(reportedAt) : null,
  };
}

/**
 * The 参与 tab's consultations: 征求中 (closing soonest first), 即将开始 (opening soonest first),
 * 已截止 and 已公布采纳情况 (latest close first), each with its published comment count.
 * Errors: UpstreamError when the portal fails and nothing is cached.
 */
export async function listConsultations(ctx: ConsultationsCtx, q: ConsultationListQuery): Promise<ConsultationListResponse> {
  const [src, reported] = await Promise.all([loadConsultations(ctx), reportedIds(ctx)]);
  const now = ctx.now();
  const counts = await Promise.all(src.value.map((c) => publishedCounts(ctx, c.id)));
  const items = src.value
    .map((c, i) => listItem(c, now, reported.get(c.id), counts[i].total))
    .filter((it) => !q.phase || it.phase === q.phase)
    .sort((a, b) => {
      if (a.phase !== b.phase) return PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase];
      if (a.phase === 'open') return Date.parse(a.closesAt) - Date.parse(b.closesAt);
      if (a.phase === 'upcoming') return Date.parse(a.opensAt) - Date.parse(b.opensAt);
      return Date.parse(b.closesAt) - Date.parse(a.closesAt);
    });
  return { status: src.status, updatedAt: new Date(src.storedAt).toISOString(), items };
}

/**
 * One consultation with its basis documents (linked to our policy pages) and its draft split
 * into articles, each with its published comment count.
 * Errors: 404 unknown; UpstreamError when the portal fails and nothing is cached.
 */
export async function getConsultation(ctx: ConsultationsCtx, id: string): Promise<ConsultationDetailResponse> {
  const src = await findConsultation(ctx, id);
  const c = src.value;
  const [reported, counts, basis] = await Promise.all([reportedIds(ctx), publishedCounts(ctx, id), basisOf(ctx, c)]);
  const now = ctx.now();
  const split = articlesOf(c);
  const item = listItem(c, now, reported.get(id), counts.total);
  return {
    status: src.status,
    updatedAt: new Date(src.storedAt).toISOString(),
    item: {
      ...item,
      basis,
      preamble: split.preamble,
      articles: split.articles.map((a) => ({ ...a, commentCount: counts.byArticle[String(a.no)] ?? 0 })),
      wholeDraftCommentCount: counts.byArticle['0'] ?? 0,
      canComment: item.phase === 'open',
    },
  };
}
