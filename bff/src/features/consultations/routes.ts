import { api } from '@zwgk/contracts';
import { sendCsv } from '../../core/csv';
import { Keyed, RawJson, type RouteKit } from '../../core/http';
import { getConsultation, listConsultations } from './catalog';
import { listMyComments, listPublicComments, submitComment, withdrawComment } from './comments';
import type { ConsultationsCtx } from './context';
import { createPoint, disposeComments, listPoints, updatePoint } from './dispositions';
import { approveComment, listStaffComments, rejectComment } from './moderation';
import { getPublishedReport, previewReport, publishedReportCsv, publishReport } from './report';
import { exportComments, getStaffConsultation, listStaffConsultations } from './staff';

/** Citizens' consultation pages, comments and reports; the moderator's queue, dispositions, points, report and export. */
export function consultationRoutes(kit: RouteKit, svc: ConsultationsCtx): void {
  const micro = { microcache: { cache: svc.microcache, ttlMs: svc.config.MICROCACHE_MS } };
  kit.mount(api.consultationList, async (_c, { query }) => new RawJson(JSON.stringify(await listConsultations(svc, query))), micro);
  kit.mount(api.consultation, async (_c, { params }) => new RawJson(JSON.stringify(await getConsultation(svc, params.id))), micro);
  kit.mount(api.consultationComments, async (_c, { params, query }) => listPublicComments(svc, params.id, query));
  kit.mount(api.consultationComment, async (ctx, { headers, params, body }) => {
    const { response, created } = await submitComment(svc, ctx.state.user!, headers['idempotency-key'], params.id, body);
    return new Keyed(response, !created);
  });
  kit.mountRaw(api.consultationReportCsv, async (ctx, { params }) => {
    sendCsv(ctx, await publishedReportCsv(svc, params.id), `consultation-${params.id}-report.csv`, `意见采纳情况-${params.id}.csv`);
  });
  kit.mount(api.consultationReport, async (_c, { params }) => getPublishedReport(svc, params.id));
  kit.mount(api.myConsultationComments, async (ctx, { query }) => listMyComments(svc, ctx.state.user!, query));
  kit.mount(api.withdrawConsultationComment, async (ctx, { params }) => withdrawComment(svc, ctx.state.user!, params.commentId));

  kit.mount(api.staffConsultations, async () => listStaffConsultations(svc));
  kit.mountRaw(api.exportConsultationComments, async (ctx, { params }) => {
    sendCsv(ctx, await exportComments(svc, ctx.state.user!, params.id, ctx.state.requestId), `consultation-${params.id}-comments.csv`, `征集意见-${params.id}.csv`);
  });
  kit.mount(api.staffConsultation, async (_c, { params }) => getStaffConsultation(svc, params.id));
  kit.mount(api.staffConsultationComments, async (_c, { query }) => listStaffComments(svc, query));
  kit.mount(api.approveConsultationComment, async (ctx, { params }) => approveComment(svc, ctx.state.user!, params.commentId, ctx.state.requestId));
  kit.mount(api.rejectConsultationComment, async (ctx, { params, body }) => rejectComment(svc, ctx.state.user!, params.commentId, body, ctx.state.requestId));
  kit.mount(api.disposeConsultationComments, async (ctx, { params, body }) => disposeComments(svc, ctx.state.user!, params.id, body, ctx.state.requestId));
  kit.mount(api.consultationPoints, async (_c, { params }) => listPoints(svc, params.id));
  kit.mount(api.createConsultationPoint, async (ctx, { params, body }) => createPoint(svc, ctx.state.user!, params.id, body, ctx.state.requestId));
  kit.mount(api.updateConsultationPoint, async (ctx, { params, body }) => updatePoint(svc, ctx.state.user!, params.id, params.pointId, body, ctx.state.requestId));
  kit.mount(api.previewConsultationReport, async (_c, { params }) => previewReport(svc, params.id));
  kit.mount(api.publishConsultationReport, async (ctx, { params }) => publishReport(svc, ctx.state.user!, params.id, ctx.state.requestId));
}
