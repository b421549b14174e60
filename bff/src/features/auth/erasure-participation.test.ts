import { randomUUID } from 'node:crypto';
import { auditModel } from '../../core/audit';
import { startTestStack, type TestStack } from '../../../test/stack';
import { meetingModels } from '../meetings';
import { openDayModels } from '../open-days';
import { idNumber, openDayRecord, portalTime, publishOpenDay } from '../open-days/test-helpers';

/**
 * Deleting an account reaches the participation features: an open-day sign-up that can still be
 * cancelled is cancelled (its places go back), a meeting application is withdrawn, and both lose
 * the personal data they hold. Real stack, real routes.
 */
let s: TestStack;
beforeAll(async () => {
  s = await startTestStack({ env: { RATE_LIMIT_WRITES_PER_MIN: '100000', RATE_LIMIT_IP_WRITES_PER_MIN: '100000' } });
}, 60_000);
afterAll(() => s?.stop());

const key = () => `k-${randomUUID()}`;

test('when a citizen deletes their account, then their open-day place is released and their sign-up and application keep no personal data; another citizen is untouched', async () => {
  const now = s.context.now().getTime();
  await publishOpenDay(s.sims.portal.url, openDayRecord('od-erase', now, [{ id: 's1', startsInH: 72, capacity: 5 }]));
  const meeting = {
    id: 'mt-erase',
    title: '测试会议 mt-erase',
    organizer: '江海市人民政府办公室',
    startsAt: portalTime(now + 10 * 86_400_000),
    location: '市政府第一会议室',
    agenda: ['审议有关事项'],
    seats: { public: 2, stakeholder: 0, expert: 0, media: 0 },
    applicationClosesAt: portalTime(now + 5 * 86_400_000),
    selection: 'review',
  };
  const put = await fetch(`${s.sims.portal.url}/__sim/content/meetings/mt-erase`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(meeting) });
  expect(put.status).toBeLessThan(300);

  const leaving = await s.login('erase-leaving');
  const staying = await s.login('erase-staying');
  const signUp = (token: string, n: number, companions: unknown[] = []) =>
    s.req('POST', '/api/v1/open-days/od-erase/registrations', {
      token,
      headers: { 'Idempotency-Key': key() },
      body: { sessionId: 's1', name: '张三丰', idNumber: idNumber(n), phone: '13812345678', companions },
    });
  const mine = await signUp(leaving.accessToken, 1, [{ name: '李四', idNumber: idNumber(2) }]);
  expect(mine.status).toBe(201);
  expect((await signUp(staying.accessToken, 3)).status).toBe(201);
  const app = await s.req('POST', '/api/v1/meetings/mt-erase/applications', {
    token: leaving.accessToken,
    headers: { 'Idempotency-Key': key() },
    body: { category: 'public', name: '张三丰', reason: '我住在附近，关心这个议题。' },
  });
  expect(app.status).toBe(201);
  const before = await s.req('GET', '/api/v1/open-days/od-erase');
  expect(before.body.item.sessions[0].placesLeft).toBe(2);

  expect((await s.req('DELETE', '/api/v1/me', { token: leaving.accessToken })).status).toBe(204);

  const after = await s.req('GET', '/api/v1/open-days/od-erase');
  expect(after.body.item.sessions[0].placesLeft).toBe(4);
  const { Registration } = openDayModels(s.context.mongo);
  const reg = await Registration.findById(mine.body.id).lean();
  expect(reg).toMatchObject({ status: 'cancelled', nameEnc: '', idNumberEnc: '', phoneEnc: '', companions: [] });
  expect(JSON.stringify(reg)).not.toMatch(/张|李|138|110105/);
  const other = await Registration.findOne({ userId: { $ne: reg!.userId }, openDayId: 'od-erase' }).lean();
  expect(other).toMatchObject({ status: 'confirmed', nameMasked: '张**' });
  const application = await meetingModels(s.context.mongo).Application.findById(app.body.id).lean();
  expect(application).toMatchObject({ status: 'withdrawn', nameEnc: null, organisation: null });
  expect(JSON.stringify(application)).not.toMatch(/张|附近/);
  const audit = await auditModel(s.context.mongo).findOne({ action: 'account.delete', targetId: leaving.user.id }).lean();
  expect(audit?.after).toMatchObject({ openDayRegistrationsErased: 1, meetingApplicationsErased: 1 });
}, 60_000);
