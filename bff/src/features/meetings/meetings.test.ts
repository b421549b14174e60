import { createHash, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { Types } from 'mongoose';
import { openidFor } from '@zwgk/upstream-sim';
import { cacheKeys } from '../../core/cache';
import { toChinaIso } from '../../core/calendar';
import { startTestStack, type TestStack } from '../../../test/stack';
import { notificationModels } from '../notifications';
import { meetingWorkers } from './index';
import { applicationNameAad, meetingModels } from './model';

/**
 * Meeting observation against the real stack (Redis, the MongoDB-wire server, the portal
 * simulator). Meetings are published through the simulator's test hook with dates relative to
 * T0; the app clock is moved past the close and the start as the tests go (they run in order).
 */
let s: TestStack;
const H = 3_600_000;
const T0 = new Date();
const CLOSE = new Date(T0.getTime() + 24 * H);
const START = new Date(T0.getTime() + 72 * H);
const AFTER_CLOSE = new Date(CLOSE.getTime() + H);
const AFTER_START = new Date(START.getTime() + H);
const setClock = (d: Date) => {
  s.context.now = () => d;
};
const iso = (d: Date) => toChinaIso(d);
const repo = path.resolve(__dirname, '../../../..');

function meeting(id: string, selection: 'review' | 'lottery', seats: Record<string, number>, title = `测试会议 ${id}`) {
  return {
    id,
    title,
    organizer: '江海市人民政府办公室',
    startsAt: iso(START),
    location: '市政府第一会议室',
    agenda: ['审议某办法（草案）', '听取某工作汇报'],
    seats: { public: 0, stakeholder: 0, expert: 0, media: 0, ...seats },
    applicationClosesAt: iso(CLOSE),
    selection,
  };
}

beforeAll(async () => {
  s = await startTestStack({
    env: {
      STAFF_ROLES: `${openidFor('mt-events')}:events,${openidFor('mt-admin')}:admin,${openidFor('mt-mod')}:moderator`,
      RATE_LIMIT_WRITES_PER_MIN: '100000',
      RATE_LIMIT_IP_WRITES_PER_MIN: '100000',
      MEETING_TASK_POLL_MS: '3600000',
    },
  });
  setClock(T0);
  for (const m of [
    meeting('mt-review', 'review', { public: 2, stakeholder: 1 }),
    meeting('mt-lot', 'lottery', { public: 3, media: 1 }),
    meeting('mt-lot2', 'lottery', { public: 1, expert: 1 }),
    meeting('mt-nosrc', 'lottery', { public: 1 }),
  ]) {
    const r = await fetch(`${s.sims.portal.url}/__sim/content/meetings/${m.id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(m) });
    if (r.status >= 300) throw new Error(`sim put ${m.id}: ${r.status} ${await r.text()}`);
  }
}, 60_000);
afterAll(() => s?.stop());

const tokenOf = (name: string) => s.tokenOf(name);
const key = () => `k-${randomUUID()}`;
const PUBLIC_APP = { category: 'public', reason: '我是附近居民，关心养老设施建设。' };
async function apply(name: string, id: string, body: Record<string, unknown> = PUBLIC_APP, k = key()) {
  return s.req('POST', `/api/v1/meetings/${id}/applications`, { token: await tokenOf(name), body, headers: { 'Idempotency-Key': k } });
}
const staff = () => tokenOf('mt-events');
const models = () => meetingModels(s.context.mongo);
const runTask = () => meetingWorkers(s.context)!.task.runOnce();
async function inbox(name: string) {
  const me = await s.login(name);
  return notificationModels(s.context.mongo).Notification.find({ userId: new Types.ObjectId(me.user.id) }).lean();
}

/** The draw recomputed here with node:crypto only (not draw.ts), from the published data. */
function recompute(roster: string[], publicValue: string, seats: number) {
  const h = (t: string) => createHash('sha256').update(t, 'utf8').digest();
  const sorted = [...roster].sort();
  const rosterHash = h(sorted.map((n) => `${n}\n`).join('')).toString('hex');
  const seed = h(`${rosterHash}|${publicValue}`).toString('hex');
  const order = [...sorted];
  let k = 0;
  for (let i = order.length - 1; i >= 1; i--) {
    const m = BigInt(i + 1);
    const limit = ((1n << 64n) / m) * m;
    let r: bigint;
    do r = h(`${seed}:${k++}`).readBigUInt64BE(0);
    while (r >= limit);
    const j = Number(r % m);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return { rosterHash, seed, order, chosen: order.slice(0, seats) };
}

function verifyDraw(url: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(repo, 'scripts/verify-draw.mjs'), url], (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr });
    });
  });
}

describe('meeting pages', () => {
  test('when the list is asked for signed out, then the published meetings are open by the server clock, without my status', async () => {
    const r = await s.req('GET', '/api/v1/meetings');
    expect(r.status).toBe(200);
    const mine = r.body.items.filter((m: any) => m.id.startsWith('mt-'));
    expect(mine.map((m: any) => m.id).sort()).toEqual(['mt-lot', 'mt-lot2', 'mt-nosrc', 'mt-review']);
    expect(mine.find((m: any) => m.id === 'mt-review')).toMatchObject({ phase: 'open', phaseLabel: '接受申请', selectionLabel: '审核选定', totalSeats: 3, myStatus: null });
    // 接受申请 first.
    expect(r.body.items[0].phase).toBe('open');
  });

  test('when one meeting is asked for, then agenda, seats per category, selection and no `me` signed out; 404 unknown, 400 malformed', async () => {
    const r = await s.req('GET', '/api/v1/meetings/mt-lot');
    expect(r.status).toBe(200);
    expect(r.body.item).toMatchObject({ canApply: true, drawSource: null, drawPublished: false, observers: [], opinions: [], me: null, selection: 'lottery' });
    expect(r.body.item.seats.map((c: any) => [c.category, c.label, c.seats])).toEqual([
      ['public', '公众', 3],
      ['stakeholder', '利益相关方', 0],
      ['expert', '专家', 0],
      ['media', '媒体', 1],
    ]);
    const missing = await s.req('GET', '/api/v1/meetings/mt-none');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('没有找到这次会议，可能已被撤下');
    const bad = await s.req('GET', '/api/v1/meetings/bad%20id');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ field: 'id', message: '会议编号格式不正确' });
  });
});

describe('applying', () => {
  test('when a citizen applies with a real name, then 201 with a 6-digit draw number; the name is sealed to the application and shown masked; the same key replays', async () => {
    const k = key();
    const r = await apply('mt-alice', 'mt-review', { ...PUBLIC_APP, name: '张三丰' }, k);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ meetingId: 'mt-review', category: 'public', status: 'submitted', statusLabel: '已提交', canWithdraw: true, replayed: false });
    expect(r.body.drawNumber).toMatch(/^\d{6}$/);
    const again = await apply('mt-alice', 'mt-review', { ...PUBLIC_APP, reason: '换了理由也还是同一份申请。' }, k);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toMatchObject({ id: r.body.id, drawNumber: r.body.drawNumber, replayed: true });
    const doc = await models().Application.findById(r.body.id).lean();
    expect(doc!.nameEnc).not.toContain('张三丰');
    expect(s.context.cipher.decrypt(doc!.nameEnc!, applicationNameAad(doc!._id))).toBe('张三丰');
    expect(doc!.nameMasked).toBe('张**');
    const other = await apply('mt-alice', 'mt-review', PUBLIC_APP);
    expect(other.status).toBe(409);
    expect(other.body.error.message).toContain('每人每次会议只能申请一次');
  });

  test('when the input is wrong, then 400 naming the field in Chinese; signed out 401; no key 400; a category without seats 400', async () => {
    const noOrg = await apply('mt-bob', 'mt-review', { category: 'stakeholder', reason: '我是小区业委会成员。' });
    expect(noOrg.status).toBe(400);
    expect(noOrg.body.error.details.map((d: any) => d.field).sort()).toEqual(['organisation', 'qualification']);
    expect(noOrg.body.error.details.find((d: any) => d.field === 'organisation').message).toBe('以利益相关方身份申请，请填写所在单位');
    const short = await apply('mt-bob', 'mt-review', { category: 'public', reason: '想去' });
    expect(short.status).toBe(400);
    expect(short.body.error.details[0]).toMatchObject({ field: 'reason', message: '请至少用 5 个字说明申请列席的理由' });
    const long = await apply('mt-bob', 'mt-review', { category: 'public', reason: '长'.repeat(501) });
    expect(long.body.error.details[0].message).toBe('理由请控制在 500 字以内');
    const noSeats = await apply('mt-bob', 'mt-review', { category: 'expert', reason: '我研究养老政策多年。', organisation: '江海大学', qualification: '社会保障学教授' });
    expect(noSeats.status).toBe(400);
    expect(noSeats.body.error.details[0]).toMatchObject({ field: 'category', message: '本次会议不设专家列席名额，请选择其他类别' });
    expect((await s.req('POST', '/api/v1/meetings/mt-review/applications', { body: PUBLIC_APP, headers: { 'Idempotency-Key': key() } })).status).toBe(401);
    const noKey = await s.req('POST', '/api/v1/meetings/mt-review/applications', { token: await tokenOf('mt-bob'), body: PUBLIC_APP });
    expect(noKey.status).toBe(400);
    expect((await apply('mt-bob', 'mt-none')).status).toBe(404);
    expect(await models().Application.countDocuments({ meetingId: 'mt-review', userId: new Types.ObjectId((await s.login('mt-bob')).user.id) })).toBe(0);
  });

  test('when one person sends 12 applications at once (other keys, and one key twice), then exactly one is stored; the rest are 409 or replays', async () => {
    const token = await tokenOf('mt-burst');
    const same = key();
    const keys = [same, same, ...Array.from({ length: 10 }, key)];
    const rs = await Promise.all(keys.map((k) => s.req('POST', '/api/v1/meetings/mt-lot/applications', { token, body: PUBLIC_APP, headers: { 'Idempotency-Key': k } })));
    const created = rs.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    expect(rs.every((r) => [200, 201, 409].includes(r.status))).toBe(true);
    const userId = new Types.ObjectId((await s.login('mt-burst')).user.id);
    expect(await models().Application.countDocuments({ meetingId: 'mt-lot', userId })).toBe(1);
    expect(new Set(rs.filter((r) => r.status < 300).map((r) => r.body.id)).size).toBe(1);
  });

  test('when no name is given, then the account nickname is used (masked), else a neutral placeholder', async () => {
    const token = await tokenOf('mt-nick');
    expect((await s.req('PUT', '/api/v1/me/profile', { token, body: { nickname: '李小龙' } })).status).toBe(200);
    const nick = await apply('mt-nick', 'mt-lot');
    expect(nick.status).toBe(201);
    const anon = await apply('mt-anon', 'mt-lot');
    const docs = await models().Application.find({ _id: { $in: [nick.body.id, anon.body.id] } }).lean();
    const byId = new Map(docs.map((d) => [String(d._id), d]));
    expect(byId.get(nick.body.id)).toMatchObject({ nameMasked: '李**', nameSource: 'nickname' });
    expect(byId.get(anon.body.id)).toMatchObject({ nameMasked: '市民**', nameSource: 'placeholder', nameEnc: null });
  });

  test('when an applicant withdraws before the close and applies again, then the application is renewed with its draw number; someone else cannot withdraw it', async () => {
    const a = await apply('mt-wd', 'mt-review');
    const foreign = await s.req('POST', `/api/v1/me/meeting-applications/${a.body.id}/withdraw`, { token: await tokenOf('mt-bob') });
    expect(foreign.status).toBe(404);
    const w = await s.req('POST', `/api/v1/me/meeting-applications/${a.body.id}/withdraw`, { token: await tokenOf('mt-wd') });
    expect(w.status).toBe(200);
    expect(w.body).toMatchObject({ status: 'withdrawn', canWithdraw: false });
    const again = await s.req('POST', `/api/v1/me/meeting-applications/${a.body.id}/withdraw`, { token: await tokenOf('mt-wd') });
    expect(again.status).toBe(409);
    const renewed = await apply('mt-wd', 'mt-review');
    expect(renewed.status).toBe(201);
    expect(renewed.body).toMatchObject({ id: a.body.id, drawNumber: a.body.drawNumber, status: 'submitted' });
    expect((await s.req('POST', '/api/v1/me/meeting-applications/zzz/withdraw', { token: await tokenOf('mt-wd') })).status).toBe(400);
  });

  test('when several citizens apply to the lottery meetings, then each gets the next draw number of that meeting, in arrival order', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 7; i++) {
      const body = i === 6 ? { category: 'media', reason: '本报长期关注民生实事。', organisation: '江海日报', qualification: '记者证 A123' } : PUBLIC_APP;
      const r = await apply(`mt-l${i}`, 'mt-lot', body);
      expect(r.status).toBe(201);
      numbers.push(r.body.drawNumber);
    }
    expect([...numbers].sort()).toEqual(numbers);
    expect(new Set(numbers).size).toBe(7);
    const first = await apply('mt-m0', 'mt-lot2', PUBLIC_APP);
    expect(first.body.drawNumber).toBe('000001');
    for (let i = 1; i < 3; i++) await apply(`mt-m${i}`, 'mt-lot2', PUBLIC_APP);
    await apply('mt-m0b', 'mt-lot2', { category: 'expert', reason: '长期从事城市治理研究。', organisation: '江海大学', qualification: '教授' });
  });

  test('when a signed-in citizen opens the meeting and their list, then `me.application` and myStatus show their application', async () => {
    const token = await tokenOf('mt-alice');
    const d = await s.req('GET', '/api/v1/meetings/mt-review', { token });
    expect(d.body.item.me.application).toMatchObject({ meetingId: 'mt-review', status: 'submitted' });
    expect(d.body.item.myStatus).toBe('submitted');
    const mine = await s.req('GET', '/api/v1/me/meeting-applications', { token });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: any) => i.meetingId)).toEqual(['mt-review']);
    expect((await s.req('GET', '/api/v1/me/meeting-applications')).status).toBe(401);
  });
});

describe('review (selection = review)', () => {
  const reviewers: string[] = [];
  test('when staff review before the close, then 409 申请尚未截止; a citizen 403, a moderator 403, signed out 401', async () => {
    for (const n of ['mt-r1', 'mt-r2', 'mt-r3', 'mt-r4', 'mt-r5']) reviewers.push((await apply(n, 'mt-review')).body.id);
    const path = `/api/v1/staff/meetings/mt-review/applications/${reviewers[0]}/review`;
    const early = await s.req('POST', path, { token: await staff(), body: { decision: 'accept', reason: '符合条件' } });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('申请尚未截止');
    expect((await s.req('POST', path, { token: await tokenOf('mt-alice'), body: { decision: 'accept', reason: '符合条件' } })).status).toBe(403);
    expect((await s.req('POST', path, { token: await tokenOf('mt-mod'), body: { decision: 'accept', reason: '符合条件' } })).status).toBe(403);
    expect((await s.req('POST', path, { body: { decision: 'accept', reason: '符合条件' } })).status).toBe(401);
  });

  test('when the close has passed, then applying is 409 and a submitted application cannot be withdrawn', async () => {
    setClock(AFTER_CLOSE);
    const late = await apply('mt-late', 'mt-review');
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('截止申请');
    const w = await s.req('POST', `/api/v1/me/meeting-applications/${reviewers[4]}/withdraw`, { token: await tokenOf('mt-r5') });
    expect(w.status).toBe(409);
  });

  test('when staff accept 6 public applications at once for 2 seats, then exactly 2 are selected and the rest 409; audited; the applicants are told', async () => {
    const publicIds = [...reviewers, (await models().Application.findOne({ meetingId: 'mt-review', drawNumber: { $exists: true }, nameMasked: '张**' }).lean())!._id.toString()];
    const token = await staff();
    const rs = await Promise.all(
      publicIds.map((id) => s.req('POST', `/api/v1/staff/meetings/mt-review/applications/${id}/review`, { token, body: { decision: 'accept', reason: '关注养老议题' } })),
    );
    expect(rs.filter((r) => r.status === 200)).toHaveLength(2);
    const rest = rs.filter((r) => r.status !== 200);
    expect(rest.every((r) => r.status === 409)).toBe(true);
    expect(rest[0].body.error.message).toBe('公众类别的 2 个名额已全部选定');
    expect(await models().Application.countDocuments({ meetingId: 'mt-review', status: 'selected' })).toBe(2);
    const state = await models().State.findOne({ meetingId: 'mt-review' }).lean();
    expect(state!.selected.public).toBe(2);
    const accepted = rs.find((r) => r.status === 200)!;
    expect(accepted.body).toMatchObject({ status: 'selected', decisionReason: '关注养老议题', name: expect.stringMatching(/\*/) });
    const audits = await s.context.mongo.collection('audit_log').countDocuments({ action: 'meeting.application.accept' });
    expect(audits).toBe(2);
    await runTask();
    const selectedDoc = await models().Application.findById(accepted.body.id).lean();
    const notes = await notificationModels(s.context.mongo).Notification.find({ userId: selectedDoc!.userId }).lean();
    expect(notes.map((n) => n.title)).toEqual(['您已被选定列席会议']);
    await runTask();
    expect(await notificationModels(s.context.mongo).Notification.countDocuments({ userId: selectedDoc!.userId })).toBe(1);
  });

  test('when staff decline with a reason or decide twice, then declined is stored and the second decision 409; bad input 400; unknown 404', async () => {
    const token = await staff();
    const pending = await models().Application.findOne({ meetingId: 'mt-review', status: 'submitted' }).lean();
    const p = `/api/v1/staff/meetings/mt-review/applications/${pending!._id}/review`;
    const bad = await s.req('POST', p, { token, body: { decision: 'maybe', reason: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.field).sort()).toEqual(['decision', 'reason']);
    const d = await s.req('POST', p, { token, body: { decision: 'decline', reason: '名额已满' } });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ status: 'declined', statusLabel: '未选定', decisionReason: '名额已满' });
    expect((await s.req('POST', p, { token, body: { decision: 'accept', reason: '改主意' } })).status).toBe(409);
    expect((await s.req('POST', `/api/v1/staff/meetings/mt-review/applications/${new Types.ObjectId()}/review`, { token, body: { decision: 'accept', reason: '符合' } })).status).toBe(404);
  });

  test('when a selected observer withdraws under review, then the seat is given back and another can be accepted', async () => {
    const sel = await models().Application.findOne({ meetingId: 'mt-review', status: 'selected' }).lean();
    const owner = (await s.context.mongo.collection('users').findOne({ _id: sel!.userId })) as any;
    expect(owner).toBeTruthy();
    const name = ['mt-alice', 'mt-wd', 'mt-r1', 'mt-r2', 'mt-r3', 'mt-r4', 'mt-r5'];
    let token = '';
    for (const n of name) if ((await s.login(n)).user.id === String(sel!.userId)) token = await tokenOf(n);
    const w = await s.req('POST', `/api/v1/me/meeting-applications/${sel!._id}/withdraw`, { token });
    expect(w.status).toBe(200);
    expect((await models().State.findOne({ meetingId: 'mt-review' }).lean())!.selected.public).toBe(1);
    const next = await models().Application.findOne({ meetingId: 'mt-review', status: 'submitted', category: 'public' }).lean();
    const r = await s.req('POST', `/api/v1/staff/meetings/mt-review/applications/${next!._id}/review`, { token: await staff(), body: { decision: 'accept', reason: '递补' } });
    expect(r.status).toBe(200);
  });

  test('when an applicant agreed to subscribe messages, then the decision also reaches WeChat on the meeting template, once', async () => {
    const pending = await models().Application.findOne({ meetingId: 'mt-review', status: 'submitted' }).lean();
    expect(pending).toBeTruthy();
    let who = '';
    for (const n of ['mt-alice', 'mt-wd', 'mt-r1', 'mt-r2', 'mt-r3', 'mt-r4', 'mt-r5']) if ((await s.login(n)).user.id === String(pending!.userId)) who = n;
    expect(who).not.toBe('');
    const consent = await s.req('POST', '/api/v1/me/subscriptions', {
      token: await tokenOf(who),
      body: { results: { 'sim-tmpl-meeting-result': 'accept' } },
      headers: { 'Idempotency-Key': key() },
    });
    expect(consent.status).toBe(201);
    const flows = await s.req('GET', '/api/v1/me/subscriptions', { token: await tokenOf(who) });
    expect(flows.body.flows.meeting).toEqual(['sim-tmpl-meeting-result']);
    const d = await s.req('POST', `/api/v1/staff/meetings/mt-review/applications/${pending!._id}/review`, { token: await staff(), body: { decision: 'decline', reason: '议题相关性较弱' } });
    expect(d.status).toBe(200);
    await runTask();
    await runTask();
    const sent = async () => {
      const r = await fetch(`${s.sims.wechat.url}/__sim/messages?touser=${openidFor(who)}`);
      return ((await r.json()) as any).messages.filter((m: any) => m.template_id === 'sim-tmpl-meeting-result');
    };
    const deadline = Date.now() + 8000;
    while ((await sent()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const msgs = await sent();
    expect(msgs).toHaveLength(1);
    expect(msgs[0].data.phrase2.value).toBe('未选定');
    expect(msgs[0].data.time3.value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });
});

describe('the draw (selection = lottery)', () => {
  test('when staff state the source before the close, then it shows on the meeting page; a review meeting 409; bad input 400; a citizen 403', async () => {
    setClock(T0);
    const token = await staff();
    const src = '2026年12月某日公布的福利彩票“双色球”开奖号码（按公布顺序）';
    const r = await s.req('PUT', '/api/v1/staff/meetings/mt-lot/draw-source', { token, body: { source: src } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: 'mt-lot', drawSource: src, selection: 'lottery', drawsPending: [] });
    expect((await s.req('PUT', '/api/v1/staff/meetings/mt-lot2/draw-source', { token, body: { source: src } })).status).toBe(200);
    const page = await s.req('GET', '/api/v1/meetings/mt-lot');
    expect(page.body.item.drawSource).toBe(src);
    const review = await s.req('PUT', '/api/v1/staff/meetings/mt-review/draw-source', { token, body: { source: src } });
    expect(review.status).toBe(409);
    const bad = await s.req('PUT', '/api/v1/staff/meetings/mt-lot/draw-source', { token, body: { source: '彩票' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('source');
    expect((await s.req('PUT', '/api/v1/staff/meetings/mt-lot/draw-source', { token: await tokenOf('mt-alice'), body: { source: src } })).status).toBe(403);
    expect((await s.req('PUT', '/api/v1/staff/meetings/mt-none/draw-source', { token, body: { source: src } })).status).toBe(404);
  });

  test('when staff draw before the close, then 409; after the close the source cannot change (409); without a source 409', async () => {
    const token = await staff();
    const early = await s.req('POST', '/api/v1/staff/meetings/mt-lot/draws', { token, body: { category: 'public', publicValue: '03 07 12 19 25 31 + 09' } });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('申请尚未截止');
    setClock(AFTER_CLOSE);
    expect((await s.req('PUT', '/api/v1/staff/meetings/mt-lot/draw-source', { token, body: { source: '改成另一个来源的开奖号码' } })).status).toBe(409);
    const noSrc = await s.req('POST', '/api/v1/staff/meetings/mt-nosrc/draws', { token, body: { category: 'public', publicValue: '1234' } });
    expect(noSrc.status).toBe(409);
    expect(noSrc.body.error.message).toBe('尚未公布公开随机数来源，不能抽签');
    const bad = await s.req('POST', '/api/v1/staff/meetings/mt-lot/draws', { token, body: { category: 'public', publicValue: ' 12 ' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ field: 'publicValue', message: '随机数首尾不能有空格，请按公布内容原样填写' });
    expect((await s.req('POST', '/api/v1/staff/meetings/mt-review/draws', { token, body: { category: 'public', publicValue: '1' } })).status).toBe(409);
  });

  test('when the close has passed, then the public draw shows each frozen roster (sorted, masked names, hash) before any draw', async () => {
    const r = await s.req('GET', '/api/v1/meetings/mt-lot/draw');
    expect(r.status).toBe(200);
    const pub = r.body.categories.find((c: any) => c.category === 'public');
    expect(r.body.categories.map((c: any) => c.category)).toEqual(['public', 'media']);
    expect(pub.roster).toHaveLength(9); // mt-burst, mt-nick, mt-anon and six of mt-l*
    expect([...pub.roster].sort()).toEqual(pub.roster);
    expect(pub.rosterNames).toHaveLength(9);
    expect(pub.rosterNames.every((n: string) => n.includes('*'))).toBe(true);
    expect(pub.rosterHash).toBe(createHash('sha256').update(pub.roster.map((n: string) => `${n}\n`).join('')).digest('hex'));
    expect(pub).toMatchObject({ publicValue: null, seed: null, order: [], chosen: [], drawnAt: null, seats: 3 });
    expect((await s.req('GET', '/api/v1/meetings/mt-none/draw')).status).toBe(404);
  });

  const VALUE = '03 07 12 19 25 31 + 09';
  test('when staff run the draw, then the published order recomputes independently (node:crypto) and by scripts/verify-draw.mjs (exit 0); the first seats are selected, the rest reserves', async () => {
    const token = await staff();
    const r = await s.req('POST', '/api/v1/staff/meetings/mt-lot/draws', { token, body: { category: 'public', publicValue: VALUE } });
    expect(r.status).toBe(200);
    const pub = (await s.req('GET', '/api/v1/meetings/mt-lot/draw')).body.categories.find((c: any) => c.category === 'public');
    const mine = recompute(pub.roster, pub.publicValue, pub.seats);
    expect(pub).toMatchObject({ publicValue: VALUE, rosterHash: mine.rosterHash, seed: mine.seed, order: mine.order, chosen: mine.chosen });
    expect(pub.publicValueSource).toContain('双色球');
    const apps = await models().Application.find({ meetingId: 'mt-lot', category: 'public' }).lean();
    const byNo = new Map(apps.map((a) => [a.drawNumber, a]));
    expect(mine.chosen.map((n) => byNo.get(n)!.status)).toEqual(['selected', 'selected', 'selected']);
    expect(mine.order.slice(3).map((n) => [byNo.get(n)!.status, byNo.get(n)!.reserveRank])).toEqual(mine.order.slice(3).map((_n, i) => ['reserve', i + 1]));
    // A different public value gives a different order.
    expect(recompute(pub.roster, '03 07 12 19 25 31 + 10', pub.seats).order).not.toEqual(pub.order);
    const v = await verifyDraw(`${s.url}/api/v1/meetings/mt-lot/draw`);
    expect(v.out).toContain('OK       seed');
    expect(v.code).toBe(0);
    expect(await s.context.mongo.collection('audit_log').countDocuments({ action: 'meeting.draw' })).toBe(1);
    await runTask();
    const reserve = byNo.get(mine.order[3])!;
    const notes = await notificationModels(s.context.mongo).Notification.find({ userId: reserve.userId }).lean();
    expect(notes.map((n) => n.title)).toEqual(['列席抽签结果：候补']);
    expect(notes[0].body).toContain('第 1 位候补');
  });

  test('when the published public value is altered, then verify-draw reports MISMATCH and exits 1', async () => {
    const real = (await s.req('GET', '/api/v1/meetings/mt-lot/draw')).body;
    const forged = { ...real, categories: real.categories.map((c: any) => (c.category === 'public' ? { ...c, publicValue: `${c.publicValue}0` } : c)) };
    const server = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(forged));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const v = await verifyDraw(`http://127.0.0.1:${(server.address() as { port: number }).port}/draw`);
      expect(v.out).toContain('MISMATCH seed');
      expect(v.code).toBe(1);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  test('when the same category is drawn again, or two draws of one category race, then 409 and only one draw is stored', async () => {
    const token = await staff();
    const again = await s.req('POST', '/api/v1/staff/meetings/mt-lot/draws', { token, body: { category: 'public', publicValue: '99' } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('该类别已经抽签，不能重复抽签');
    const race = await Promise.all(['11', '22', '33'].map((v) => s.req('POST', '/api/v1/staff/meetings/mt-lot2/draws', { token, body: { category: 'public', publicValue: v } })));
    expect(race.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const d = await models().Draw.findOne({ key: 'mt-lot2:public' }).lean();
    const winner = race.find((r) => r.status === 200)!.body.categories.find((c: any) => c.category === 'public');
    expect(d!.publicValue).toBe(winner.publicValue);
    expect(await models().Application.countDocuments({ meetingId: 'mt-lot2', category: 'public', status: 'selected' })).toBe(1);
    const noSeats = await s.req('POST', '/api/v1/staff/meetings/mt-lot/draws', { token, body: { category: 'expert', publicValue: '1' } });
    expect(noSeats.status).toBe(400);
  });

  test('when a selected observer withdraws before the start, then the next reserve takes the seat, is told, and the replacement is published', async () => {
    const token = await staff();
    await s.req('POST', '/api/v1/staff/meetings/mt-lot/draws', { token, body: { category: 'media', publicValue: VALUE } });
    const pub = (await s.req('GET', '/api/v1/meetings/mt-lot/draw')).body.categories.find((c: any) => c.category === 'public');
    const first = await models().Application.findOne({ meetingId: 'mt-lot', drawNumber: pub.chosen[0] }).lean();
    let ownerToken = '';
    for (const n of ['mt-burst', 'mt-nick', 'mt-anon', 'mt-l0', 'mt-l1', 'mt-l2', 'mt-l3', 'mt-l4', 'mt-l5']) if ((await s.login(n)).user.id === String(first!.userId)) ownerToken = await tokenOf(n);
    const w = await s.req('POST', `/api/v1/me/meeting-applications/${first!._id}/withdraw`, { token: ownerToken });
    expect(w.status).toBe(200);
    expect(w.body.status).toBe('withdrawn');
    const after = (await s.req('GET', '/api/v1/meetings/mt-lot/draw')).body.categories.find((c: any) => c.category === 'public');
    expect(after.replacements).toEqual([{ withdrawn: pub.chosen[0], replacedBy: pub.order[3], at: expect.any(String) }]);
    const promoted = await models().Application.findOne({ meetingId: 'mt-lot', drawNumber: pub.order[3] }).lean();
    expect(promoted).toMatchObject({ status: 'selected', replacesDrawNumber: pub.chosen[0], reserveRank: null });
    const second = await models().Application.findOne({ meetingId: 'mt-lot', drawNumber: pub.order[4] }).lean();
    expect(second!.reserveRank).toBe(2); // the drawn place is kept; views show the place among those still waiting
    const waiting = await s.req('GET', '/api/v1/staff/meetings/mt-lot/applications?category=public&status=reserve', { token });
    const shown = new Map(waiting.body.items.map((a: any) => [a.drawNumber, a.reserveRank]));
    expect(pub.order.slice(4).map((n: string) => shown.get(n))).toEqual(pub.order.slice(4).map((_n: string, i: number) => i + 1));
    await runTask();
    const notes = await notificationModels(s.context.mongo).Notification.find({ userId: promoted!.userId }).sort({ createdAt: 1 }).lean();
    expect(notes.map((n) => n.title)).toEqual(['列席抽签结果：候补', '您已递补为列席人员']);
    expect((await verifyDraw(`${s.url}/api/v1/meetings/mt-lot/draw`)).code).toBe(0);
  });
});

describe('concurrent replacements', () => {
  test('when two selected observers withdraw at the same moment, then each seat goes to a different reserve, in order', async () => {
    const pub = (await s.req('GET', '/api/v1/meetings/mt-lot/draw')).body.categories.find((c: any) => c.category === 'public');
    const leaving = await models().Application.find({ meetingId: 'mt-lot', drawNumber: { $in: pub.chosen.slice(1) } }).lean();
    const names = ['mt-burst', 'mt-nick', 'mt-anon', 'mt-l0', 'mt-l1', 'mt-l2', 'mt-l3', 'mt-l4', 'mt-l5'];
    const ids = new Map<string, string>();
    for (const n of names) ids.set((await s.login(n)).user.id, n);
    const rs = await Promise.all(
      leaving.map(async (d) => s.req('POST', `/api/v1/me/meeting-applications/${d._id}/withdraw`, { token: await tokenOf(ids.get(String(d.userId))!) })),
    );
    expect(rs.map((r) => r.status)).toEqual([200, 200]);
    const after = (await s.req('GET', '/api/v1/meetings/mt-lot/draw')).body.categories.find((c: any) => c.category === 'public');
    expect(after.replacements).toHaveLength(3);
    expect(after.replacements.slice(1).map((r: any) => r.replacedBy).sort()).toEqual([pub.order[4], pub.order[5]].sort());
    expect(await models().Application.countDocuments({ meetingId: 'mt-lot', category: 'public', status: { $in: ['selected', 'confirmed'] } })).toBe(3);
    expect((await verifyDraw(`${s.url}/api/v1/meetings/mt-lot/draw`)).code).toBe(0);
  });
});

describe('confirmation, observers and opinions', () => {
  let observerToken = '';
  let observerApp = '';
  test('when a selected observer confirms before the start, then confirmed; a reserve 409; the page publishes observers with masked names and organisations of non-public categories', async () => {
    const sel = await models().Application.findOne({ meetingId: 'mt-lot', category: 'media', status: 'selected' }).lean();
    expect(sel).toBeTruthy();
    observerToken = await tokenOf('mt-l6');
    observerApp = String(sel!._id);
    const c = await s.req('POST', `/api/v1/me/meeting-applications/${observerApp}/confirm`, { token: observerToken });
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ status: 'confirmed', canConfirm: false, canWithdraw: true, canSubmitOpinion: false });
    const reserve = await models().Application.findOne({ meetingId: 'mt-lot', status: 'reserve' }).lean();
    let reserveToken = '';
    for (const n of ['mt-burst', 'mt-nick', 'mt-anon', 'mt-l0', 'mt-l1', 'mt-l2', 'mt-l3', 'mt-l4', 'mt-l5']) if ((await s.login(n)).user.id === String(reserve!.userId)) reserveToken = await tokenOf(n);
    expect((await s.req('POST', `/api/v1/me/meeting-applications/${reserve!._id}/confirm`, { token: reserveToken })).status).toBe(409);
    expect((await s.req('POST', `/api/v1/me/meeting-applications/${new Types.ObjectId()}/confirm`, { token: observerToken })).status).toBe(404);
    const page = (await s.req('GET', '/api/v1/meetings/mt-lot')).body.item;
    expect(page.phase).toBe('selected');
    expect(page.drawPublished).toBe(true);
    expect(page.observers).toHaveLength(4);
    expect(page.observers.find((o: any) => o.category === 'media')).toMatchObject({ organisation: '江海日报', confirmed: true });
    expect(page.observers.filter((o: any) => o.category === 'public').every((o: any) => o.organisation === null && o.name.includes('*'))).toBe(true);
  });

  test('when an observer submits an opinion before the start, then 409; a non-observer 403 forbidden in Chinese', async () => {
    const body = { text: '建议会议材料提前三天公开。' };
    const early = await s.req('POST', '/api/v1/meetings/mt-lot/opinions', { token: observerToken, body, headers: { 'Idempotency-Key': key() } });
    expect(early.status).toBe(409);
    setClock(AFTER_START);
    const outsider = await s.req('POST', '/api/v1/meetings/mt-lot/opinions', { token: await tokenOf('mt-alice'), body, headers: { 'Idempotency-Key': key() } });
    expect(outsider.status).toBe(403);
    expect(outsider.body.error).toMatchObject({ code: 'forbidden', message: '只有确认参加并列席本次会议的人员可以提交列席意见' });
  });

  let opinionId = '';
  test('when a confirmed observer submits after the start, then 201 once (replayed by the key, 409 with another); staff reply; both appear on the page', async () => {
    const k = key();
    const body = { text: '建议会议材料提前三天公开。' };
    const r = await s.req('POST', '/api/v1/meetings/mt-lot/opinions', { token: observerToken, body, headers: { 'Idempotency-Key': k } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ category: 'media', text: body.text, reply: null });
    opinionId = r.body.id;
    const replay = await s.req('POST', '/api/v1/meetings/mt-lot/opinions', { token: observerToken, body, headers: { 'Idempotency-Key': k } });
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(opinionId);
    expect((await s.req('POST', '/api/v1/meetings/mt-lot/opinions', { token: observerToken, body, headers: { 'Idempotency-Key': key() } })).status).toBe(409);
    const short = await s.req('POST', '/api/v1/meetings/mt-lot/opinions', { token: observerToken, body: { text: '好' }, headers: { 'Idempotency-Key': key() } });
    expect(short.status).toBe(400);
    expect((await s.req('POST', '/api/v1/meetings/mt-lot/opinions', { body, headers: { 'Idempotency-Key': key() } })).status).toBe(401);
    const token = await staff();
    const reply = await s.req('PUT', `/api/v1/staff/meetings/mt-lot/opinions/${opinionId}/reply`, { token, body: { text: '感谢建议，今后会议材料将提前公开。' } });
    expect(reply.status).toBe(200);
    expect(reply.body.reply.text).toBe('感谢建议，今后会议材料将提前公开。');
    expect((await s.req('PUT', `/api/v1/staff/meetings/mt-lot/opinions/${new Types.ObjectId()}/reply`, { token, body: { text: '答复内容' } })).status).toBe(404);
    expect((await s.req('PUT', `/api/v1/staff/meetings/mt-lot/opinions/${opinionId}/reply`, { token, body: { text: '' } })).status).toBe(400);
    expect((await s.req('PUT', `/api/v1/staff/meetings/mt-lot/opinions/${opinionId}/reply`, { token: observerToken, body: { text: '自己答复' } })).status).toBe(403);
    const page = (await s.req('GET', '/api/v1/meetings/mt-lot', { token: observerToken })).body.item;
    expect(page.phase).toBe('held');
    expect(page.opinions).toEqual([expect.objectContaining({ id: opinionId, reply: expect.objectContaining({ text: '感谢建议，今后会议材料将提前公开。' }) })]);
    expect(page.me.application).toMatchObject({ status: 'confirmed', canSubmitOpinion: false, canWithdraw: false });
    await runTask();
    expect((await inbox('mt-l6')).map((n) => n.title)).toContain('您的列席意见已有答复');
    expect(await s.context.mongo.collection('audit_log').countDocuments({ action: 'meeting.opinion.reply' })).toBe(1);
  });
});

describe('staff views', () => {
  test('when events staff list meetings and applications, then counts, pending work and masked names; a citizen 403', async () => {
    const token = await staff();
    const list = await s.req('GET', '/api/v1/staff/meetings', { token });
    expect(list.status).toBe(200);
    const lot2 = list.body.items.find((m: any) => m.id === 'mt-lot2');
    expect(lot2.drawsPending).toEqual(['expert']);
    const rev = list.body.items.find((m: any) => m.id === 'mt-review');
    expect(rev.seats.find((c: any) => c.category === 'public')).toMatchObject({ seats: 2, selected: 2 });
    const apps = await s.req('GET', '/api/v1/staff/meetings/mt-lot/applications?category=public&pageSize=5', { token });
    expect(apps.status).toBe(200);
    expect(apps.body).toMatchObject({ page: 1, pageSize: 5, total: 9 });
    expect(apps.body.items.map((a: any) => a.drawNumber)).toEqual([...apps.body.items.map((a: any) => a.drawNumber)].sort());
    expect(apps.body.items.every((a: any) => a.name.includes('*'))).toBe(true);
    expect(JSON.stringify(apps.body)).not.toContain('张三丰');
    expect((await s.req('GET', '/api/v1/staff/meetings/mt-lot/applications?status=nope', { token })).status).toBe(400);
    expect((await s.req('GET', '/api/v1/staff/meetings/mt-none/applications', { token })).status).toBe(404);
    expect((await s.req('GET', '/api/v1/staff/meetings', { token: await tokenOf('mt-alice') })).status).toBe(403);
    expect((await s.req('GET', '/api/v1/staff/meetings')).status).toBe(401);
  });

  test('when events staff open the workbench, then the meetings tool shows 待审核, 待抽签 and 待答复', async () => {
    const wb = await s.req('GET', '/api/v1/staff/workbench', { token: await staff() });
    // The events role has both its tools: open days, then meetings.
    expect(wb.body.tools.map((t: any) => t.id)).toEqual(['open-days', 'meetings']);
    const tool = wb.body.tools.find((t: any) => t.id === 'meetings');
    expect(tool).toMatchObject({ role: 'events', status: 'ok', path: '/features/workbench/pages/meetings/index' });
    expect(tool.counts.map((c: any) => c.label)).toEqual(['待审核', '待抽签', '待答复']);
  });
});

describe('a lottery category nobody applied to', () => {
  test('when a category has seats but no applicants, then it is not offered a draw, and drawing the others completes the selection', async () => {
    const now = s.context.now();
    const close = new Date(now.getTime() + H);
    const m = { ...meeting('mt-empty', 'lottery', { public: 1, media: 1 }), applicationClosesAt: iso(close), startsAt: iso(new Date(now.getTime() + 48 * H)) };
    const put = await fetch(`${s.sims.portal.url}/__sim/content/meetings/mt-empty`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(m) });
    expect(put.status).toBeLessThan(300);
    // Published after the list was cached: read the list afresh.
    await s.context.cache.invalidate(cacheKeys.portalList('meetings', 'all'));
    const token = await staff();
    expect((await s.req('PUT', '/api/v1/staff/meetings/mt-empty/draw-source', { token, body: { source: '某日公布的福利彩票开奖号码' } })).status).toBe(200);
    expect((await apply('mt-empty-a', 'mt-empty')).status).toBe(201);
    const before = s.context.now;
    s.context.now = () => new Date(close.getTime() + H);
    try {
      const list = await s.req('GET', '/api/v1/staff/meetings', { token });
      expect(list.body.items.find((x: any) => x.id === 'mt-empty').drawsPending).toEqual(['public']);
      expect((await s.req('POST', '/api/v1/staff/meetings/mt-empty/draws', { token, body: { category: 'public', publicValue: '01 02 03' } })).status).toBe(200);
      const after = await s.req('GET', '/api/v1/staff/meetings', { token });
      expect(after.body.items.find((x: any) => x.id === 'mt-empty')).toMatchObject({ drawsPending: [], phase: 'selected' });
    } finally {
      s.context.now = before;
    }
  });
});

describe('the rest of each route\'s answers', () => {
  test('when signed out, a citizen, or a meeting that does not exist, then 401, 403 and 404 on the remaining routes', async () => {
    const citizen = await tokenOf('mt-alice');
    const token = await staff();
    const anyId = String(new Types.ObjectId());
    const k = { 'Idempotency-Key': key() };
    const cases: Array<[string, string, unknown, string | undefined, number]> = [
      ['POST', `/api/v1/me/meeting-applications/${anyId}/withdraw`, undefined, undefined, 401],
      ['POST', `/api/v1/me/meeting-applications/${anyId}/confirm`, undefined, undefined, 401],
      ['PUT', '/api/v1/staff/meetings/mt-lot/draw-source', { source: '某日公布的开奖号码' }, undefined, 401],
      ['POST', '/api/v1/staff/meetings/mt-lot/draws', { category: 'public', publicValue: '1' }, undefined, 401],
      ['PUT', `/api/v1/staff/meetings/mt-lot/opinions/${anyId}/reply`, { text: '答复内容' }, undefined, 401],
      ['POST', '/api/v1/staff/meetings/mt-lot/draws', { category: 'public', publicValue: '1' }, citizen, 403],
      ['GET', '/api/v1/staff/meetings/mt-lot/applications', undefined, citizen, 403],
      ['POST', '/api/v1/staff/meetings/mt-none/draws', { category: 'public', publicValue: '1' }, token, 404],
      ['PUT', `/api/v1/staff/meetings/mt-none/opinions/${anyId}/reply`, { text: '答复内容' }, token, 404],
      ['POST', '/api/v1/meetings/mt-none/opinions', { text: '会议不存在时的意见。' }, citizen, 404],
      ['GET', '/api/v1/meetings/bad%20id/draw', undefined, undefined, 400],
    ];
    for (const [method, p, body, t, status] of cases) {
      const r = await s.req(method, p, { body, token: t, headers: k });
      expect([method, p, r.status]).toEqual([method, p, status]);
    }
  });
});

describe('when the portal is down', () => {
  test('then pages and the draw serve the cached copy; with nothing cached, 503 (nothing stored), the staff list and the workbench tool say unavailable', async () => {
    await s.req('GET', '/api/v1/meetings/mt-lot');
    await s.sims.portal.setFaults({ mode: 'down' });
    try {
      expect((await s.req('GET', '/api/v1/meetings/mt-lot')).status).toBe(200);
      expect((await s.req('GET', '/api/v1/meetings/mt-lot/draw')).status).toBe(200);
      await s.context.cache.invalidate(cacheKeys.portalList('meetings', 'all'));
      await s.context.cache.invalidate(cacheKeys.portalItem('meetings', 'mt-lot2'));
      const before = await models().Application.countDocuments({});
      const cold = await apply('mt-cold', 'mt-lot2');
      expect(cold.status).toBe(503);
      expect(cold.body.error.code).toBe('upstream_unavailable');
      expect(await models().Application.countDocuments({})).toBe(before);
      const list = await s.req('GET', '/api/v1/staff/meetings', { token: await staff() });
      expect(list.body).toEqual({ status: 'unavailable', items: [] });
      const wb = await s.req('GET', '/api/v1/staff/workbench', { token: await staff() });
      expect(wb.body.tools.find((t: any) => t.id === 'meetings')).toMatchObject({ id: 'meetings', status: 'unavailable' });
    } finally {
      await s.heal();
    }
  });
});
