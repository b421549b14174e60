import { api } from '@zwgk/contracts';
import { Keyed, RawJson, type RouteKit } from '../../core/http';
import { applyToMeeting, confirmAttendance, listMyApplications, withdrawApplication } from './applications';
import { getMeeting, listMeetings } from './catalog';
import type { MeetingsCtx } from './context';
import { getDraw, runDraw } from './draw';
import { replyOpinion, submitOpinion } from './opinions';
import { reviewApplication } from './review';
import { listStaffApplications, listStaffMeetings, setDrawSource } from './staff';

/** Citizens' meeting pages, applications, confirmations and opinions; the public draw; staff (`events`) review, draw, replies. */
export function meetingRoutes(kit: RouteKit, svc: MeetingsCtx): void {
  // Signed-out answers are microcached (briefly: a draw or a decision shows within MICROCACHE_MS).
  const micro = { microcache: { cache: svc.microcache, ttlMs: svc.config.MICROCACHE_MS } };
  kit.mount(api.meetingList, async (c) => new RawJson(JSON.stringify(await listMeetings(svc, c.state.user))), micro);
  kit.mount(api.meeting, async (c, { params }) => new RawJson(JSON.stringify(await getMeeting(svc, params.id, c.state.user))), micro);
  kit.mount(api.meetingDraw, async (_c, { params }) => new RawJson(JSON.stringify(await getDraw(svc, params.id))), micro);
  kit.mount(api.meetingApply, async (c, { headers, params, body }) => {
    const { response, created } = await applyToMeeting(svc, c.state.user!, headers['idempotency-key'], params.id, body);
    return new Keyed(response, !created);
  });
  kit.mount(api.meetingOpinion, async (c, { headers, params, body }) => {
    const { response, created } = await submitOpinion(svc, c.state.user!, headers['idempotency-key'], params.id, body);
    return new Keyed(response, !created);
  });
  kit.mount(api.myMeetingApplications, async (c) => listMyApplications(svc, c.state.user!));
  kit.mount(api.withdrawMeetingApplication, async (c, { params }) => withdrawApplication(svc, c.state.user!, params.applicationId));
  kit.mount(api.confirmMeetingAttendance, async (c, { params }) => confirmAttendance(svc, c.state.user!, params.applicationId));

  kit.mount(api.staffMeetings, async () => listStaffMeetings(svc));
  kit.mount(api.staffMeetingApplications, async (_c, { params, query }) => listStaffApplications(svc, params.id, query));
  kit.mount(api.staffReviewApplication, async (c, { params, body }) =>
    reviewApplication(svc, c.state.user!, params.id, params.applicationId, body, c.state.requestId),
  );
  kit.mount(api.staffSetDrawSource, async (c, { params, body }) => setDrawSource(svc, c.state.user!, params.id, body, c.state.requestId));
  kit.mount(api.staffRunDraw, async (c, { params, body }) => runDraw(svc, c.state.user!, params.id, body, c.state.requestId));
  kit.mount(api.staffReplyOpinion, async (c, { params, body }) => replyOpinion(svc, c.state.user!, params.id, params.opinionId, body, c.state.requestId));
}
