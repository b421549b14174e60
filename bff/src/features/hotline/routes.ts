import { api } from '@zwgk/contracts';
import { Keyed, type RouteKit } from '../../core/http';
import type { Outbox } from '../../core/outbox';
import type { TaskHandle } from '../../core/tasks';
import type { AppContext } from '../../deps';
import type { Notify } from '../notifications';
import type { WorkbenchToolProvider } from '../staff';
import { startForwarder } from './forwarder';
import { hotlineModels, type TicketDoc } from './model';
import { startPhotoSweep } from './photo-limits';
import { startSyncPoller } from './poller';
import { startRetention } from './retention';
import {
  exportStaffCsv,
  getHotlineStats,
  getMyTicket,
  getPhoto,
  getStaffTicket,
  linkMyPhotos,
  listMyTickets,
  listStaffTickets,
  rateTicket,
  readCaseEventBody,
  receiveCaseEvent,
  requeueTicket,
  submitTicket,
  uploadPhoto,
  type HotlineService,
} from './service';
import { hotlineDeskCounts } from './staff';

/** The hotline's background work of an app (tests run passes on demand). */
export interface HotlineWorkers {
  /** The hotline's own context (tests build extra instances' parts from it). */
  service: HotlineService;
  forwarder: Outbox<TicketDoc>;
  poller: TaskHandle;
  photoSweep: TaskHandle;
  retention: TaskHandle;
}

const workers = new WeakMap<AppContext, HotlineWorkers>();
export function hotlineWorkers(app: AppContext): HotlineWorkers | undefined {
  return workers.get(app);
}

export interface HotlineFeature {
  service: HotlineService;
  routes(kit: RouteKit): void;
  /** The hotline desk's entry on the staff workbench. */
  workbenchTool: WorkbenchToolProvider;
}

/**
 * 12345 hotline: builds the service and its background tasks (the outbox forwarder, the
 * reconciliation poller, the photo sweep) on the app's runner. Owners are told of changes
 * through `notify` (受理, 办结, 转交未成功).
 */
export function createHotline(app: AppContext, deps: { notify: Notify }): HotlineFeature {
  const base = { ...app, models: hotlineModels(app.mongo), notify: deps.notify };
  const forwarder = startForwarder(base);
  const svc: HotlineService = { ...base, kickForwarder: () => forwarder.kick(), forwarder };
  workers.set(app, { service: svc, forwarder, poller: startSyncPoller(base), photoSweep: startPhotoSweep(base), retention: startRetention(base) });
  return {
    service: svc,
    routes: (kit) => hotlineRoutes(kit, svc),
    workbenchTool: {
      id: 'hotline',
      title: '12345 热线工单',
      description: '筛选与查看诉求、查看不公开的身份信息、重新转交、导出 CSV',
      role: 'hotline',
      path: '/features/workbench/pages/hotline/index',
      counts: () => hotlineDeskCounts(svc),
    },
  };
}

/**
 * Photo upload and viewing, submission (stored, then forwarded by the outbox), tracking,
 * rating, statistics, the staff desk and the case system's signed status events. Every
 * route's auth, role, write limit and headers come from its contract.
 */
function hotlineRoutes(kit: RouteKit, svc: HotlineService): void {
  kit.mountRaw(api.hotlineUploadPhoto, async (ctx) => {
    ctx.status = 201;
    ctx.body = await uploadPhoto(svc, ctx.state.user!, ctx.req, ctx.res, Number(ctx.get('content-length') || 0));
  });
  kit.mountRaw(api.hotlinePhoto, async (ctx, { params }) => {
    const photo = await getPhoto(svc, ctx.state.user, params.id, { exp: ctx.query.exp, sig: ctx.query.sig });
    ctx.set('Content-Type', photo.mime);
    ctx.set('Cache-Control', 'private, max-age=3600');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.body = photo.data;
  });
  kit.mount(api.hotlinePhotoLinks, async (ctx, { body }) => linkMyPhotos(svc, ctx.state.user!, body.ids));
  kit.mount(api.hotlineSubmit, async (ctx, { headers, body }) => {
    const { response, created } = await submitTicket(svc, ctx.state.user!, headers['idempotency-key'], body);
    return new Keyed(response, !created);
  });
  kit.mount(api.hotlineMyTickets, async (ctx, { query }) => listMyTickets(svc, ctx.state.user!, query.page, query.pageSize));
  kit.mount(api.hotlineTicket, async (ctx, { params }) => getMyTicket(svc, ctx.state.user!, params.trackingNo));
  kit.mount(api.hotlineRate, async (ctx, { params, body }) => rateTicket(svc, ctx.state.user!, params.trackingNo, body));
  kit.mount(api.hotlineStats, async (_ctx, { query }) => getHotlineStats(svc, query));

  // Mounted before the {trackingNo} route so `tickets.csv` is not taken for a tracking number.
  kit.mountRaw(api.hotlineStaffExport, async (ctx, { query }) => {
    const csv = await exportStaffCsv(svc, ctx.state.user!, query, ctx.state.requestId);
    ctx.set('Content-Type', 'text/csv; charset=utf-8');
    ctx.set('Content-Disposition', `attachment; filename="hotline-tickets.csv"; filename*=UTF-8''${encodeURIComponent('12345诉求.csv')}`);
    ctx.body = csv;
  });
  kit.mount(api.hotlineStaffTickets, async (_ctx, { query }) => listStaffTickets(svc, query));
  kit.mount(api.hotlineStaffTicket, async (ctx, { params }) => getStaffTicket(svc, ctx.state.user!, params.trackingNo, ctx.state.requestId));
  kit.mount(api.hotlineStaffRequeue, async (ctx, { params }) => requeueTicket(svc, ctx.state.user!, params.trackingNo, ctx.state.requestId));

  // Status events: the signature covers the raw bytes, so the body is read here, not by mount.
  kit.mountRaw(api.hotlineCaseEvents, async (ctx) => {
    const raw = await readCaseEventBody(ctx.req);
    ctx.body = await receiveCaseEvent(svc, { timestamp: ctx.get('x-case-timestamp') || undefined, signature: ctx.get('x-case-signature') || undefined }, raw, ctx.state.log);
  });
}
