import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { openidFor } from '@zwgk/upstream-sim';
import { auditModel } from '../../core/audit';
import { startTestStack, type TestStack } from '../../../test/stack';
import { notificationModels } from '../notifications';
import { openDayWorkers } from './index';
import { keyId, openDayModels, regAad, sessionKey, type RegistrationDoc, type SessionStateDoc } from './model';
import { markNoShows } from './noshows';
import { sendReminders } from './reminders';
import { idNumber, openDayRecord, portalTime, publishOpenDay } from './test-helpers';

/**
 * 政府开放日 against the real stack (Redis, the MongoDB-wire server, the portal simulator, open
 * days published through its test hook with times relative to now). Time-dependent steps move
 * the app clock; the places task is run by hand.
 */
let s: TestStack;
const H = 3_600_000;
const NOW = Date.now();
const realClock = () => {
  s.context.now = () => new Date();
};
const setClock = (at: number) => {
  s.context.now = () => new Date(at);
};

beforeAll(async () => {
  s = await startTestStack({
    env: {
      STAFF_ROLES: `${openidFor('od-events')}:events,${openidFor('od-admin')}:admin,${openidFor('od-mod')}:moderator`,
      RATE_LIMIT_WRITES_PER_MIN: '100000',
      RATE_LIMIT_IP_WRITES_PER_MIN: '100000',
      OPEN_DAY_SWEEP_MS: '0',
      OPEN_DAY_CALENDAR_MS: '0',
    },
  });
}, 60_000);
afterAll(() => s?.stop());
afterEach(() => realClock());

const tokens = new Map<string, string>();
async function tokenOf(name: string): Promise<string> {
  if (!tokens.has(name)) tokens.set(name, (await s.login(name)).accessToken);
  return tokens.get(name)!;
}
const key = () => `k-${randomUUID()}`;
let idSeq = 1000;
const nextId = () => idNumber(idSeq++);
const models = () => openDayModels(s.context.mongo);
const runPlaces = () => openDayWorkers(s.context)!.places.runOnce();

function body(over: Record<string, unknown> = {}): Record<string, any> {
  return { sessionId: 's1', name: '张三丰', idNumber: nextId(), phone: '13812345678', ...over };
}
async function signUp(name: string, openDayId: string, b: Record<string, unknown>, k = key()) {
  return s.req('POST', `/api/v1/open-days/${openDayId}/registrations`, { token: await tokenOf(name), body: b, headers: { 'Idempotency-Key': k } });
}
async function post(name: string, path: string, b?: unknown) {
  return s.req('POST', `/api/v1${path}`, { token: await tokenOf(name), body: b ?? {} });
}
async function get(name: string, path: string) {
  return s.req('GET', `/api/v1${path}`, { token: await tokenOf(name) });
}
async function publish(id: string, sessions: Parameters<typeof openDayRecord>[2], over: Record<string, unknown> = {}, now = NOW) {
  await publishOpenDay(s.sims.portal.url, openDayRecord(id, now, sessions.map((x, i) => ({ id: `s${i + 1}`, ...x })), over));
}
async function state(openDayId: string, sessionId = 's1'): Promise<SessionStateDoc> {
  return (await models().Session.findById(keyId(sessionKey(openDayId, sessionId))).lean<SessionStateDoc>())!;
}
/** The invariant: places held = the parties holding them, never over capacity; the queue = the waiting parties. */
async function expectConsistent(openDayId: string, sessionId = 's1') {
  const st = await state(openDayId, sessionId);
  const regs = await models().Registration.find({ openDayId, sessionId }).lean<RegistrationDoc[]>();
  const held = regs.filter((r) => ['confirmed', 'offered', 'attended'].includes(r.status)).reduce((a, r) => a + r.partySize, 0);
  expect(st.placesHeld).toBe(held);
  expect(st.placesHeld).toBeLessThanOrEqual(st.capacity);
  expect(st.placesFree).toBe(st.capacity - st.placesHeld);
  const waiting = regs.filter((r) => r.status === 'waitlisted').map((r) => `${r._id}:${r.partySize}`);
  expect([...st.queue].sort()).toEqual(waiting.sort());
  expect(st.waiting).toBe(st.queue.length);
  expect(regs.filter((r) => r.pendingOp)).toEqual([]);
  return { st, regs };
}

describe('open-day pages (from the portal through the cache)', () => {
  test('when the list and a detail are asked for signed out, then sessions show their places and me is null', async () => {
    await publish('odt-list', [{ startsInH: 72, capacity: 30 }, { startsInH: 96, capacity: 20 }]);
    const list = await s.req('GET', '/api/v1/open-days');
    expect(list.status).toBe(200);
    const item = list.body.items.find((o: any) => o.id === 'odt-list');
    expect(item).toMatchObject({ phase: 'open', phaseLabel: '报名中', sessionCount: 2, capacity: 50, placesLeft: 50, myStatus: null });
    // Open ones first.
    expect(list.body.items[0].phase).toBe('open');
    const d = await s.req('GET', '/api/v1/open-days/odt-list');
    expect(d.status).toBe(200);
    expect(d.body.item).toMatchObject({ host: '江海市测试局', canRegister: true, cancelCutoffHours: 24, maxCompanions: 2, me: null });
    expect(d.body.item.sessions.map((x: any) => [x.id, x.capacity, x.placesLeft, x.waitlistLength, x.ended])).toEqual([
      ['s1', 30, 30, 0, false],
      ['s2', 20, 20, 0, false],
    ]);
    expect((await s.req('GET', '/api/v1/open-days/odt-none')).status).toBe(404);
    expect((await s.req('GET', '/api/v1/open-days/bad id!')).status).toBe(400);
  });

  test('when a signed-in citizen with a bound phone opens a detail, then me shows the masked phone, no registration, no restriction', async () => {
    const token = await tokenOf('od-bound');
    expect((await s.req('POST', '/api/v1/auth/phone', { token, body: { code: 'sim-od-bound' } })).status).toBe(200);
    const d = await s.req('GET', '/api/v1/open-days/odt-list', { token });
    expect(d.body.item.me).toMatchObject({ registration: null, restriction: null });
    expect(d.body.item.me.boundPhone).toMatch(/^1\d{2}\*{4}\d{4}$/);
  });
});

describe('signing up', () => {
  test('when a citizen signs up with two companions, then 201 confirmed for a party of 3, masked, sealed at rest; the same key again is the same registration', async () => {
    await publish('odt-sign', [{ startsInH: 72, capacity: 10 }]);
    const k = key();
    const b = body({ name: '李小龙', companions: [{ name: '王五', idNumber: nextId() }, { name: '赵六', idNumber: nextId() }] });
    const r = await signUp('od-a', 'odt-sign', b, k);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'confirmed', statusLabel: '已报名', position: null, partySize: 3, name: '李**', phone: '138****5678', replayed: false, canCancel: true });
    expect(r.body.idNumber).toMatch(/^110105\*{8}\d{3}[\dX]$/);
    expect(r.body.companions.map((c: any) => c.name)).toEqual(['王*', '赵*']);
    const raw = (await models().Registration.collection.findOne({ _id: new Types.ObjectId(r.body.id) }))!;
    const text = JSON.stringify(raw);
    for (const plain of ['李小龙', b.idNumber, '13812345678', '王五', (b.companions as any)[0].idNumber]) expect(text).not.toContain(plain);
    expect(s.context.cipher.decrypt(raw.nameEnc, regAad(raw._id, 'name'))).toBe('李小龙');
    expect(s.context.cipher.decrypt(raw.companions[1].idNumberEnc, regAad(raw._id, 'companions.1.idNumber'))).toBe((b.companions as any)[1].idNumber);
    const again = await signUp('od-a', 'odt-sign', b, k);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toMatchObject({ id: r.body.id, replayed: true });
    expect((await state('odt-sign')).placesHeld).toBe(3);
    const d = await get('od-a', '/open-days/odt-sign');
    expect(d.body.item.myStatus).toBe('confirmed');
    expect(d.body.item.me.registration.id).toBe(r.body.id);
    expect(d.body.item.sessions[0].placesLeft).toBe(7);
    const mine = await get('od-a', '/me/open-day-registrations');
    expect(mine.body.items.map((x: any) => x.id)).toContain(r.body.id);
    expect((await get('od-a', `/me/open-day-registrations/${r.body.id}`)).body.openDayTitle).toBe('测试开放日 odt-sign');
    // Another citizen's registration is not found.
    expect((await get('od-b', `/me/open-day-registrations/${r.body.id}`)).status).toBe(404);
    expect((await get('od-b', `/me/open-day-registrations/${new Types.ObjectId()}`)).status).toBe(404);
  });

  test('when fields are wrong, then 400 names each one in Chinese; no token 401; unknown open day 404', async () => {
    const bad = await signUp('od-c', 'odt-sign', { sessionId: 's1', name: '', idNumber: '110105199001011234', phone: '123', companions: [{ name: '', idNumber: '12345' }] });
    expect(bad.status).toBe(400);
    // The first message for each field.
    const fields = Object.fromEntries([...bad.body.error.details].reverse().map((d: any) => [d.field, d.message]));
    expect(fields).toMatchObject({ name: '请填写姓名', phone: '请填写正确的 11 位手机号', 'companions.0.name': '请填写同行人姓名', 'companions.0.idNumber': '同行人身份证号码应为 18 位' });
    expect(fields.idNumber).toContain('身份证号码不正确');
    const three = await signUp('od-c', 'odt-sign', body({ companions: [1, 2, 3].map(() => ({ name: '王五', idNumber: nextId() })) }));
    expect(three.body.error.details[0]).toMatchObject({ field: 'companions', message: '最多可带 2 位同行人' });
    const id = nextId();
    const dup = await signUp('od-c', 'odt-sign', body({ idNumber: id, companions: [{ name: '王五', idNumber: id }] }));
    expect(dup.body.error.details[0]).toMatchObject({ field: 'companions.0.idNumber' });
    const session = await signUp('od-c', 'odt-sign', body({ sessionId: 's9' }));
    expect(session.status).toBe(400);
    expect(session.body.error.details[0]).toMatchObject({ field: 'sessionId', message: '本次开放日没有这个场次，请重新选择' });
    const noPhone = await signUp('od-c', 'odt-sign', body({ phone: undefined }));
    expect(noPhone.status).toBe(400);
    expect(noPhone.body.error.details[0]).toMatchObject({ field: 'phone', message: '请填写手机号（您的账号尚未绑定手机号）' });
    const noKey = await s.req('POST', '/api/v1/open-days/odt-sign/registrations', { token: await tokenOf('od-c'), body: body() });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.details[0].field).toBe('Idempotency-Key');
    expect((await s.req('POST', '/api/v1/open-days/odt-sign/registrations', { body: body(), headers: { 'Idempotency-Key': key() } })).status).toBe(401);
    expect((await signUp('od-c', 'odt-none', body())).status).toBe(404);
    // Nothing was written by any of them.
    expect(await models().Registration.countDocuments({ openDayId: 'odt-sign', userId: new Types.ObjectId((await s.login('od-c')).user.id) })).toBe(0);
  });

  test('when the phone is left out and one is bound, then the bound phone is used', async () => {
    const r = await signUp('od-bound', 'odt-sign', body({ phone: undefined }));
    expect(r.status).toBe(201);
    expect(r.body.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
  });

  test('when outside the window or the session has ended, then 409 in Chinese', async () => {
    await publish('odt-later', [{ startsInH: 240, capacity: 5 }], { registrationOpensAt: portalTime(NOW + 48 * H) });
    const later = await signUp('od-c', 'odt-later', body());
    expect(later.status).toBe(409);
    expect(later.body.error.message).toMatch(/将于 .* 开始报名/);
    await publish('odt-closed', [{ startsInH: 240, capacity: 5 }], { registrationOpensAt: portalTime(NOW - 72 * H), registrationClosesAt: portalTime(NOW - 48 * H) });
    const closed = await signUp('od-c', 'odt-closed', body());
    expect(closed.status).toBe(409);
    expect(closed.body.error.message).toMatch(/报名已于 .* 截止/);
    await publish('odt-past', [{ startsInH: -5, capacity: 5 }, { startsInH: 48, capacity: 5 }]);
    const ended = await signUp('od-c', 'odt-past', body());
    expect(ended.status).toBe(409);
    expect(ended.body.error.message).toBe('该场次已结束，请选择其他场次');
    const d = await s.req('GET', '/api/v1/open-days/odt-past');
    expect(d.body.item.sessions[0].ended).toBe(true);
  });

  test('when one citizen sends two sign-ups at once with different keys, then one registration and a 409; another account with the same ID number gets 409', async () => {
    await publish('odt-once', [{ startsInH: 72, capacity: 10 }, { startsInH: 96, capacity: 10 }]);
    const [a, b] = await Promise.all([signUp('od-d', 'odt-once', body()), signUp('od-d', 'odt-once', body({ sessionId: 's2' }))]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.error.message).toContain('您已报名本次开放日');
    const id = nextId();
    expect((await signUp('od-e', 'odt-once', body({ idNumber: id }))).status).toBe(201);
    const same = await signUp('od-f', 'odt-once', body({ idNumber: id }));
    expect(same.status).toBe(409);
    expect(same.body.error.message).toContain('该身份证号码已报名本次开放日');
    // The refused account holds nothing and may sign up with its own ID number.
    expect((await signUp('od-f', 'odt-once', body())).status).toBe(201);
    const k = key();
    const [x, y] = await Promise.all([signUp('od-g', 'odt-once', body(), k), signUp('od-g', 'odt-once', body(), k)]);
    expect([x.status, y.status].sort()).toEqual([200, 201]);
    expect(x.body.id).toBe(y.body.id);
    expect(await models().Registration.countDocuments({ openDayId: 'odt-once' })).toBe(4);
  });

  test('when 60 citizens in parties of 1–3 sign up at once for 10 places, then never oversold and the rest wait in unique positions', async () => {
    await publish('odt-rush', [{ startsInH: 72, capacity: 10 }]);
    const res = await Promise.all(
      Array.from({ length: 60 }, (_, i) => signUp(`od-rush-${i}`, 'odt-rush', body({ companions: Array.from({ length: i % 3 }, () => ({ name: '王五', idNumber: nextId() })) }))),
    );
    expect(res.every((r) => r.status === 201)).toBe(true);
    const confirmed = res.filter((r) => r.body.status === 'confirmed');
    const waiting = res.filter((r) => r.body.status === 'waitlisted');
    expect(confirmed.length + waiting.length).toBe(60);
    expect(confirmed.reduce((a, r) => a + r.body.partySize, 0)).toBeLessThanOrEqual(10);
    // Positions move up as places are offered during the burst: each answer had one, and now they are 1…k.
    expect(waiting.every((r) => r.body.position >= 1)).toBe(true);
    const { st } = await expectConsistent('odt-rush');
    const now = await Promise.all(res.map((r, i) => get(`od-rush-${i}`, `/me/open-day-registrations/${r.body.id}`)));
    const positions = now.filter((r) => r.body.status === 'waitlisted').map((r) => r.body.position);
    expect(positions.sort((a, b) => a - b)).toEqual(positions.map((_p, i) => i + 1));
    expect(positions).toHaveLength(st.waiting);
  });

  test('when 300 citizens in parties of 1–3 sign up at once for 100 places (placed in groups), then never oversold, nobody twice, and the queue is in the order the answers gave', async () => {
    await publish('odt-group', [{ startsInH: 72, capacity: 100 }]);
    const res = await Promise.all(
      Array.from({ length: 300 }, (_, i) => signUp(`od-group-${i}`, 'odt-group', body({ companions: Array.from({ length: (i * 7) % 3 }, () => ({ name: '王五', idNumber: nextId() })) }))),
    );
    expect(res.map((r) => r.status).filter((c) => c !== 201)).toEqual([]);
    expect(new Set(res.map((r) => r.body.id)).size).toBe(300);
    const confirmed = res.filter((r) => r.body.status === 'confirmed');
    const waiting = res.filter((r) => r.body.status === 'waitlisted');
    expect(confirmed.length + waiting.length).toBe(300);
    const held = confirmed.reduce((a, r) => a + r.body.partySize, 0);
    expect(held).toBeLessThanOrEqual(100);
    // Nobody waits while a party that fits could have been held directly: at most a party's worth is left.
    expect(held).toBeGreaterThan(97);
    const { st, regs } = await expectConsistent('odt-group');
    expect(regs).toHaveLength(300);
    // Arrival order: each waiting party was answered the position it joined at, and the queue runs
    // in that order (ties only where a party ahead was offered places in between and left it).
    const answered = new Map(waiting.map((r) => [r.body.id as string, r.body.position as number]));
    const seqOf = new Map(regs.map((r) => [String(r._id), r.seq]));
    for (const [id, p] of answered) expect(seqOf.get(id)).toBe(p);
    const inQueue = st.queue.map((e) => answered.get(e.split(':')[0])!);
    expect(inQueue).toEqual([...inQueue].sort((a, b) => a - b));
  });
});

describe('waitlist, offers, cancellation, change of session', () => {
  test('when a confirmed party cancels, then the first waiting party that fits is offered the places, told, and can claim them; positions move up', async () => {
    await publish('odt-wait', [{ startsInH: 72, capacity: 2 }, { startsInH: 96, capacity: 1 }]);
    const a = await signUp('od-w1', 'odt-wait', body({ companions: [{ name: '王五', idNumber: nextId() }] }));
    expect(a.body.status).toBe('confirmed');
    const big = await signUp('od-w2', 'odt-wait', body({ companions: [{ name: '王五', idNumber: nextId() }, { name: '赵六', idNumber: nextId() }] }));
    const c = await signUp('od-w3', 'odt-wait', body());
    const d = await signUp('od-w4', 'odt-wait', body());
    expect([big.body.status, big.body.position, c.body.position, d.body.position]).toEqual(['waitlisted', 1, 2, 3]);
    const cancelled = await post('od-w1', `/me/open-day-registrations/${a.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', canCancel: false, changeDeadline: null });
    expect((await post('od-w1', `/me/open-day-registrations/${a.body.id}/cancel`)).body.status).toBe('cancelled');
    await runPlaces();
    // The party of 3 does not fit 2 places: the next two (1 each) are offered, in order.
    const [bigNow, cNow, dNow] = await Promise.all([big, c, d].map((r, i) => get(`od-w${i + 2}`, `/me/open-day-registrations/${r.body.id}`)));
    expect([bigNow.body.status, bigNow.body.position, cNow.body.status, dNow.body.status]).toEqual(['waitlisted', 1, 'offered', 'offered']);
    expect(Date.parse(cNow.body.offerExpiresAt) - Date.now()).toBeGreaterThan(119 * 60_000);
    const inbox = await notificationModels(s.context.mongo).Notification.find({ userId: new Types.ObjectId((await s.login('od-w3')).user.id) }).lean();
    expect(inbox.map((n) => n.kind)).toEqual(['open_day_offer']);
    expect(inbox[0].body).toContain('测试开放日 odt-wait');
    await runPlaces();
    expect(await notificationModels(s.context.mongo).Notification.countDocuments({ kind: 'open_day_offer', userId: inbox[0].userId })).toBe(1);
    const claimed = await post('od-w3', `/me/open-day-registrations/${c.body.id}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body.status).toBe('confirmed');
    expect((await post('od-w3', `/me/open-day-registrations/${c.body.id}/claim`)).status).toBe(200);
    expect((await post('od-w2', `/me/open-day-registrations/${big.body.id}/claim`)).status).toBe(409);
    await expectConsistent('odt-wait');
  });

  test('when an offer is not claimed in time, then it lapses and the places roll to the next party; a late claim is 409', async () => {
    const late = await models().Registration.findOne({ openDayId: 'odt-wait', status: 'offered' }).lean<RegistrationDoc>();
    const next = await signUp('od-w5', 'odt-wait', body());
    expect(next.body).toMatchObject({ status: 'waitlisted', position: 2 });
    setClock(Date.now() + 121 * 60_000);
    await runPlaces();
    const lapsed = await models().Registration.findById(late!._id).lean<RegistrationDoc>();
    expect(lapsed!.status).toBe('lapsed');
    const mine = await get('od-w4', `/me/open-day-registrations/${late!._id}`);
    expect([mine.status, mine.body.status]).toEqual([200, 'lapsed']);
    const claim = await post('od-w4', `/me/open-day-registrations/${late!._id}/claim`);
    expect(claim.status).toBe(409);
    expect(claim.body.error.message).toContain('确认期限已过');
    expect((await get('od-w5', `/me/open-day-registrations/${next.body.id}`)).body.status).toBe('offered');
    await expectConsistent('odt-wait');
  });

  test('when a confirmed party changes to a full session, then 409 and nothing changes; to one with room, the old places are released', async () => {
    await publish('odt-move', [{ startsInH: 72, capacity: 3 }, { startsInH: 96, capacity: 2 }]);
    const a = await signUp('od-m1', 'odt-move', body({ companions: [{ name: '王五', idNumber: nextId() }] }));
    const b = await signUp('od-m2', 'odt-move', body({ sessionId: 's2' }));
    const c = await signUp('od-m3', 'odt-move', body({ sessionId: 's2' }));
    expect([a.body.status, b.body.status, c.body.status]).toEqual(['confirmed', 'confirmed', 'confirmed']);
    const full = await post('od-m1', `/me/open-day-registrations/${a.body.id}/change-session`, { sessionId: 's2' });
    expect(full.status).toBe(409);
    expect(full.body.error.message).toContain('名额已满');
    expect((await state('odt-move', 's1')).placesHeld).toBe(2);
    expect((await get('od-m1', `/me/open-day-registrations/${a.body.id}`)).body.sessionId).toBe('s1');
    const moved = await post('od-m2', `/me/open-day-registrations/${b.body.id}/change-session`, { sessionId: 's1' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ sessionId: 's1', status: 'confirmed' });
    expect([(await state('odt-move', 's1')).placesHeld, (await state('odt-move', 's2')).placesHeld]).toEqual([3, 1]);
    expect((await post('od-m2', `/me/open-day-registrations/${b.body.id}/change-session`, { sessionId: 's1' })).status).toBe(409);
    expect((await post('od-m2', `/me/open-day-registrations/${b.body.id}/change-session`, { sessionId: 's7' })).status).toBe(400);
    expect((await post('od-m2', `/me/open-day-registrations/${b.body.id}/change-session`, {})).body.error.details[0]).toMatchObject({ field: 'sessionId', message: '请选择要改到的场次' });
    // A waiting party moves to the end of the other session's waitlist.
    const w = await signUp('od-m4', 'odt-move', body());
    expect(w.body).toMatchObject({ status: 'waitlisted', position: 1 });
    const w2 = await post('od-m4', `/me/open-day-registrations/${w.body.id}/change-session`, { sessionId: 's2' });
    expect(w2.body).toMatchObject({ sessionId: 's2' });
    await expectConsistent('odt-move', 's1');
    await expectConsistent('odt-move', 's2');
  });

  test('when the cutoff has passed, then cancelling and changing session are 409', async () => {
    await publish('odt-cut', [{ startsInH: 30, capacity: 3 }, { startsInH: 96, capacity: 3 }]);
    const a = await signUp('od-cut', 'odt-cut', body());
    expect(a.body.canCancel).toBe(true);
    setClock(Date.now() + 7 * H);
    const r = await post('od-cut', `/me/open-day-registrations/${a.body.id}/cancel`);
    expect(r.status).toBe(409);
    expect(r.body.error.message).toContain('24 小时内不能取消');
    expect((await post('od-cut', `/me/open-day-registrations/${a.body.id}/change-session`, { sessionId: 's2' })).status).toBe(409);
    expect((await get('od-cut', `/me/open-day-registrations/${a.body.id}`)).body).toMatchObject({ canCancel: false, canChangeSession: false });
  });

  test('when cancellations, claims and expiries interleave at once, then never more places held than capacity', async () => {
    await publish('odt-chaos', [{ startsInH: 72, capacity: 6 }]);
    const res = await Promise.all(Array.from({ length: 24 }, (_, i) => signUp(`od-x${i}`, 'odt-chaos', body({ companions: Array.from({ length: i % 2 }, () => ({ name: '王五', idNumber: nextId() })) }))));
    const byStatus = (st: string) => res.map((r, i) => ({ r, i })).filter((x) => x.r.body.status === st);
    for (let round = 0; round < 4; round++) {
      const confirmed = byStatus('confirmed').slice(round * 2, round * 2 + 2);
      const regs = await models().Registration.find({ openDayId: 'odt-chaos', status: 'offered' }).lean<RegistrationDoc[]>();
      const owner = (id: string) => res.findIndex((r) => r.body.id === id);
      setClock(Date.now() + (round % 2 ? 121 * 60_000 : 0));
      await Promise.all([
        ...confirmed.map(({ r, i }) => post(`od-x${i}`, `/me/open-day-registrations/${r.body.id}/cancel`)),
        ...regs.map((g) => post(`od-x${owner(String(g._id))}`, `/me/open-day-registrations/${g._id}/claim`)),
        ...byStatus('waitlisted').slice(round, round + 2).map(({ r, i }) => post(`od-x${i}`, `/me/open-day-registrations/${r.body.id}/cancel`)),
        runPlaces(),
        runPlaces(),
      ]);
      const st = await state('odt-chaos');
      expect(st.placesHeld).toBeLessThanOrEqual(6);
      realClock();
    }
    await runPlaces();
    await expectConsistent('odt-chaos');
  });
});

describe('check-in', () => {
  let regId: string;
  test('when a confirmed citizen asks for a pass, then a QR text and an 8-character code for this 30-second window; others get 404 or 409', async () => {
    await publish('odt-door', [{ startsInH: 2, capacity: 2 }, { startsInH: 50, capacity: 2 }]);
    const a = await signUp('od-door', 'odt-door', body({ companions: [{ name: '王五', idNumber: nextId() }] }));
    regId = a.body.id;
    const p = await get('od-door', `/me/open-day-registrations/${regId}/pass`);
    expect(p.status).toBe(200);
    expect(p.body.qr).toMatch(new RegExp(`^ZWGK-OD1\\.${regId}\\.\\d+\\.[A-Za-z0-9_-]{22}$`));
    expect(p.body).toMatchObject({ windowSeconds: 30, registrationId: regId });
    expect(p.body.shortCode).toMatch(/^[0-9A-Z]{8}$/);
    expect((await get('od-other', `/me/open-day-registrations/${regId}/pass`)).status).toBe(404);
    const w = await signUp('od-door2', 'odt-door', body());
    expect(w.body.status).toBe('waitlisted');
    expect((await get('od-door2', `/me/open-day-registrations/${w.body.id}/pass`)).status).toBe(409);
  });

  test('when staff scan the current or the previous window, then checked in once (then alreadyCheckedIn), audited; older, tampered, other session refused', async () => {
    const t = Date.now();
    setClock(t - 60_000);
    const old = (await get('od-door', `/me/open-day-registrations/${regId}/pass`)).body;
    setClock(t - 30_000);
    const prev = (await get('od-door', `/me/open-day-registrations/${regId}/pass`)).body;
    setClock(t);
    const staff = await tokenOf('od-events');
    const scan = (code: string, sessionId = 's1') => s.req('POST', `/api/v1/staff/open-days/odt-door/sessions/${sessionId}/check-ins`, { token: staff, body: { code } });
    const older = await scan(old.qr);
    expect(older.status).toBe(409);
    expect(older.body.error.message).toContain('签到码已过期');
    const tampered = await scan(prev.qr.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A')));
    expect(tampered.status).toBe(409);
    expect(tampered.body.error.message).toContain('签到码无效');
    expect((await scan(prev.qr, 's2')).body.error.message).toContain('不属于本场次');
    expect((await scan('12345')).status).toBe(409);
    expect((await s.req('POST', `/api/v1/staff/open-days/odt-door/sessions/s1/check-ins`, { token: await tokenOf('od-door'), body: { code: prev.qr } })).status).toBe(403);
    expect((await s.req('POST', `/api/v1/staff/open-days/odt-door/sessions/s9/check-ins`, { token: staff, body: { code: prev.qr } })).status).toBe(404);
    expect((await s.req('POST', `/api/v1/staff/open-days/odt-door/sessions/s1/check-ins`, { token: staff, body: { code: '' } })).status).toBe(400);
    const ok = await scan(prev.qr);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ registrationId: regId, name: '张**', partySize: 2, status: 'attended', alreadyCheckedIn: false });
    const now = (await get('od-door', `/me/open-day-registrations/${regId}/pass`)).body;
    const again = await scan(now.shortCode.toLowerCase());
    expect(again.body).toMatchObject({ registrationId: regId, alreadyCheckedIn: true });
    const audit = await auditModel(s.context.mongo).find({ action: 'open_day.check_in', targetId: regId }).lean();
    expect(audit).toHaveLength(1);
    expect(audit[0].role).toBe('events');
  });

  test('when a session has ended, then confirmed parties not checked in become no-shows; two no-shows in 180 days restrict to waitlists, told before signing up', async () => {
    const regs: string[] = [];
    for (const id of ['odt-ns1', 'odt-ns2']) {
      await publish(id, [{ startsInH: 30, capacity: 5 }]);
      regs.push((await signUp('od-ns', id, body())).body.id);
    }
    setClock(Date.now() + 40 * H);
    expect(await markNoShows(openDayWorkers(s.context)!.service)).toBeGreaterThanOrEqual(2);
    expect(await markNoShows(openDayWorkers(s.context)!.service)).toBe(0);
    for (const id of regs) expect((await models().Registration.findById(id).lean<RegistrationDoc>())!.status).toBe('no_show');
    await expectConsistent('odt-ns1');
    await publish('odt-ns3', [{ startsInH: 72, capacity: 5 }], {}, Date.now() + 40 * H);
    const d = await get('od-ns', '/open-days/odt-ns3');
    expect(d.body.item.me.restriction).toMatchObject({ waitlistOnly: true, noShows: 2 });
    expect(d.body.item.me.restriction.message).toContain('候补');
    const r = await signUp('od-ns', 'odt-ns3', body());
    expect(r.body).toMatchObject({ status: 'waitlisted', position: 1 });
    await runPlaces();
    expect((await get('od-ns', `/me/open-day-registrations/${r.body.id}`)).body.status).toBe('offered');
  });

  test('when the day before a session comes, then each confirmed party is reminded once', async () => {
    await publish('odt-remind', [{ startsInH: 20, capacity: 5 }]);
    const a = await signUp('od-rem', 'odt-remind', body());
    // Two hours before the session: the reminder (due from 09:00 the day before) is certainly due.
    setClock(NOW + 18 * H);
    const svc = openDayWorkers(s.context)!.service;
    expect(await sendReminders(svc)).toBeGreaterThanOrEqual(1);
    await sendReminders(svc);
    const userId = new Types.ObjectId((await s.login('od-rem')).user.id);
    const inbox = await notificationModels(s.context.mongo).Notification.find({ userId, kind: 'open_day_reminder' }).lean();
    expect(inbox).toHaveLength(1);
    expect(inbox[0].link).toContain(a.body.id);
  });
});

describe('staff views', () => {
  test('when events staff list open days and a session, then counts per session and the waitlist in position order, masked', async () => {
    const staff = await tokenOf('od-events');
    const list = await s.req('GET', '/api/v1/staff/open-days', { token: staff });
    expect(list.status).toBe(200);
    const wait = list.body.items.find((o: any) => o.id === 'odt-wait');
    const { st, regs } = await expectConsistent('odt-wait');
    expect(wait.sessions[0]).toMatchObject({ capacity: 2, placesHeld: st.placesHeld, cancelled: 1, waitlistLength: st.waiting });
    expect(wait.sessions[0].offered).toBe(regs.filter((r) => r.status === 'offered').length);
    const page = await s.req('GET', '/api/v1/staff/open-days/odt-rush/sessions/s1/registrations?status=waitlisted&pageSize=5', { token: staff });
    expect(page.status).toBe(200);
    expect(page.body.items.map((x: any) => x.position)).toEqual([1, 2, 3, 4, 5]);
    expect(page.body.items[0].name).toMatch(/\*/);
    const all = await s.req('GET', '/api/v1/staff/open-days/odt-rush/sessions/s1/registrations?pageSize=200', { token: staff });
    expect(all.body.total).toBe(60);
    expect((await s.req('GET', '/api/v1/staff/open-days/odt-rush/sessions/s1/registrations?status=maybe', { token: staff })).status).toBe(400);
    expect((await s.req('GET', '/api/v1/staff/open-days/odt-rush/sessions/s9/registrations', { token: staff })).status).toBe(404);
    expect((await s.req('GET', '/api/v1/staff/open-days', { token: await tokenOf('od-mod') })).status).toBe(403);
    expect((await s.req('GET', '/api/v1/staff/open-days')).status).toBe(401);
  });

  test('when the list is exported, then events staff get masked data and admin the full data, each export audited', async () => {
    const csv = async (who: string) => s.req('GET', '/api/v1/staff/open-days/odt-sign/sessions/s1/registrations.csv', { token: await tokenOf(who) });
    const masked = await csv('od-events');
    expect(masked.status).toBe(200);
    expect(masked.headers.get('content-type')).toContain('text/csv');
    // fetch's text() drops a BOM: read the bytes.
    const bytes = new Uint8Array(await (await fetch(`${s.url}/api/v1/staff/open-days/odt-sign/sessions/s1/registrations.csv`, { headers: { authorization: `Bearer ${await tokenOf('od-events')}` } })).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(masked.body).toContain('李*');
    expect(masked.body).not.toContain('李小龙');
    const full = await csv('od-admin');
    expect(full.body).toContain('李小龙');
    expect(full.body).toContain('13812345678');
    const audits = await auditModel(s.context.mongo).find({ action: 'open_day.export_csv' }).sort({ at: 1 }).lean();
    expect(audits.map((a) => [a.role, (a.after as any).personalData])).toEqual([
      ['events', false],
      ['events', false],
      ['admin', true],
    ]);
    expect((await csv('od-mod')).status).toBe(403);
  });

  test('when events staff open the workbench, then the open-days tool is listed with its counts', async () => {
    const wb = await s.req('GET', '/api/v1/staff/workbench', { token: await tokenOf('od-events') });
    // Both events tools (open days, then meetings); the open-days one carries its counts.
    expect(wb.body.tools.map((t: any) => t.id)).toEqual(['open-days', 'meetings']);
    expect(wb.body.tools[0]).toMatchObject({ role: 'events', path: '/features/workbench/pages/open-days/index', status: 'ok' });
    expect(wb.body.tools[0].counts.map((c: any) => c.label)).toEqual(['今日场次', '今日待签到', '候补中']);
  });
});
