import { placesText, sessionTimeText } from './labels';

describe('open-day labels', () => {
  it('when a session starts and ends on one day, then the day is named once', () => {
    expect(sessionTimeText('2026-12-08T01:30:00.000Z', '2026-12-08T03:30:00.000Z')).toBe('12月8日 09:30–11:30');
  });

  it('when a session runs past midnight (Beijing time), then both days are named', () => {
    expect(sessionTimeText('2026-12-08T14:00:00.000Z', '2026-12-08T17:00:00.000Z')).toBe('12月8日 22:00 – 12月9日 01:00');
  });

  it('when a session is full, has places or has ended, then the places read so', () => {
    expect(placesText({ placesLeft: 0, capacity: 30, ended: false })).toBe('已满·可候补');
    expect(placesText({ placesLeft: 12, capacity: 30, ended: false })).toBe('余位 12/30');
    expect(placesText({ placesLeft: 12, capacity: 30, ended: true })).toBe('已结束');
  });
});
