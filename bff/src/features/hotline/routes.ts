import type { Router } from '@koa/router';
import type { Middleware } from 'koa';
import { Types } from 'mongoose';
import { api, HOTLINE_PHOTO_MAX_BYTES, IdempotencyKey, PhotoIdParams, type HotlinePhotoUploadResponse } from '@zwgk/contracts';
import { authenticate } from '../../core/auth';
import { AppError, notFound, unauthenticated, validationError } from '../../core/errors';
import { mount, parseInput, RawJson, toFieldIssues, type Ctx, type State } from '../../core/http';
import type { AppContext } from '../../deps';
import { startForwarder, type Forwarder } from './forwarder';
import { hotlineModels } from './model';
import { chargePhotoQuota, precheckPhotoQuota, startPhotoSweep, type PhotoSweeper } from './photo-limits';
import { readPhotoUpload, signPhotoUrl, verifyPhotoSignature } from './photos';
import { startSyncPoller, type SyncPoller } from './poller';
import {
  exportStaffCsv,
  getHotlineStats,
  getMyTicket,
  getStaffTicket,
  linkMyPhotos,
  listMyTickets,
  listStaffTickets,
  rateTicket,
  requeueTicket,
  submitTicket,
  type HotlineService,
} from './service';
import { verifyCaseEvent } from './signature';
import { HotlineCaseEvent } from '@zwgk/contracts';
import { applyParkedEvents, mergeCaseUpdate, positionOf } from './sync';

const EVENT_BODY_LIMIT = 64 * 1024;

const workers = new WeakMap<AppContext, { forwarder: Forwarder; poller: SyncPoller; photoSweep: PhotoSweeper }>();
/** The hotline's background workers of an app (tests run passes on demand). */
export function hotlineWorkers(app: AppContext): { forwarder: Forwarder; poller: SyncPoller; photoSweep: PhotoSweeper } | undefined {
  return workers.get(app);
}

/** Reads a request body as bytes (the signature covers the exact bytes), refusing more than `limit`. */
async function rawBody(ctx: Ctx, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new AppError('payload_too_large', 413, '提交的内容过大');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

/**
 * 12345 hotline: photo upload and viewing, submission (stored, then forwarded by the outbox
 * forwarder), tracking, rating, statistics, the staff desk and the case system's signed
 * status events. Starts the forwarder and the reconciliation poller and registers their stops.
 */
export function hotlineRoutes(router: Router<State>, app: AppContext, writeLimit: Middleware<State>): HotlineService {
  const models = hotlineModels(app.mongo);
  const base = { ...app, models };
  const forwarder = startForwarder(base);
  const poller = startSyncPoller(base);
  app.background.onClose('hotline-forwarder', () => forwarder.stop());
  app.background.onClose('hotline-sync-poller', () => poller.stop());
  const photoSweep = startPhotoSweep(base);
  app.background.onClose('hotline-photo-sweep', () => photoSweep.stop());
  const svc: HotlineService = { ...base, kickForwarder: () => forwarder.kick() };
  workers.set(app, { forwarder, poller, photoSweep });

  const citizen = authenticate(app.tokens, 'citizen');
  const staff = authenticate(app.tokens, 'staff');
  const optional = authenticate(app.tokens, 'optional');

  // Multipart upload: registered directly (mount parses JSON bodies only).
  router.post(api.hotlineUploadPhoto.path, citizen, writeLimit, async (ctx) => {
    const declared = Number(ctx.get('content-length') || 0);
    // Multipart framing adds a little; anything far beyond the limit is refused before reading.
    if (declared > HOTLINE_PHOTO_MAX_BYTES + 64 * 1024) {
      throw validationError([{ field: 'file', message: `图片不能超过 ${HOTLINE_PHOTO_MAX_BYTES / 1024 / 1024} MB` }]);
    }
    const userId = ctx.state.user!.id;
    await precheckPhotoQuota(base, userId);
    const { data, mime } = await readPhotoUpload(ctx.req);
    await chargePhotoQuota(base, userId, data.length);
    const photo = await models.Photo.create({ ownerId: new Types.ObjectId(userId), mime, size: data.length, data });
    const body: HotlinePhotoUploadResponse = {
      id: String(photo._id),
      mime,
      size: data.length,
      url: signPhotoUrl(app.cipher, String(photo._id), 3600, app.now()),
    };
    ctx.status = 201;
    ctx.body = body;
  });

  // Photos: to the owner and staff (token), or to whoever holds a signed link they were given.
  router.get(api.hotlinePhoto.path.replace('{id}', ':id'), optional, async (ctx) => {
    const { id } = parseInput(PhotoIdParams, ctx.params, '');
    const signed = verifyPhotoSignature(app.cipher, id, ctx.query.exp, ctx.query.sig, app.now());
    const user = ctx.state.user;
    if (!signed && !user) throw unauthenticated();
    const photo = await models.Photo.findById(id).lean();
    const allowed = photo && (signed || user!.roles.includes('staff') || String(photo.ownerId) === user!.id);
    if (!photo || !allowed) throw notFound('没有找到该图片');
    ctx.set('Content-Type', photo.mime);
    ctx.set('Cache-Control', 'private, max-age=3600');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.body = Buffer.from(photo.data.buffer ?? photo.data);
  });

  mount(router, api.hotlinePhotoLinks, [citizen], async (ctx, { body }) => linkMyPhotos(svc, ctx.state.user!, body.ids));

  mount(router, api.hotlineSubmit, [citizen, writeLimit], async (ctx, { body }) => {
    const header = ctx.get('idempotency-key');
    const key = IdempotencyKey.safeParse(header || undefined);
    if (!key.success) throw validationError(toFieldIssues(key.error, 'Idempotency-Key'));
    const { response, created } = await submitTicket(svc, ctx.state.user!, key.data, body);
    if (!created) ctx.set('Idempotent-Replayed', 'true');
    return new RawJson(JSON.stringify(response), created ? 201 : 200);
  });

  mount(router, api.hotlineMyTickets, [citizen], async (ctx, { query }) => listMyTickets(svc, ctx.state.user!, query.page, query.pageSize));
  mount(router, api.hotlineTicket, [citizen], async (ctx, { params }) => getMyTicket(svc, ctx.state.user!, params.trackingNo));
  mount(router, api.hotlineRate, [citizen, writeLimit], async (ctx, { params, body }) => rateTicket(svc, ctx.state.user!, params.trackingNo, body));
  mount(router, api.hotlineStats, [], async (_ctx, { query }) => getHotlineStats(svc, query));

  // Registered before the {trackingNo} route so `tickets.csv` is not taken for a tracking number.
  router.get(api.hotlineStaffExport.path, staff, async (ctx) => {
    const q = parseInput(api.hotlineStaffExport.query, ctx.query, '');
    const csv = await exportStaffCsv(svc, q);
    ctx.set('Content-Type', 'text/csv; charset=utf-8');
    ctx.set('Content-Disposition', `attachment; filename="hotline-tickets.csv"; filename*=UTF-8''${encodeURIComponent('12345诉求.csv')}`);
    ctx.body = csv;
  });
  mount(router, api.hotlineStaffTickets, [staff], async (_ctx, { query }) => listStaffTickets(svc, query));
  mount(router, api.hotlineStaffTicket, [staff], async (_ctx, { params }) => getStaffTicket(svc, params.trackingNo));
  mount(router, api.hotlineStaffRequeue, [staff, writeLimit], async (_ctx, { params }) => requeueTicket(svc, params.trackingNo));

  // Status events: the signature covers the raw bytes, so the body is read here, not by mount.
  router.post(api.hotlineCaseEvents.path, async (ctx) => {
    const raw = await rawBody(ctx, EVENT_BODY_LIMIT);
    const reason = verifyCaseEvent(
      app.config.CASE_CALLBACK_SECRET,
      { timestamp: ctx.get('x-case-timestamp') || undefined, signature: ctx.get('x-case-signature') || undefined },
      raw,
      Date.now(),
      app.config.HOTLINE_CALLBACK_WINDOW_S * 1000,
    );
    if (reason) {
      ctx.state.log.warn({ reason }, 'case event refused');
      throw new AppError('bad_signature', 401, '签名校验失败');
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      throw validationError([{ field: 'body', message: '请求内容不是有效的 JSON' }]);
    }
    const event = parseInput(HotlineCaseEvent, json, '');
    const pos = positionOf(event.eventId, event.ticketNo);
    if (!pos) throw validationError([{ field: 'eventId', message: '事件编号格式不正确' }]);
    const entry = { pos, status: event.status, at: new Date(event.at), department: event.department, note: event.note };
    let outcome = await mergeCaseUpdate(svc, { caseTicketNo: event.ticketNo }, { entries: [entry] });
    if (outcome === 'missing') {
      // The event beat our own record of the case ticket number: park it until the forwarder maps it.
      await models.ParkedEvent.updateOne(
        { eventId: event.eventId },
        { $setOnInsert: { ticketNo: event.ticketNo, status: event.status, at: entry.at, department: event.department, note: event.note } },
        { upsert: true },
      );
      if (await models.Ticket.exists({ caseTicketNo: event.ticketNo })) await applyParkedEvents(svc, event.ticketNo);
      outcome = 'applied';
    }
    ctx.body = { ok: true, duplicate: outcome === 'duplicate' };
  });

  return svc;
}
