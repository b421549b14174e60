import { randomUUID } from 'node:crypto';
import { openidFor } from '@zwgk/upstream-sim';
import { startTestStack, type TestStack } from '../../../test/stack';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack({
    env: {
      STAFF_ROLES: `${openidFor('wb-desk')}:hotline,${openidFor('wb-mod')}:moderator,${openidFor('wb-admin')}:admin,${openidFor('wb-events')}:events`,
      HOTLINE_SYNC_POLL_MS: '0',
    },
  });
}, 60_000);
afterAll(() => s?.stop());

const tokenOf = async (name: string) => (await s.login(name)).accessToken;

describe('the staff workbench', () => {
  test('when a hotline officer opens it, then only the hotline desk is listed, with its queue counts', async () => {
    await s.sims.case.setFaults({ mode: 'down' });
    try {
      const citizen = await tokenOf('wb-citizen');
      const r = await s.req('POST', '/api/v1/hotline/tickets', {
        token: citizen,
        body: { type: 'consult', title: '工作台待办', description: '用于检查工作台上的待办数量是否正确。', contactAllowed: false },
        headers: { 'Idempotency-Key': `k-${randomUUID()}` },
      });
      expect(r.status).toBe(201);
    } finally {
      await s.heal();
    }
    const wb = await s.req('GET', '/api/v1/staff/workbench', { token: await tokenOf('wb-desk') });
    expect(wb.status).toBe(200);
    expect(wb.body.roles).toEqual(['hotline']);
    expect(wb.body.tools.map((t: any) => t.id)).toEqual(['hotline']);
    const desk = wb.body.tools[0];
    expect(desk).toMatchObject({ title: '12345 热线工单', role: 'hotline', path: '/features/workbench/pages/hotline/index', status: 'ok' });
    expect(desk.counts.map((c: any) => c.label)).toEqual(['转交未成功，待重新转交', '正在转交', '办理中']);
    // Still being forwarded, or already with the case system (accepted): either way counted once.
    expect(desk.counts[1].count + desk.counts[2].count).toBe(1);
    expect(desk.counts[0]).toMatchObject({ count: 0, attention: false });
  });

  test('when an admin opens it, then every tool is listed, the audit log among them; a moderator sees only the consultation tool', async () => {
    const admin = await s.req('GET', '/api/v1/staff/workbench', { token: await tokenOf('wb-admin') });
    expect(admin.body.tools.map((t: any) => t.id)).toEqual(['hotline', 'consultations', 'meetings', 'audit']);
    const mod = await s.req('GET', '/api/v1/staff/workbench', { token: await tokenOf('wb-mod') });
    expect(mod.status).toBe(200);
    expect(mod.body.roles).toEqual(['moderator']);
    expect(mod.body.tools.map((t: any) => t.id)).toEqual(['consultations']);
    expect(mod.body.tools[0]).toMatchObject({ role: 'moderator', status: 'ok', path: '/features/workbench/pages/consultations/index' });
    expect(mod.body.tools[0].counts.map((c: any) => c.label)).toEqual(['待审核意见', '其中预审标记', '已截止待处置']);
  });

  test('when an events officer opens it, then only the meetings tool is listed, with 待审核, 待抽签 and 待答复', async () => {
    const ev = await s.req('GET', '/api/v1/staff/workbench', { token: await tokenOf('wb-events') });
    expect(ev.status).toBe(200);
    expect(ev.body.tools.map((t: any) => t.id)).toEqual(['meetings']);
    expect(ev.body.tools[0]).toMatchObject({ role: 'events', status: 'ok', path: '/features/workbench/pages/meetings/index' });
    expect(ev.body.tools[0].counts.map((c: any) => c.label)).toEqual(['待审核', '待抽签', '待答复']);
  });

  test('when a citizen or a signed-out caller asks, then 403 role_required or 401', async () => {
    const r = await s.req('GET', '/api/v1/staff/workbench', { token: await tokenOf('wb-citizen') });
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({ code: 'role_required', message: '此功能仅限工作人员使用' });
    expect((await s.req('GET', '/api/v1/staff/workbench')).status).toBe(401);
  });

  test('when the audit log is asked for, then only admin gets it, filtered and paged; a bad filter is 400', async () => {
    const deskToken = await tokenOf('wb-desk');
    const denied = await s.req('GET', '/api/v1/staff/audit', { token: deskToken });
    expect(denied.status).toBe(403);
    expect(denied.body.error.details).toEqual({ role: 'admin' });
    const admin = await tokenOf('wb-admin');
    const page = await s.req('GET', '/api/v1/staff/audit?pageSize=5', { token: admin });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ page: 1, pageSize: 5 });
    const bad = await s.req('GET', '/api/v1/staff/audit?actorId=nope', { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toEqual({ field: 'actorId', message: '操作人编号格式不正确' });
  });

  test('when a staff member views a ticket\'s hidden identity, then the audit log names who and which ticket', async () => {
    const citizen = await tokenOf('wb-owner');
    const sub = await s.req('POST', '/api/v1/hotline/tickets', {
      token: citizen,
      body: { type: 'help', title: '查看身份留痕', description: '用于检查查看不公开身份时是否留下审计记录。', contactAllowed: true, contactPhone: '13800001111', anonymous: true },
      headers: { 'Idempotency-Key': `k-${randomUUID()}` },
    });
    const deskToken = await tokenOf('wb-desk');
    const seen = await s.req('GET', `/api/v1/hotline/staff/tickets/${sub.body.trackingNo}`, { token: deskToken });
    expect(seen.body.contactPhone).toBe('13800001111');
    const missing = await s.req('GET', '/api/v1/hotline/staff/tickets/RX-20260101-AAAAAA', { token: deskToken });
    expect(missing.status).toBe(404);
    const deskUser = (await s.login('wb-desk')).user.id;
    const log = await s.req('GET', `/api/v1/staff/audit?targetId=${sub.body.trackingNo}`, { token: await tokenOf('wb-admin') });
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]).toMatchObject({ actorId: deskUser, role: 'hotline', action: 'hotline.view_identity', before: null, after: null });
    expect(JSON.stringify(log.body)).not.toContain('13800001111');
  });

  test('when staff export CSV or open a citizen\'s photo, then each is audited; the owner viewing their own photo is not', async () => {
    const owner = await tokenOf('wb-photo-owner');
    const fd = new FormData();
    fd.append('file', new Blob([Buffer.concat([Buffer.from('ffd8ffe000104a46494600', 'hex'), Buffer.alloc(64, 1)])], { type: 'image/jpeg' }), 'p.jpg');
    const up = (await (await fetch(`${s.url}/api/v1/hotline/photos`, { method: 'POST', body: fd, headers: { authorization: `Bearer ${owner}` } })).json()) as { id: string };
    const photoPath = `/api/v1/hotline/photos/${up.id}`;
    expect((await fetch(s.url + photoPath, { headers: { authorization: `Bearer ${owner}` } })).status).toBe(200);
    const deskToken = await tokenOf('wb-desk');
    expect((await fetch(s.url + photoPath, { headers: { authorization: `Bearer ${deskToken}` } })).status).toBe(200);
    expect((await fetch(`${s.url}/api/v1/hotline/staff/tickets.csv?type=help`, { headers: { authorization: `Bearer ${deskToken}` } })).status).toBe(200);
    const admin = await tokenOf('wb-admin');
    const photoLog = await s.req('GET', `/api/v1/staff/audit?targetId=${up.id}`, { token: admin });
    expect(photoLog.body.items.map((e: any) => e.action)).toEqual(['hotline.view_photo']);
    const exportLog = await s.req('GET', '/api/v1/staff/audit?action=hotline.export_csv', { token: admin });
    expect(exportLog.body.items[0]).toMatchObject({ role: 'hotline', after: { filter: { type: 'help' }, rows: expect.any(Number) } });
  });
});
