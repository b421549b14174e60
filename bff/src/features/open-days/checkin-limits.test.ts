import { Types } from 'mongoose';
import { openidFor } from '@zwgk/upstream-sim';
import { startTestStack, type TestStack } from '../../../test/stack';
import { openDayRecord, publishOpenDay } from './test-helpers';

/**
 * The write limits as configured by default (30 writes a minute per person): an officer at the
 * door is not held to them when checking people in, a citizen still is.
 */
let s: TestStack;
beforeAll(async () => {
  s = await startTestStack({ env: { STAFF_ROLES: `${openidFor('lim-events')}:events` } });
}, 60_000);
afterAll(() => s?.stop());

test('when an officer checks in 40 codes within a minute, then none is refused as too many; a citizen’s 31st write is', async () => {
  const now = s.context.now().getTime();
  await publishOpenDay(s.sims.portal.url, openDayRecord('od-lim', now, [{ id: 's1', startsInH: 1, capacity: 50 }]));
  const staff = (await s.login('lim-events')).accessToken;
  const answers: number[] = [];
  for (let i = 0; i < 40; i++) {
    const r = await s.req('POST', '/api/v1/staff/open-days/od-lim/sessions/s1/check-ins', { token: staff, body: { code: `ABCD${String(1000 + i).slice(-4)}` } });
    answers.push(r.status);
  }
  expect(answers.filter((st) => st === 429)).toEqual([]);
  // An unknown code is a clear refusal, not an error.
  expect(new Set(answers)).toEqual(new Set([409]));

  const citizen = (await s.login('lim-citizen')).accessToken;
  const writes: number[] = [];
  for (let i = 0; i < 31; i++) {
    writes.push((await s.req('POST', `/api/v1/me/open-day-registrations/${new Types.ObjectId()}/cancel`, { token: citizen })).status);
  }
  expect(writes.slice(0, 30).every((st) => st === 404)).toBe(true);
  expect(writes[30]).toBe(429);
}, 60_000);
