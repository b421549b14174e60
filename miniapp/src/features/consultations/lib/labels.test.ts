import { periodOf, shareText, targetOf } from './labels';

describe('consultation labels', () => {
  it('when a share is shown, then numerator, denominator and the rounded percentage are all there', () => {
    expect(shareText({ numerator: 1, denominator: 3, value: 1 / 3 })).toBe('1/3（33.3%）');
    expect(shareText({ numerator: 0, denominator: 0, value: null })).toBe('0/0（—）');
  });

  it('when a period is shown, then both ends are in Beijing time', () => {
    expect(periodOf({ opensAt: '2026-11-10T09:00:00+08:00', closesAt: '2026-12-10T17:30:00+08:00' })).toBe('11月10日 09:00 至 12月10日 17:30');
  });

  it('when a comment names no article, then it is on the whole draft', () => {
    expect(targetOf('第三条')).toBe('对第三条的意见');
    expect(targetOf(null)).toBe('对草案整体的意见');
  });
});
