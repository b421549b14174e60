import { HOTLINE_RATING_LABELS, type HotlineStaffQuery, type HotlineStaffTicketDetail, type HotlineStaffTicketSummary } from '@zwgk/contracts';
import { maskPhone } from '../../core/crypto';
import { conflict, notFound } from '../../core/errors';
import { recordAudit } from '../../core/audit';
import { csvDocument } from '../../core/csv';
import type { AuthUser } from '../../core/http';
import type { HotlineService } from './context';
import { toChinaIso } from './deadline';
import type { TicketDoc } from './model';
import type { HotlineCtx } from './sync';
import { deadlineOf, openContactField, toDetail, toSummary } from './views';

const STAFF_EXPORT_MAX = 10_000;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function staffMatches(ctx: HotlineCtx, q: HotlineStaffQuery, limit?: { skip: number; take: number }): Promise<{ docs: TicketDoc[]; total: number }> {
  const filter: Record<string, unknown> = {};
  if (q.status) filter.status = q.status;
  if (q.type) filter.type = q.type;
  if (q.forward) filter['forward.state'] = q.forward;
  const range: Record<string, Date> = {};
  if (q.from) range.$gte = new Date(`${q.from}T00:00:00+08:00`);
  if (q.to) range.$lt = new Date(Date.parse(`${q.to}T00:00:00+08:00`) + 86_400_000);
  if (q.from || q.to) filter.submittedAt = range;
  if (q.q) filter.title = { $regex: escapeRegex(q.q) };
  const query = () => ctx.models.Ticket.find(filter).sort({ submittedAt: -1 });
  if (q.overdue === undefined && limit) {
    const [docs, total] = await Promise.all([query().skip(limit.skip).limit(limit.take).lean<TicketDoc[]>(), ctx.models.Ticket.countDocuments(filter)]);
    return { docs, total };
  }
  // Overdue depends on today's date and the calendar, so it is decided here rather than in the query.
  const now = ctx.now();
  let docs = await query().limit(STAFF_EXPORT_MAX).lean<TicketDoc[]>();
  if (q.overdue !== undefined) docs = docs.filter((d) => (deadlineOf(d, now)?.overdue ?? false) === q.overdue);
  return { docs: limit ? docs.slice(limit.skip, limit.skip + limit.take) : docs, total: docs.length };
}

function toStaffSummary(ctx: HotlineCtx, doc: TicketDoc, now: Date): HotlineStaffTicketSummary {
  const phone = openContactField(ctx, doc, 'contactPhoneEnc');
  return {
    ...toSummary(doc, now),
    caseTicketNo: doc.caseTicketNo,
    forwardState: doc.forward.state,
    anonymous: doc.anonymous,
    contactPhoneMasked: phone ? maskPhone(phone) : null,
  };
}

/** Staff desk: every ticket, filtered and paged; phones masked. Errors: none of its own. */
export async function listStaffTickets(ctx: HotlineCtx, q: HotlineStaffQuery) {
  const { docs, total } = await staffMatches(ctx, q, { skip: (q.page - 1) * q.pageSize, take: q.pageSize });
  const now = ctx.now();
  return { items: docs.map((d) => toStaffSummary(ctx, d, now)), page: q.page, pageSize: q.pageSize, total };
}

/**
 * Staff desk: one ticket in full, including the identity hidden from the handling
 * department. Reading a hidden identity is personal data leaving its protection, so it is
 * written to the audit log (who looked at whose ticket, not what they saw).
 * Errors: 404.
 */
export async function getStaffTicket(ctx: HotlineService, actor: AuthUser, trackingNo: string, requestId?: string): Promise<HotlineStaffTicketDetail> {
  const doc = await ctx.models.Ticket.findOne({ trackingNo }).lean<TicketDoc>();
  if (!doc) throw notFound('没有找到该诉求');
  await recordAudit(ctx, actor, { role: 'hotline', action: 'hotline.view_identity', target: { type: 'hotline_ticket', id: trackingNo }, requestId });
  return toStaffDetail(ctx, doc);
}

/**
 * Staff desk: puts a submission the forwarder gave up on (`failed`) back in the outbox, due
 * now, with a fresh attempt count; the last error is kept for reference until it is
 * delivered. Audited with the forwarding state before and after.
 * Errors: 404 unknown; 409 when it is not `failed` (still being forwarded, or delivered).
 */
export async function requeueTicket(ctx: HotlineService, actor: AuthUser, trackingNo: string, requestId?: string): Promise<HotlineStaffTicketDetail> {
  const doc = await ctx.forwarder.requeue({ trackingNo }, { $inc: { rev: 1, 'forward.requeues': 1 } });
  if (!doc) {
    const exists = await ctx.models.Ticket.exists({ trackingNo });
    if (!exists) throw notFound('没有找到该诉求');
    throw conflict('只有转交未成功的诉求才能重新转交');
  }
  await recordAudit(ctx, actor, {
    role: 'hotline',
    action: 'hotline.requeue',
    target: { type: 'hotline_ticket', id: trackingNo },
    before: { forwardState: 'failed', lastError: doc.forward.lastError ?? null },
    after: { forwardState: doc.forward.state, attempts: doc.forward.attempts },
    requestId,
  });
  return toStaffDetail(ctx, doc);
}

/** The hotline desk's queue figures for the workbench: deliveries needing a re-queue, and tickets still open. */
export async function hotlineDeskCounts(ctx: HotlineCtx): Promise<Array<{ label: string; count: number; attention: boolean }>> {
  const [failed, forwarding, open] = await Promise.all([
    ctx.models.Ticket.countDocuments({ 'forward.state': 'failed' }),
    ctx.models.Ticket.countDocuments({ 'forward.state': 'pending' }),
    ctx.models.Ticket.countDocuments({ 'forward.state': 'delivered', status: { $in: ['accepted', 'dispatched', 'processing'] } }),
  ]);
  return [
    { label: '转交未成功，待重新转交', count: failed, attention: failed > 0 },
    { label: '正在转交', count: forwarding, attention: false },
    { label: '办理中', count: open, attention: false },
  ];
}

function toStaffDetail(ctx: HotlineCtx, doc: TicketDoc): HotlineStaffTicketDetail {
  return {
    ...toDetail(ctx, doc, ctx.now()),
    userId: String(doc.userId),
    contactName: openContactField(ctx, doc, 'contactNameEnc'),
    contactPhone: openContactField(ctx, doc, 'contactPhoneEnc'),
    forwarding: {
      state: doc.forward.state,
      attempts: doc.forward.attempts,
      lastError: doc.forward.lastError ?? null,
      deliveredAt: doc.forward.deliveredAt ? toChinaIso(doc.forward.deliveredAt) : null,
      failedAt: doc.forward.failedAt ? toChinaIso(doc.forward.failedAt) : null,
    },
  };
}

export const CSV_COLUMNS = [
  '诉求编号',
  '工单编号',
  '类型',
  '标题',
  '状态',
  '承办部门',
  '提交时间',
  '受理时间',
  '办理时限',
  '是否超期',
  '不公开个人信息',
  '同意联系',
  '联系电话',
  '评价',
] as const;

/**
 * Staff export of the filtered tickets as CSV: UTF-8 with a BOM (so Excel reads the Chinese),
 * CRLF line ends, phones masked, at most 10,000 rows. Errors: none of its own.
 */
export async function exportStaffCsv(ctx: HotlineCtx, actor: AuthUser, q: HotlineStaffQuery, requestId?: string): Promise<string> {
  const { docs } = await staffMatches(ctx, q);
  // An export takes many citizens' (masked) data out of the system: recorded with its filter and size.
  await recordAudit(ctx, actor, { role: 'hotline', action: 'hotline.export_csv', target: { type: 'hotline_ticket', id: '*' }, after: { filter: q, rows: docs.length }, requestId });
  const now = ctx.now();
  return csvDocument(
    CSV_COLUMNS,
    docs.map((d) => {
      const s = toStaffSummary(ctx, d, now);
      return [
        s.trackingNo,
        s.caseTicketNo,
        s.typeLabel,
        s.title,
        s.statusLabel,
        s.department,
        s.submittedAt,
        d.acceptedAt ? toChinaIso(d.acceptedAt) : '',
        s.deadline?.dueAt ?? '',
        s.deadline ? (s.deadline.overdue ? '是' : '否') : '',
        s.anonymous ? '是' : '否',
        d.contactAllowed ? '是' : '否',
        s.contactPhoneMasked,
        d.rating ? HOTLINE_RATING_LABELS[d.rating.rating] : '',
      ];
    }),
  );
}
