import { api } from '@zwgk/contracts';
import { sendCsv } from '../../core/csv';
import { Keyed, RawJson, type RouteKit } from '../../core/http';
import { getOpenDay, listOpenDays } from './catalog';
import { checkIn, checkInPass } from './checkin';
import type { OpenDaysCtx } from './context';
import { cancelRegistration, changeSession, claimOffer, getMyRegistration, listMyRegistrations, registerForOpenDay } from './registrations';
import { exportSessionCsv, listSessionRegistrations, listStaffOpenDays } from './staff';

/** Citizens' open-day pages, sign-ups, waitlist offers and passes; staff counts, lists, exports and check-in. */
export function openDayRoutes(kit: RouteKit, svc: OpenDaysCtx): void {
  const micro = { microcache: { cache: svc.microcache, ttlMs: svc.config.MICROCACHE_MS } };
  kit.mount(api.openDayList, async (ctx) => new RawJson(JSON.stringify(await listOpenDays(svc, ctx.state.user))), micro);
  kit.mount(api.openDay, async (ctx, { params }) => new RawJson(JSON.stringify(await getOpenDay(svc, params.id, ctx.state.user))), micro);
  kit.mount(api.openDayRegister, async (ctx, { headers, params, body }) => {
    const { response, created } = await registerForOpenDay(svc, ctx.state.user!, headers['idempotency-key'], params.id, body);
    return new Keyed(response, !created);
  });
  kit.mount(api.myOpenDayRegistrations, async (ctx) => listMyRegistrations(svc, ctx.state.user!));
  kit.mount(api.myOpenDayRegistration, async (ctx, { params }) => getMyRegistration(svc, ctx.state.user!, params.registrationId));
  kit.mount(api.cancelOpenDayRegistration, async (ctx, { params }) => cancelRegistration(svc, ctx.state.user!, params.registrationId));
  kit.mount(api.changeOpenDaySession, async (ctx, { params, body }) => changeSession(svc, ctx.state.user!, params.registrationId, body));
  kit.mount(api.claimOpenDayOffer, async (ctx, { params }) => claimOffer(svc, ctx.state.user!, params.registrationId));
  kit.mount(api.openDayCheckInPass, async (ctx, { params }) => checkInPass(svc, ctx.state.user!, params.registrationId));

  kit.mount(api.staffOpenDays, async () => listStaffOpenDays(svc));
  kit.mountRaw(api.staffSessionRegistrationsCsv, async (ctx, { params }) => {
    const csv = await exportSessionCsv(svc, ctx.state.user!, params.id, params.sessionId, ctx.state.requestId);
    sendCsv(ctx, csv, `open-day-${params.id}-${params.sessionId}.csv`, `开放日报名名单-${params.id}-${params.sessionId}.csv`);
  });
  kit.mount(api.staffSessionRegistrations, async (_c, { params, query }) => listSessionRegistrations(svc, params.id, params.sessionId, query));
  kit.mount(api.staffCheckIn, async (ctx, { params, body }) => checkIn(svc, ctx.state.user!, params.id, params.sessionId, body.code, ctx.state.requestId));
}
