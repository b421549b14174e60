import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { openidFor } from '@zwgk/upstream-sim';
import { eventually, startTestStack, type TestStack } from '../../../test/stack';
import { hotlineWorkers } from '../hotline';
import { notificationModels } from './model';

let s: TestStack;
const SECRET = 'test-case-callback-secret';
const TEMPLATE = 'sim-tmpl-case-progress';

beforeAll(async () => {
  s = await startTestStack({
    env: {
      CASE_CALLBACK_SECRET: SECRET,
      HOTLINE_FORWARD_POLL_MS: '100',
      HOTLINE_SYNC_POLL_MS: '0',
      NOTIFY_SEND_POLL_MS: '100',
      NOTIFY_SEND_BACKOFF_MS: '50',
      NOTIFY_SEND_MAX_BACKOFF_MS: '200',
      NOTIFY_SEND_MAX_ATTEMPTS: '3',
      RATE_LIMIT_WRITES_PER_MIN: '10000',
      RATE_LIMIT_IP_WRITES_PER_MIN: '10000',
    },
  });
  await caseSim('PUT', '/__sim/callback', { url: `${s.url}/api/v1/hotline/case-events`, secret: SECRET });
}, 60_000);
afterAll(() => s?.stop());
afterEach(async () => {
  await wechatSim('PUT', '/__sim/send-errcode', { errcode: null });
  await wechatSim('PUT', '/__sim/subscriptions/mode', { autoCredit: true });
  await s.heal();
});

async function simCall(base: string, method: string, path: string, body?: unknown) {
  const r = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return r.json() as Promise<any>;
}
const caseSim = (method: string, path: string, body?: unknown) => simCall(s.sims.case.url, method, path, body);
const wechatSim = (method: string, path: string, body?: unknown) => simCall(s.sims.wechat.url, method, path, body);
const sentTo = async (name: string): Promise<any[]> => (await wechatSim('GET', `/__sim/messages?touser=${openidFor(name)}`)).messages;

const sessions = new Map<string, { token: string; userId: string }>();
async function citizen(name: string) {
  if (!sessions.has(name)) {
    const l = await s.login(name);
    sessions.set(name, { token: l.accessToken, userId: l.user.id });
  }
  return sessions.get(name)!;
}
const key = () => `k-${randomUUID()}`;

async function grant(token: string, results: Record<string, string> = { [TEMPLATE]: 'accept' }, k = key()) {
  return s.req('POST', '/api/v1/me/subscriptions', { token, body: { results }, headers: { 'Idempotency-Key': k } });
}


const form = {
  type: 'complaint',
  title: '小区夜间施工噪音扰民',
  description: '幸福路 12 号工地每晚十一点后仍在施工，噪音很大，影响休息。',
  contactAllowed: false,
  anonymous: false,
};

/** Submits a hotline request and waits until the case system holds it. */
async function submitDelivered(token: string) {
  const r = await s.req('POST', '/api/v1/hotline/tickets', { token, body: form, headers: { 'Idempotency-Key': key() } });
  expect(r.status).toBe(201);
  const d = await eventually(async () => {
    const x = await s.req('GET', `/api/v1/hotline/tickets/${r.body.trackingNo}`, { token });
    return x.body.caseTicketNo ? x.body : null;
  });
  return { trackingNo: r.body.trackingNo as string, caseTicketNo: d.caseTicketNo as string };
}

async function inbox(token: string, query = '') {
  return s.req('GET', `/api/v1/me/notifications${query}`, { token });
}

describe('subscribe-message credits', () => {
  test('when a citizen accepts in wx.requestSubscribeMessage, then one credit is recorded per accept, and a retried request counts once', async () => {
    const { token } = await citizen('nt-credits');
    const before = await s.req('GET', '/api/v1/me/subscriptions', { token });
    expect(before.status).toBe(200);
    expect(before.body.flows.hotline).toEqual([TEMPLATE]);
    expect(before.body.flows.consultation).toEqual(['sim-tmpl-comment-outcome']);
    expect(before.body.flows.open_day).toEqual(['sim-tmpl-event-registration']);
    expect(before.body.flows.meeting).toEqual(['sim-tmpl-meeting-result']);
    expect(before.body.templates).toEqual([
      { templateId: TEMPLATE, title: '诉求办理进度', credits: 0 },
      { templateId: 'sim-tmpl-comment-outcome', title: '意见征集结果', credits: 0 },
      { templateId: 'sim-tmpl-event-registration', title: '开放日报名提醒', credits: 0 },
      { templateId: 'sim-tmpl-meeting-result', title: '列席申请结果', credits: 0 },
    ]);
    const k = key();
    const first = await grant(token, undefined, k);
    expect(first.status).toBe(201);
    expect(first.body.templates[0].credits).toBe(1);
    const again = await grant(token, undefined, k);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.templates[0].credits).toBe(1);
    expect((await grant(token)).body.templates[0].credits).toBe(2);
    expect((await grant(token, { [TEMPLATE]: 'reject' })).body.templates[0].credits).toBe(2);
  });

  test('when the request is bad, then 400 names the field; without a token, 401', async () => {
    const { token } = await citizen('nt-credits-bad');
    const noKey = await s.req('POST', '/api/v1/me/subscriptions', { token, body: { results: { [TEMPLATE]: 'accept' } } });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.details[0]).toEqual({ field: 'Idempotency-Key', message: '缺少请求标识 Idempotency-Key' });
    const unknown = await grant(token, { 'tmpl-of-someone-else': 'accept' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].field).toBe('results.tmpl-of-someone-else');
    const badValue = await grant(token, { [TEMPLATE]: 'yes' });
    expect(badValue.status).toBe(400);
    expect(badValue.body.error.details[0].message).toBe('订阅结果须为 accept、reject、ban 或 filter');
    expect((await s.req('GET', '/api/v1/me/subscriptions')).status).toBe(401);
    expect((await s.req('POST', '/api/v1/me/subscriptions', { body: { results: {} }, headers: { 'Idempotency-Key': key() } })).status).toBe(401);
  });
});

describe('the inbox, fed by the hotline', () => {
  test('when a ticket is accepted and then handled, then its owner finds both in 我的消息, newest first, with a link, and a subscribe message per credit', async () => {
    const { token } = await citizen('nt-owner');
    await grant(token);
    const { trackingNo, caseTicketNo } = await submitDelivered(token);
    await caseSim('POST', '/__sim/advance', { ticketNo: caseTicketNo });
    const accepted = await eventually(async () => {
      const r = await inbox(token);
      return r.body.items?.length === 1 ? r.body : null;
    });
    expect(accepted.items[0]).toMatchObject({ kind: 'hotline_accepted', title: '诉求已受理', readAt: null, link: `/features/hotline/pages/ticket/index?no=${trackingNo}` });
    expect(accepted.unread).toBe(1);
    // One credit: the accepted notice is sent; the handled one finds none and stays in the inbox only.
    const sent = await eventually(async () => ((await sentTo('nt-owner')).length === 1 ? sentTo('nt-owner') : null));
    expect(sent[0]).toMatchObject({ template_id: TEMPLATE, page: `features/hotline/pages/ticket/index?no=${trackingNo}` });
    expect(sent[0].data).toMatchObject({ character_string1: { value: trackingNo }, phrase3: { value: '已受理' } });
    for (let i = 0; i < 3; i++) await caseSim('POST', '/__sim/advance', { ticketNo: caseTicketNo });
    const handled = await eventually(async () => {
      const r = await inbox(token);
      return r.body.items?.length === 2 ? r.body : null;
    });
    expect(handled.items.map((n: any) => n.kind)).toEqual(['hotline_closed', 'hotline_accepted']);
    expect(handled.items[0].link).toBe(`/features/hotline/pages/rate/index?no=${trackingNo}`);
    expect(handled.unread).toBe(2);
    expect((await s.req('GET', '/api/v1/me/notifications/unread', { token })).body).toEqual({ unread: 2 });
    const { Notification } = notificationModels(s.context.mongo);
    await eventually(async () => (await Notification.countDocuments({ eventId: { $regex: trackingNo }, 'push.state': 'pending' })) === 0);
    const states = await Notification.find({ eventId: { $regex: trackingNo } }, { eventId: 1, push: 1 }).lean();
    expect(states.map((d) => d.push.state).sort()).toEqual(['sent', 'skipped']);
    expect(await sentTo('nt-owner')).toHaveLength(1);

    // Hearing it all again (the reconciliation poll re-reads the case ticket) tells nothing twice.
    await hotlineWorkers(s.context)!.poller.runOnce();
    expect((await inbox(token)).body.total).toBe(2);
  });

  test('when messages are read, then by id (only the caller\'s own) or all at once', async () => {
    const { token } = await citizen('nt-reader');
    const { caseTicketNo } = await submitDelivered(token);
    for (let i = 0; i < 4; i++) await caseSim('POST', '/__sim/advance', { ticketNo: caseTicketNo });
    const page = await eventually(async () => {
      const r = await inbox(token);
      return r.body.items?.length === 2 ? r.body : null;
    });
    const other = await citizen('nt-snoop');
    const snooped = await s.req('POST', '/api/v1/me/notifications/read', { token: other.token, body: { ids: [page.items[0].id] } });
    expect(snooped.status).toBe(200);
    expect((await inbox(token)).body.unread).toBe(2);
    expect((await inbox(other.token)).body.items).toEqual([]);

    const one = await s.req('POST', '/api/v1/me/notifications/read', { token, body: { ids: [page.items[0].id] } });
    expect(one.body).toEqual({ unread: 1 });
    const after = (await inbox(token)).body;
    expect(after.items[0].readAt).not.toBeNull();
    expect(after.items[1].readAt).toBeNull();
    expect((await s.req('POST', '/api/v1/me/notifications/read', { token, body: { all: true } })).body).toEqual({ unread: 0 });

    const paged = await inbox(token, '?pageSize=1&page=2');
    expect(paged.body).toMatchObject({ page: 2, pageSize: 1, total: 2 });
    expect(paged.body.items).toHaveLength(1);
  });

  test('when a message is older than the retention period, then it is deleted from the inbox', async () => {
    const { token, userId } = await citizen('nt-retention');
    const { Notification } = notificationModels(s.context.mongo);
    const base = { userId: new Types.ObjectId(userId), kind: 'hotline_accepted', title: '诉求已受理', body: '旧消息', link: null, readAt: null, push: { state: 'none' } };
    await Notification.collection.insertMany([
      { ...base, eventId: 'test:old', createdAt: new Date(Date.now() - (s.config.NOTIFICATION_RETENTION_DAYS + 1) * 86_400_000), updatedAt: new Date() },
      { ...base, eventId: 'test:new', createdAt: new Date(), updatedAt: new Date() },
    ]);
    expect(await s.context.tasks.get('notification-retention')!.runOnce()).toBe(1);
    expect((await inbox(token)).body.items.map((n: any) => n.body)).toEqual(['旧消息']);
    expect(await Notification.exists({ eventId: 'test:old' })).toBeNull();
  });

  test('when the request is bad, then 400 names the field; without a token, 401', async () => {
    const { token } = await citizen('nt-bad');
    const big = await inbox(token, '?pageSize=500');
    expect(big.status).toBe(400);
    expect(big.body.error.details[0]).toEqual({ field: 'pageSize', message: '每页最多 50 条' });
    const neither = await s.req('POST', '/api/v1/me/notifications/read', { token, body: {} });
    expect(neither.status).toBe(400);
    expect(neither.body.error.details[0].field).toBe('ids');
    const badId = await s.req('POST', '/api/v1/me/notifications/read', { token, body: { ids: ['x'] } });
    expect(badId.body.error.details[0]).toEqual({ field: 'ids.0', message: '消息编号格式不正确' });
    expect((await inbox('')).status).toBe(401);
    expect((await s.req('GET', '/api/v1/me/notifications/unread')).status).toBe(401);
    expect((await s.req('POST', '/api/v1/me/notifications/read', { body: { all: true } })).status).toBe(401);
  });
});

describe('the subscribe-message sender under WeChat faults', () => {
  const models = () => notificationModels(s.context.mongo);

  /** Stores a notification the way features do, through the hotline's notices: a ticket handled. */
  async function handledTicket(name: string) {
    const { token } = await citizen(name);
    await grant(token);
    const { trackingNo, caseTicketNo } = await submitDelivered(token);
    for (let i = 0; i < 4; i++) await caseSim('POST', '/__sim/advance', { ticketNo: caseTicketNo });
    await eventually(async () => (await inbox(token)).body.total === 2 || null);
    return { token, trackingNo };
  }
  const pushStates = async (trackingNo: string) =>
    (await models().Notification.find({ eventId: { $regex: trackingNo } }, { push: 1 }).lean()).map((d) => d.push.state).sort();

  test('when WeChat is down, then the message waits in the outbox and is sent once after it recovers', async () => {
    await citizen('nt-down'); // logging in needs WeChat
    await s.sims.wechat.setFaults({ mode: 'down' });
    const { trackingNo } = await handledTicket('nt-down');
    await new Promise((r) => setTimeout(r, 600));
    expect(await pushStates(trackingNo)).toContain('pending');
    expect(await sentTo('nt-down')).toHaveLength(0);
    await s.heal();
    await eventually(async () => !(await pushStates(trackingNo)).includes('pending') || null, 10_000);
    expect(await pushStates(trackingNo)).toEqual(['sent', 'skipped']);
    expect(await sentTo('nt-down')).toHaveLength(1);
  });

  test('when WeChat answers 5xx-like system errors a few times, then the send is retried and delivered once', async () => {
    await wechatSim('PUT', '/__sim/send-errcode', { errcode: -1, times: 2 });
    const { trackingNo } = await handledTicket('nt-busy');
    await eventually(async () => !(await pushStates(trackingNo)).includes('pending') || null, 10_000);
    expect(await pushStates(trackingNo)).toEqual(['sent', 'skipped']);
    expect(await sentTo('nt-busy')).toHaveLength(1);
  });

  test('when WeChat answers HTTP 5xx, then the send is retried and delivered once', async () => {
    const { token } = await citizen('nt-5xx');
    await grant(token);
    const { trackingNo, caseTicketNo } = await submitDelivered(token);
    // The accepted notice's send meets two 500s first (times counts every WeChat call, token included).
    await s.sims.wechat.setFaults({ mode: 'error', times: 2 });
    for (let i = 0; i < 4; i++) await caseSim('POST', '/__sim/advance', { ticketNo: caseTicketNo });
    await eventually(async () => (await inbox(token)).body.total === 2 || null);
    await eventually(async () => !(await pushStates(trackingNo)).includes('pending') || null, 10_000);
    expect(await pushStates(trackingNo)).toEqual(['sent', 'skipped']);
    expect(await sentTo('nt-5xx')).toHaveLength(1);
  });

  test('when WeChat says the citizen has no credit (43101), then it is not retried and the inbox copy stays', async () => {
    await wechatSim('PUT', '/__sim/subscriptions/mode', { autoCredit: false });
    const { token, trackingNo } = await handledTicket('nt-refused');
    await eventually(async () => !(await pushStates(trackingNo)).includes('pending') || null, 10_000);
    expect(await pushStates(trackingNo)).toEqual(['refused', 'skipped']);
    const refused = await models().Notification.findOne({ eventId: { $regex: trackingNo }, 'push.state': 'refused' }).lean();
    expect(refused!.push.attempts).toBe(1);
    expect(await sentTo('nt-refused')).toHaveLength(0);
    expect((await inbox(token)).body.total).toBe(2);
  });

  test('when an instance died mid-send, then the message is not sent again (it may have arrived); one that died before sending is sent', async () => {
    const { userId } = await citizen('nt-abandoned');
    const base = { userId: new Types.ObjectId(userId), kind: 'hotline_accepted', title: 't', body: 'b', link: null, readAt: null };
    const push = (sending: boolean, eventId: string) => ({
      ...base,
      eventId,
      push: {
        state: 'pending', attempts: 1, nextAttemptAt: new Date(Date.now() - 1000), leaseId: 'dead-instance', lastError: null,
        topic: 'case_progress', data: { trackingNo: 'RX-20261201-AAAAAA', title: '测试', status: '已受理', time: '2026-12-01 10:00', note: '测试' },
        page: null, creditSpent: true, templateId: TEMPLATE, msgid: null, sending,
      },
    });
    const { Notification } = models();
    await Notification.create([push(true, 'test:mid-send'), push(false, 'test:before-send')]);
    await eventually(async () => (await Notification.countDocuments({ userId: base.userId, 'push.state': 'pending' })) === 0 || null, 10_000);
    const byEvent = Object.fromEntries((await Notification.find({ userId: base.userId }).lean()).map((d) => [d.eventId, d.push.state]));
    expect(byEvent).toEqual({ 'test:mid-send': 'unknown', 'test:before-send': 'sent' });
    expect(await sentTo('nt-abandoned')).toHaveLength(1);
  });
});
