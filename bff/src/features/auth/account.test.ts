import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { openidFor, phoneFor } from '@zwgk/upstream-sim';
import { eventually, startTestStack, type TestStack } from '../../../test/stack';
import { auditModel } from '../../core/audit';
import { hotlineModels } from '../hotline/model';
import { hotlineWorkers } from '../hotline/routes';
import { notificationModels } from '../notifications/model';
import { authModels } from './model';

let s: TestStack;
const SECRET = 'test-case-callback-secret';

beforeAll(async () => {
  s = await startTestStack({
    env: {
      CASE_CALLBACK_SECRET: SECRET,
      HOTLINE_FORWARD_POLL_MS: '100',
      HOTLINE_SYNC_POLL_MS: '0',
      NOTIFY_SEND_POLL_MS: '100',
      RATE_LIMIT_WRITES_PER_MIN: '10000',
      RATE_LIMIT_IP_WRITES_PER_MIN: '10000',
    },
  });
  await caseSim('PUT', '/__sim/callback', { url: `${s.url}/api/v1/hotline/case-events`, secret: SECRET });
}, 60_000);
afterAll(() => s?.stop());
afterEach(() => s.heal());

async function caseSim(method: string, path: string, body?: unknown) {
  const r = await fetch(s.sims.case.url + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return r.json() as Promise<any>;
}

const profile = (token: string | undefined, body: unknown) => s.req('PUT', '/api/v1/me/profile', { token, body });

describe('PUT /api/v1/me/profile', () => {
  test('when a citizen sets a nickname, then it is trimmed, sealed at rest, and only they see it', async () => {
    const me = await s.login('nick-owner');
    const other = await s.login('nick-other');
    const r = await profile(me.accessToken, { nickname: '  晓明同学 ' });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ id: me.user.id, nickname: '晓明同学' });
    expect((await s.req('GET', '/api/v1/me', { token: me.accessToken })).body.user.nickname).toBe('晓明同学');
    expect((await s.req('GET', '/api/v1/me', { token: other.accessToken })).body.user.nickname).toBeNull();
    const raw = await s.context.mongo.collection('users').findOne({ _id: new Types.ObjectId(me.user.id) });
    expect(raw!.nicknameEnc).toEqual(expect.any(String));
    expect(JSON.stringify(raw)).not.toContain('晓明');
    // Logging in again keeps it: the nickname belongs to the account.
    expect((await s.login('nick-owner')).user.nickname).toBe('晓明同学');
  });

  test('when the nickname holds an emoji sequence of 20 characters or fewer, then it is accepted', async () => {
    const me = await s.login('nick-emoji');
    const r = await profile(me.accessToken, { nickname: '小红👩‍👩‍👧' });
    expect(r.status).toBe(200);
    expect(r.body.user.nickname).toBe('小红👩‍👩‍👧');
  });

  test.each([
    [{}, '请填写昵称'],
    [{ nickname: '   ' }, '请填写昵称'],
    [{ nickname: 42 }, '请填写昵称'],
    [{ nickname: '一二三四五六七八九十一二三四五六七八九十一' }, '昵称最多 20 个字'],
    [{ nickname: '小明\n管理员' }, '昵称不能包含换行或不可见字符'],
    [{ nickname: '小\u0000明' }, '昵称不能包含换行或不可见字符'],
    [{ nickname: '小\u202e明' }, '昵称不能包含换行或不可见字符'],
  ])('when the body is %j, then 400 on the nickname field in Chinese and nothing is stored', async (body, message) => {
    const me = await s.login('nick-bad');
    const r = await profile(me.accessToken, body);
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual([{ field: 'nickname', message }]);
    expect((await s.req('GET', '/api/v1/me', { token: me.accessToken })).body.user.nickname).toBeNull();
  });

  test('when no token is sent, then 401', async () => {
    expect((await profile(undefined, { nickname: '小明' })).status).toBe(401);
  });
});

const form = {
  type: 'complaint',
  title: '小区夜间施工噪音扰民',
  description: '幸福路 12 号工地每晚十一点后仍在施工，噪音很大，影响休息。',
  location: { address: '幸福路 12 号', lat: 30.27, lng: 120.15 },
  contactName: '张三',
  contactAllowed: true,
  anonymous: false,
};
const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a46494600', 'hex'), Buffer.alloc(100, 1)]);

/** A citizen with everything deletion must erase: phone, nickname, a delivered ticket with a photo, a message, a credit, an unattached upload, two sessions. */
async function fullAccount(name: string) {
  const first = await s.login(name);
  const token = first.accessToken;
  expect((await s.req('POST', '/api/v1/auth/phone', { token, body: { code: `sim-${name}` } })).status).toBe(200);
  expect((await profile(token, { nickname: `${name}昵称` })).status).toBe(200);
  const grant = await s.req('POST', '/api/v1/me/subscriptions', { token, body: { results: { 'sim-tmpl-case-progress': 'accept' } }, headers: { 'Idempotency-Key': `k-${randomUUID()}` } });
  expect(grant.status).toBeLessThan(300);
  const upload = async () => {
    const fd = new FormData();
    fd.append('file', new Blob([JPEG], { type: 'image/jpeg' }), 'photo.jpg');
    const res = await fetch(`${s.url}/api/v1/hotline/photos`, { method: 'POST', body: fd, headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const photoId = await upload();
  await upload(); // never attached
  const sub = await s.req('POST', '/api/v1/hotline/tickets', { token, body: { ...form, photoIds: [photoId] }, headers: { 'Idempotency-Key': `k-${randomUUID()}` } });
  expect(sub.status).toBe(201);
  const trackingNo = sub.body.trackingNo as string;
  const delivered = await eventually(async () => {
    const d = await s.req('GET', `/api/v1/hotline/tickets/${trackingNo}`, { token });
    return d.body.caseTicketNo ? d.body : null;
  });
  await caseSim('POST', '/__sim/advance', { ticketNo: delivered.caseTicketNo });
  await eventually(async () => (await s.req('GET', '/api/v1/me/notifications', { token })).body.items?.length === 1);
  const second = await s.login(name);
  return { first, second, token, userId: first.user.id as string, trackingNo };
}

describe('DELETE /api/v1/me', () => {
  test('when a citizen deletes their account, then their personal data is gone, every session ends, their tickets stay anonymised, and another citizen is untouched', async () => {
    const a = await fullAccount('erase-me');
    const b = await fullAccount('keep-me');
    const userId = new Types.ObjectId(a.userId);
    const { Ticket, Photo } = hotlineModels(s.context.mongo);
    const { Notification, Credit } = notificationModels(s.context.mongo);

    const r = await s.req('DELETE', '/api/v1/me', { token: a.token });
    expect(r.status).toBe(204);

    // Every session of the account ends: access and refresh tokens of both logins.
    for (const l of [a.first, a.second]) {
      expect((await s.req('GET', '/api/v1/me', { token: l.accessToken })).status).toBe(401);
      expect((await s.req('POST', '/api/v1/auth/refresh', { body: { refreshToken: l.refreshToken } })).status).toBe(401);
    }
    // The user record keeps no identity: no openid, phone, nickname or roles.
    const raw = await s.context.mongo.collection('users').findOne({ _id: userId });
    expect(raw).toMatchObject({ openid: `erased:${a.userId}`, roles: [], erasedAt: expect.any(Date) });
    for (const f of ['phoneEnc', 'phoneIndex', 'nicknameEnc', 'unionid']) expect(raw![f] ?? null).toBeNull();
    expect(JSON.stringify(raw)).not.toContain(openidFor('erase-me'));
    // The ticket stays for the statistics and the case file, without personal data or photos.
    const ticket = await Ticket.findOne({ trackingNo: a.trackingNo }).lean();
    expect(ticket).toMatchObject({ title: form.title, type: 'complaint', caseTicketNo: expect.any(String), contactNameEnc: null, contactPhoneEnc: null, descriptionEnc: null, locationEnc: null, location: null, photoIds: [], erasedAt: expect.any(Date) });
    expect(await Photo.countDocuments({ ownerId: userId })).toBe(0);
    expect(await Notification.countDocuments({ userId })).toBe(0);
    expect(await Credit.countDocuments({ userId })).toBe(0);
    expect(await authModels(s.context.mongo).SessionFamily.countDocuments({ userId, revokedAt: null })).toBe(0);
    // One audit record, with ids and counts only.
    const audits = await auditModel(s.context.mongo).find({ action: 'account.delete', targetId: a.userId }).lean();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: a.userId, role: 'citizen', after: { ticketsAnonymised: 1, messagesDeleted: 1 } });
    expect(JSON.stringify(audits[0])).not.toMatch(new RegExp(`${phoneFor('erase-me')}|${openidFor('erase-me')}|昵称|张三`));

    // The other citizen keeps everything.
    const bMe = await s.req('GET', '/api/v1/me', { token: b.token });
    expect(bMe.body.user).toMatchObject({ nickname: 'keep-me昵称', phoneMasked: expect.stringMatching(/\*{4}/) });
    const bTicket = await s.req('GET', `/api/v1/hotline/tickets/${b.trackingNo}`, { token: b.token });
    expect(bTicket.body).toMatchObject({ description: form.description, photos: [expect.anything()] });
    expect((await s.req('GET', '/api/v1/me/notifications', { token: b.token })).body.items).toHaveLength(1);

    // A second DELETE is refused as signed out and changes nothing.
    const again = await s.req('DELETE', '/api/v1/me', { token: a.token });
    expect(again.status).toBe(401);
    expect(await auditModel(s.context.mongo).countDocuments({ action: 'account.delete', targetId: a.userId })).toBe(1);

    // The same WeChat identity logging in again gets a fresh, empty account.
    const fresh = await s.login('erase-me');
    expect(fresh.user.id).not.toBe(a.userId);
    expect(fresh.user).toMatchObject({ nickname: null, phoneMasked: null });
    expect((await s.req('GET', '/api/v1/hotline/tickets', { token: fresh.accessToken })).body.total).toBe(0);
    expect((await s.req('GET', '/api/v1/me/notifications', { token: fresh.accessToken })).body.items).toHaveLength(0);
  }, 30_000);

  test('when the token store fails half-way, then 503, and a repeat with the same token finishes the deletion with one audit record', async () => {
    const l = await s.login('erase-retry');
    expect((await profile(l.accessToken, { nickname: '重试' })).status).toBe(200);
    const revoke = s.context.tokens.revokeFamily;
    s.context.tokens.revokeFamily = async () => Promise.reject(new Error('redis down'));
    try {
      const r = await s.req('DELETE', '/api/v1/me', { token: l.accessToken });
      expect(r.status).toBe(503);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    } finally {
      s.context.tokens.revokeFamily = revoke;
    }
    expect((await s.req('DELETE', '/api/v1/me', { token: l.accessToken })).status).toBe(204);
    expect((await s.req('GET', '/api/v1/me', { token: l.accessToken })).status).toBe(401);
    expect(await auditModel(s.context.mongo).countDocuments({ action: 'account.delete', targetId: l.user.id })).toBe(1);
  });

  test('when a request has not reached the case system yet, then after deletion it is never sent (withdrawn)', async () => {
    const { accessToken: token } = await s.login('erase-pending');
    await s.sims.case.setFaults({ mode: 'down' });
    const sub = await s.req('POST', '/api/v1/hotline/tickets', { token, body: { ...form, contactPhone: '13800002222' }, headers: { 'Idempotency-Key': `k-${randomUUID()}` } });
    expect(sub.status).toBe(201);
    const { Ticket } = hotlineModels(s.context.mongo);
    // Its first attempt has met the outage and it waits for the next one (an attempt still in
    // flight at deletion would finish with what it read).
    await eventually(async () => {
      const t = await Ticket.findOne({ trackingNo: sub.body.trackingNo }).lean();
      return t && t.forward.attempts >= 1 && t.forward.leaseId === null ? t : null;
    }, 15_000);
    expect((await s.req('DELETE', '/api/v1/me', { token })).status).toBe(204);
    await s.heal();
    hotlineWorkers(s.context)!.forwarder.kick();
    const done = await eventually(async () => {
      const t = await Ticket.findOne({ trackingNo: sub.body.trackingNo }).lean();
      return t?.forward.state === 'withdrawn' ? t : null;
    });
    expect(done.caseTicketNo).toBeNull();
    const atCase = (await s.sims.case.state()).tickets as { idempotencyKey: string }[];
    expect(atCase.some((t) => t.idempotencyKey === `zwgk-${sub.body.trackingNo}`)).toBe(false);
  });

  test('when no token is sent, then 401 and nothing is erased', async () => {
    const before = await s.context.mongo.collection('users').countDocuments({ erasedAt: { $ne: null } });
    expect((await s.req('DELETE', '/api/v1/me')).status).toBe(401);
    expect(await s.context.mongo.collection('users').countDocuments({ erasedAt: { $ne: null } })).toBe(before);
  });
});
