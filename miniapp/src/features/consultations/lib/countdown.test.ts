import { closingCountdown } from './countdown';

const closesAt = '2026-12-10T09:30:00.000Z';
const at = (ms: number) => Date.parse(closesAt) - ms;

describe('closingCountdown', () => {
  it('when days are left, then it says days and hours', () => {
    expect(closingCountdown(closesAt, at(8 * 86_400_000 + 21 * 3_600_000 + 59 * 60_000))).toBe('还剩 8 天 21 小时');
  });

  it('when less than a day is left, then it says hours and minutes', () => {
    expect(closingCountdown(closesAt, at(3 * 3_600_000 + 20 * 60_000 + 30_000))).toBe('还剩 3 小时 20 分');
  });

  it('when less than an hour is left, then it says minutes, at least one', () => {
    expect(closingCountdown(closesAt, at(5 * 60_000 + 1))).toBe('还剩 5 分钟');
    expect(closingCountdown(closesAt, at(10_000))).toBe('还剩 1 分钟');
  });

  it('when the close has passed or the time is unreadable, then there is no countdown', () => {
    expect(closingCountdown(closesAt, at(0))).toBeNull();
    expect(closingCountdown(closesAt, at(-60_000))).toBeNull();
    expect(closingCountdown('not a time', Date.now())).toBeNull();
  });
});
