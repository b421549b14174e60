import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { openidFor } from '@zwgk/upstream-sim';
import { cacheKeys } from '../../core/cache';
import { startTestStack, type TestStack } from '../../../test/stack';
import { consultationWorkers } from './index';
import { commentAad, consultationModels } from './model';
import { notificationModels } from '../notifications';

/**
 * Consultations against the real stack (Redis, the MongoDB-wire server, the portal simulator
 * with its demo content). The app clock is set to 2026-12-01 12:00 China time: con-001 and
 * con-002 are open, con-003 opens on 12-07, con-004 and con-005 are closed. Tests run in order
 * (the later ones move the clock past con-001's close on 2026-12-10 17:30).
 */
let s: TestStack;
const T0 = new Date('2026-12-01T12:00:00+08:00');
const AFTER_CLOSE = new Date('2026-12-14T10:00:00+08:00');
const setClock = (d: Date) => {
  s.context.now = () => d;
};
beforeAll(async () => {
  s = await startTestStack({
    env: {
      STAFF_ROLES: `${openidFor('con-mod')}:moderator,${openidFor('con-admin')}:admin,${openidFor('con-desk')}:hotline`,
      RATE_LIMIT_WRITES_PER_MIN: '100000',
      RATE_LIMIT_IP_WRITES_PER_MIN: '100000',
      CONSULTATION_NOTICE_POLL_MS: '3600000',
    },
  });
  setClock(T0);
}, 60_000);
afterAll(() => s?.stop());

const tokens = new Map<string, string>();
async function tokenOf(name: string): Promise<string> {
  if (!tokens.has(name)) tokens.set(name, (await s.login(name)).accessToken);
  return tokens.get(name)!;
}
const key = () => `k-${randomUUID()}`;
function comment(name: string, id: string, body: Record<string, unknown>, k = key()) {
  return tokenOf(name).then((token) => s.req('POST', `/api/v1/consultations/${id}/comments`, { token, body, headers: { 'Idempotency-Key': k } }));
}
const mod = () => tokenOf('con-mod');
const models = () => consultationModels(s.context.mongo);
const runNotices = () => consultationWorkers(s.context)!.notices.runOnce();

describe('consultation pages (from the portal through the cache)', () => {
  test('when the list is asked for, then open ones come first (closing soonest first), then upcoming, then closed, with phases by the server clock', async () => {
    const r = await s.req('GET', '/api/v1/consultations');
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ok');
    expect(r.body.items.map((c: any) => [c.id, c.phase])).toEqual([
      ['con-001', 'open'],
      ['con-002', 'open'],
      ['con-003', 'upcoming'],
      ['con-005', 'closed'],
      ['con-004', 'closed'],
    ]);
    expect(r.body.items[0]).toMatchObject({ phaseLabel: '征求中', daysLeft: 9, commentCount: 0, reportPublishedAt: null });
    expect(r.body.items[2].daysLeft).toBeNull();
    const open = await s.req('GET', '/api/v1/consultations?phase=open');
    expect(open.body.items.map((c: any) => c.id)).toEqual(['con-001', 'con-002']);
    const bad = await s.req('GET', '/api/v1/consultations?phase=soon');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ field: 'phase', message: '阶段须为 upcoming、open、closed 或 reported' });
  });

  test('when one consultation is asked for, then its draft is split into articles and its basis links to our policy pages', async () => {
    const r = await s.req('GET', '/api/v1/consultations/con-001');
    expect(r.status).toBe(200);
    const c = r.body.item;
    expect(c.articles.length).toBeGreaterThanOrEqual(8);
    expect(c.articles.map((a: any) => a.no)).toEqual(c.articles.map((_a: any, i: number) => i + 1));
    expect(c.articles[2]).toMatchObject({ no: 3, label: '第三条', commentCount: 0 });
    expect(c.basis.find((b: any) => b.title === '江海市重大行政决策公众参与办法')).toMatchObject({ policyId: 'pol-009' });
    expect(c).toMatchObject({ canComment: true, wholeDraftCommentCount: 0, phase: 'open' });
    const paragraphs = await s.req('GET', '/api/v1/consultations/con-002');
    expect(paragraphs.body.item.articles[0].label).toBe('一、');
  });

  test('when the consultation is unknown or its id malformed, then 404 or 400 in Chinese', async () => {
    const missing = await s.req('GET', '/api/v1/consultations/con-999');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('没有找到这次意见征集，可能已被撤下');
    const bad = await s.req('GET', '/api/v1/consultations/bad%20id');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ field: 'id', message: '征集编号格式不正确' });
  });
});

let onArticle3 = '';
let wholeDraft = '';
let flagged = '';
describe('commenting', () => {
  test('when a citizen comments on article 3 with a real name, then 201 with its id, pending; the name is sealed to the comment and shown masked', async () => {
    const k = key();
    const r = await comment('con-alice', 'con-001', { text: '建议把每百户配建标准提高到 25 平方米。', articleNo: 3, realName: '张三丰', contactConsent: true }, k);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ consultationId: 'con-001', articleNo: 3, state: 'pending', stateLabel: '待审核', replayed: false });
    onArticle3 = r.body.id;
    const again = await comment('con-alice', 'con-001', { text: '换了内容也还是同一条意见。', articleNo: 3 }, k);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toMatchObject({ id: onArticle3, replayed: true });
    const doc = await models().Comment.findById(onArticle3).lean();
    expect(doc!.realNameEnc).not.toContain('张三丰');
    expect(s.context.cipher.decrypt(doc!.realNameEnc!, commentAad(doc!._id))).toBe('张三丰');
    expect(() => s.context.cipher.decrypt(doc!.realNameEnc!, commentAad(new Types.ObjectId()))).toThrow();
    expect(doc!.nameMasked).toBe('张**');
    expect(await models().Comment.countDocuments({ idempotencyKey: k })).toBe(1);
  });

  test('when a citizen comments on the whole draft, then articleNo is null; a comment with a phone number is stored and flagged', async () => {
    const whole = await comment('con-alice', 'con-001', { text: '总体赞成，建议尽快施行。' });
    expect(whole.status).toBe(201);
    expect(whole.body.articleNo).toBeNull();
    wholeDraft = whole.body.id;
    const f = await comment('con-bob', 'con-001', { text: '我家楼下就缺养老站，电话 13812345678。', articleNo: 4 });
    expect(f.status).toBe(201);
    flagged = f.body.id;
  });

  test('when the body is bad, then 400 naming each field in Chinese; an unknown article or consultation is 404', async () => {
    const short = await comment('con-alice', 'con-001', { text: '好', articleNo: 0 });
    expect(short.status).toBe(400);
    expect(short.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'text', message: '请至少用 5 个字说明您的意见' },
        { field: 'articleNo', message: '条款序号从 1 开始' },
      ]),
    );
    const long = await comment('con-alice', 'con-001', { text: '长'.repeat(2001) });
    expect(long.body.error.details[0]).toEqual({ field: 'text', message: '意见请控制在 2000 字以内' });
    const art = await comment('con-alice', 'con-001', { text: '这一条不存在吧。', articleNo: 99 });
    expect(art.status).toBe(404);
    expect(art.body.error.message).toBe('草案中没有第 99 条（按顺序）');
    expect((await comment('con-alice', 'con-999', { text: '没有这次征集。' })).status).toBe(404);
    const noKey = await s.req('POST', '/api/v1/consultations/con-001/comments', { token: await tokenOf('con-alice'), body: { text: '没有请求标识。' } });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.details[0].field).toBe('Idempotency-Key');
    const anon = await s.req('POST', '/api/v1/consultations/con-001/comments', { body: { text: '没有登录的意见。' }, headers: { 'Idempotency-Key': key() } });
    expect(anon.status).toBe(401);
  });

  test('when the consultation is closed or not open yet, then 409 saying when, and nothing is stored', async () => {
    const before = await models().Comment.countDocuments({});
    const closed = await comment('con-alice', 'con-004', { text: '截止之后的意见。' });
    expect(closed.status).toBe(409);
    expect(closed.body.error.message).toBe('本次意见征集已于 2026年4月1日 17:30 截止，不再接收新的意见');
    const early = await comment('con-alice', 'con-003', { text: '还没开始的意见。' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe('本次意见征集将于 2026年12月7日 09:00 开始，届时欢迎提出意见');
    expect(await models().Comment.countDocuments({})).toBe(before);
  });

  test('when comments are pending, then the public list does not show them and the author sees them as 待审核', async () => {
    const pub = await s.req('GET', '/api/v1/consultations/con-001/comments');
    expect(pub.status).toBe(200);
    expect(pub.body).toEqual({ items: [], total: 0, nextCursor: null });
    const mine = await s.req('GET', '/api/v1/me/consultation-comments', { token: await tokenOf('con-alice') });
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(2);
    expect(mine.body.items[1]).toMatchObject({ id: onArticle3, stateLabel: '待审核', canWithdraw: true, realNameMasked: '张**', articleLabel: '第三条', disposition: null });
    expect(mine.body.items[1].consultationTitle).toContain('养老服务设施');
    expect((await s.req('GET', '/api/v1/me/consultation-comments')).status).toBe(401);
  });

  test('when the author withdraws a pending comment, then it is withdrawn; again is 409; someone else’s is 404', async () => {
    const c = await comment('con-alice', 'con-001', { text: '这条我想撤回重写。', articleNo: 2 });
    const other = await s.req('POST', `/api/v1/me/consultation-comments/${c.body.id}/withdraw`, { token: await tokenOf('con-bob') });
    expect(other.status).toBe(404);
    const w = await s.req('POST', `/api/v1/me/consultation-comments/${c.body.id}/withdraw`, { token: await tokenOf('con-alice') });
    expect(w.status).toBe(200);
    expect(w.body).toMatchObject({ state: 'withdrawn', stateLabel: '已撤回', canWithdraw: false });
    const again = await s.req('POST', `/api/v1/me/consultation-comments/${c.body.id}/withdraw`, { token: await tokenOf('con-alice') });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('这条意见已撤回，只有待审核的意见可以撤回');
    const bad = await s.req('POST', '/api/v1/me/consultation-comments/zzz/withdraw', { token: await tokenOf('con-alice') });
    expect(bad.status).toBe(400);
  });
});

describe('moderation', () => {
  test('when a moderator opens the queue, then pending comments come oldest first with the pre-screen flags; a citizen or a hotline officer gets 403', async () => {
    const q = await s.req('GET', '/api/v1/staff/consultation-comments?consultationId=con-001', { token: await mod() });
    expect(q.status).toBe(200);
    expect(q.body.items.map((c: any) => c.id)).toEqual([onArticle3, wholeDraft, flagged]);
    expect(q.body.items[2].flags).toEqual([{ flag: 'phone', label: '含电话号码' }]);
    const page1 = await s.req('GET', '/api/v1/staff/consultation-comments?consultationId=con-001&pageSize=2', { token: await mod() });
    const page2 = await s.req('GET', `/api/v1/staff/consultation-comments?consultationId=con-001&pageSize=2&cursor=${page1.body.nextCursor}`, { token: await mod() });
    expect(page2.body.items.map((c: any) => c.id)).toEqual([flagged]);
    expect(page2.body.nextCursor).toBeNull();
    const onlyFlagged = await s.req('GET', '/api/v1/staff/consultation-comments?flagged=true', { token: await mod() });
    expect(onlyFlagged.body.items.map((c: any) => c.id)).toEqual([flagged]);
    expect((await s.req('GET', '/api/v1/staff/consultation-comments', { token: await tokenOf('con-alice') })).status).toBe(403);
    expect((await s.req('GET', '/api/v1/staff/consultation-comments', { token: await tokenOf('con-desk') })).status).toBe(403);
    const bad = await s.req('GET', '/api/v1/staff/consultation-comments?state=done&cursor=!!', { token: await mod() });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.field).sort()).toEqual(['cursor', 'state']);
  });

  test('when a moderator approves a pending comment, then it is published under its article; approving it again is 409 and changes nothing', async () => {
    const a = await s.req('POST', `/api/v1/staff/consultation-comments/${onArticle3}/approve`, { token: await mod() });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ state: 'approved', stateLabel: '已公开' });
    const before = await models().Comment.findById(onArticle3).lean();
    const again = await s.req('POST', `/api/v1/staff/consultation-comments/${onArticle3}/approve`, { token: await mod() });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('这条意见当前为“已公开”，只有待审核的意见可以审核通过');
    expect(await models().Comment.findById(onArticle3).lean()).toEqual(before);
    const pub = await s.req('GET', '/api/v1/consultations/con-001/comments?articleNo=3');
    expect(pub.body.items).toEqual([expect.objectContaining({ id: onArticle3, authorName: '张**', articleLabel: '第三条' })]);
    expect(pub.body.total).toBe(1);
    expect((await s.req('GET', '/api/v1/consultations/con-001/comments?articleNo=0')).body.total).toBe(0);
    const detail = await s.req('GET', '/api/v1/consultations/con-001');
    expect(detail.body.item.articles[2].commentCount).toBe(1);
    expect(detail.body.item.commentCount).toBe(1);
    const audit = await s.req('GET', `/api/v1/staff/audit?targetId=${onArticle3}`, { token: await tokenOf('con-admin') });
    expect(audit.body.items[0]).toMatchObject({ action: 'consultation.approve', role: 'moderator', before: { state: 'pending' } });
    const missing = await s.req('POST', `/api/v1/staff/consultation-comments/${new Types.ObjectId()}/approve`, { token: await mod() });
    expect(missing.status).toBe(404);
  });

  test('when a moderator rejects with a reason, then the author is told exactly once why; a reason outside the list is 400; rejecting an approved one is 409', async () => {
    const bad = await s.req('POST', `/api/v1/staff/consultation-comments/${flagged}/reject`, { token: await mod(), body: { reason: 'ugly' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('reason');
    const r = await s.req('POST', `/api/v1/staff/consultation-comments/${flagged}/reject`, { token: await mod(), body: { reason: 'personal_info', note: '含手机号' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ state: 'rejected', rejectReasonLabel: '含他人个人信息', rejectNote: '含手机号' });
    const wrong = await s.req('POST', `/api/v1/staff/consultation-comments/${onArticle3}/reject`, { token: await mod(), body: { reason: 'off_topic' } });
    expect(wrong.status).toBe(409);
    await runNotices();
    await runNotices();
    const inbox = await s.req('GET', '/api/v1/me/notifications', { token: await tokenOf('con-bob') });
    const told = inbox.body.items.filter((n: any) => n.kind === 'consultation_rejected');
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain('理由：含他人个人信息（含手机号）');
  });
});

describe('when the portal is down', () => {
  test('then the pages serve the cached copy marked stale and commenting still works; with nothing cached, 503 and nothing stored', async () => {
    await s.req('GET', '/api/v1/consultations/con-002');
    await s.sims.portal.setFaults({ mode: 'down' });
    try {
      const page = await s.req('GET', '/api/v1/consultations/con-002');
      expect(page.status).toBe(200);
      const c = await comment('con-carol', 'con-002', { text: '门户不可用时也能提交意见。', articleNo: 3 });
      expect(c.status).toBe(201);
      await s.context.cache.invalidate(cacheKeys.portalList('consultations', 'all'));
      await s.context.cache.invalidate(cacheKeys.portalItem('consultations', 'con-002'));
      const before = await models().Comment.countDocuments({});
      const cold = await comment('con-carol', 'con-002', { text: '这次没有缓存可用。' });
      expect(cold.status).toBe(503);
      expect(cold.body.error.code).toBe('upstream_unavailable');
      expect(await models().Comment.countDocuments({})).toBe(before);
    } finally {
      await s.heal();
    }
  });
});

describe('dispositions and the adoption report', () => {
  const fans = ['con-f1', 'con-f2', 'con-f3', 'con-f4', 'con-f5'];
  let fanIds: string[] = [];
  let formula = '';

  test('when it is still open, then dispositions and publication are 409', async () => {
    const d = await s.req('POST', '/api/v1/staff/consultations/con-001/dispositions', { token: await mod(), body: { commentIds: [onArticle3], disposition: 'adopted' } });
    expect(d.status).toBe(409);
    expect(d.body.error.message).toBe('征求意见将于 2026年12月10日 17:30 截止，截止后才能处置意见');
    expect((await s.req('POST', '/api/v1/staff/consultations/con-001/report/publish', { token: await mod() })).status).toBe(409);
    expect((await s.req('GET', '/api/v1/consultations/con-001/report')).status).toBe(404);
  });

  test('when five citizens make the same point and the period closes, then comments are refused with 409 and staff see the working days since the close', async () => {
    fanIds = [];
    for (const f of fans) {
      const r = await comment(f, 'con-001', { text: '建议运营补贴不要等满一年才发放。', articleNo: 7 });
      fanIds.push(r.body.id);
    }
    const fx = await comment('con-f1', 'con-001', { text: '=HYPERLINK("http://x") 建议公开评估报告全文', articleNo: 8 });
    formula = fx.body.id;
    for (const id of [...fanIds, formula, wholeDraft]) {
      expect((await s.req('POST', `/api/v1/staff/consultation-comments/${id}/approve`, { token: await mod() })).status).toBe(200);
    }
    setClock(AFTER_CLOSE);
    const late = await comment('con-alice', 'con-001', { text: '截止后才想到的意见。' });
    expect(late.status).toBe(409);
    const staff = await s.req('GET', '/api/v1/staff/consultations/con-001', { token: await mod() });
    expect(staff.status).toBe(200);
    // Closed Thu 2026-12-10; Fri 11 and Mon 14 are working days.
    expect(staff.body).toMatchObject({ phase: 'closed', workingDaysSinceClose: 2, canPublish: false });
    expect(staff.body.counts).toMatchObject({ approved: 8, rejected: 1, withdrawn: 1, pending: 0, undisposed: 8 });
  });

  test('when staff dispose, then a reason is required except for 采纳; grouped comments share their point’s disposition; publication refuses naming how many remain', async () => {
    const noReason = await s.req('POST', '/api/v1/staff/consultations/con-001/dispositions', { token: await mod(), body: { commentIds: [wholeDraft], disposition: 'not_adopted' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0]).toEqual({ field: 'reason', message: '除“采纳”外，处理意见须填写理由' });
    const rejectedOne = await s.req('POST', '/api/v1/staff/consultations/con-001/dispositions', { token: await mod(), body: { commentIds: [flagged], disposition: 'adopted' } });
    expect(rejectedOne.status).toBe(409);
    const ok = await s.req('POST', '/api/v1/staff/consultations/con-001/dispositions', { token: await mod(), body: { commentIds: [onArticle3, wholeDraft], disposition: 'adopted' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ updated: 2, remaining: 6 });
    const p = await s.req('POST', '/api/v1/staff/consultations/con-001/points', {
      token: await mod(),
      body: { title: '运营补贴发放过晚', commentIds: fanIds, disposition: 'not_adopted', reason: '补贴以年度评估结果为依据，需运营满一年方可评估。' },
    });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ commentCount: 5, commenterCount: 5, dispositionLabel: '未采纳' });
    const inPoint = await s.req('POST', '/api/v1/staff/consultations/con-001/dispositions', { token: await mod(), body: { commentIds: [fanIds[0]], disposition: 'adopted' } });
    expect(inPoint.status).toBe(409);
    const refused = await s.req('POST', '/api/v1/staff/consultations/con-001/report/publish', { token: await mod() });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('还有 1 条已公开的意见尚未处置，请全部处置后再公布采纳情况');
    const missingPoint = await s.req('PUT', `/api/v1/staff/consultations/con-001/points/${new Types.ObjectId()}`, { token: await mod(), body: { title: '不存在的要点' } });
    expect(missingPoint.status).toBe(404);
    const renamed = await s.req('PUT', `/api/v1/staff/consultations/con-001/points/${p.body.id}`, { token: await mod(), body: { title: '运营补贴应提前发放' } });
    expect(renamed.body.title).toBe('运营补贴应提前发放');
    const points = await s.req('GET', '/api/v1/staff/consultations/con-001/points', { token: await mod() });
    expect(points.body.items).toHaveLength(1);
    await s.req('POST', '/api/v1/staff/consultations/con-001/dispositions', {
      token: await mod(),
      body: { commentIds: [formula], disposition: 'already_provided', reason: '第八条已规定评估结果向社会公开。' },
    });
  });

  test('when everything is disposed and the report is published, then it is public (and as CSV), every commenter is told their own outcome once, and dispositions are locked', async () => {
    const pub = await s.req('POST', '/api/v1/staff/consultations/con-001/report/publish', { token: await mod() });
    expect(pub.status).toBe(200);
    const r = pub.body.report;
    expect(r).toMatchObject({ received: 9, published: 8, withdrawn: 1, withheld: { total: 1 } });
    expect(r.withheld.byReason.find((w: any) => w.reason === 'personal_info').count).toBe(1);
    expect(r.dispositions.find((d: any) => d.disposition === 'not_adopted')).toMatchObject({ count: 5, share: { numerator: 5, denominator: 8, value: 5 / 8 } });
    expect(r.byArticle.find((a: any) => a.articleNo === 7)).toMatchObject({ label: '第七条', published: 5 });
    expect(r.majorPointsNotAdopted).toEqual([expect.objectContaining({ title: '运营补贴应提前发放', commenterCount: 5, reason: '补贴以年度评估结果为依据，需运营满一年方可评估。' })]);
    expect((await s.req('POST', '/api/v1/staff/consultations/con-001/report/publish', { token: await mod() })).status).toBe(409);
    const locked = await s.req('POST', '/api/v1/staff/consultations/con-001/dispositions', { token: await mod(), body: { commentIds: [onArticle3], disposition: 'adopted' } });
    expect(locked.status).toBe(409);

    const got = await s.req('GET', '/api/v1/consultations/con-001/report');
    expect(got.status).toBe(200);
    expect(got.body.report.publishedAt).toBe(r.publishedAt);
    const csv = await fetch(`${s.url}/api/v1/consultations/con-001/report.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.startsWith('\uFEFF项目,分类,数量,分母,占比,理由\r\n')).toBe(true);
    expect(text).toContain('处理意见,未采纳,5,8,62.5%,');

    await runNotices();
    await runNotices();
    const N = notificationModels(s.context.mongo).Notification;
    expect(await N.countDocuments({ kind: 'consultation_outcome' })).toBe(8);
    const fan = await s.req('GET', '/api/v1/me/notifications', { token: await tokenOf('con-f2') });
    const outcome = fan.body.items.find((n: any) => n.kind === 'consultation_outcome');
    expect(outcome.body).toContain('处理结果为“未采纳”，理由：补贴以年度评估结果为依据');
    expect(outcome.link).toBe('/features/consultations/pages/report/index?id=con-001');
    const mine = await s.req('GET', '/api/v1/me/consultation-comments?consultationId=con-001', { token: await tokenOf('con-f2') });
    expect(mine.body.items[0]).toMatchObject({ disposition: 'not_adopted', reportPublished: true });
    const list = await s.req('GET', '/api/v1/consultations');
    expect(list.body.items.find((c: any) => c.id === 'con-001')).toMatchObject({ phase: 'reported', phaseLabel: '已公布采纳情况' });
  });

  test('when comments are exported, then a moderator gets masked names and an admin the real names; cells are formula-escaped; both are audited', async () => {
    const asMod = await (await fetch(`${s.url}/api/v1/staff/consultations/con-001/comments.csv`, { headers: { authorization: `Bearer ${await mod()}` } })).text();
    expect(asMod).not.toContain('张三丰');
    expect(asMod).toContain('张**');
    expect(asMod).toContain(`"'=HYPERLINK(""http://x"") 建议公开评估报告全文"`);
    const asAdmin = await (await fetch(`${s.url}/api/v1/staff/consultations/con-001/comments.csv`, { headers: { authorization: `Bearer ${await tokenOf('con-admin')}` } })).text();
    expect(asAdmin.split('\r\n')[0]).toContain('真实姓名,同意联系,联系电话');
    expect(asAdmin).toContain('张三丰,是,');
    const audit = await s.req('GET', '/api/v1/staff/audit?action=consultation.export_csv', { token: await tokenOf('con-admin') });
    expect(audit.body.items.map((a: any) => a.after.personalData).sort()).toEqual([false, true]);
    expect((await fetch(`${s.url}/api/v1/staff/consultations/con-999/comments.csv`, { headers: { authorization: `Bearer ${await mod()}` } })).status).toBe(404);
  });
});
