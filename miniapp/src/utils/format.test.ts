import { formatDate, formatDateTime, formatDaysLeft, formatMonth, formatRate, shortId } from './format';

describe('Chinese formats', () => {
  it('shows times in Beijing time whatever the device zone', () => {
    expect(formatDateTime('2024-12-03T01:30:00.000Z')).toBe('12月3日 09:30');
    expect(formatDateTime('2024-12-31T16:05:00Z')).toBe('1月1日 00:05');
    expect(formatDate('2024-12-02T18:00:00+08:00', new Date('2024-06-01T00:00:00Z'))).toBe('12月2日');
    expect(formatDateTime('not a date')).toBe('—');
  });

  it('shows the year of dates outside the current Beijing year', () => {
    const now = new Date('2026-11-25T04:00:00Z');
    expect(formatDate('2025-06-23T10:00:00+08:00', now)).toBe('2025年6月23日');
    expect(formatDate('2026-01-01T00:30:00+08:00', now)).toBe('1月1日');
    // 2025-12-31 17:00 UTC is already 2026 in Beijing.
    expect(formatDate('2025-12-31T17:00:00Z', now)).toBe('1月1日');
  });

  it('formats months, rates, deadlines and ids', () => {
    expect(formatMonth('2024-09')).toBe('2024年9月');
    expect(formatRate(0.9555)).toBe('95.6%');
    expect(formatRate(null)).toBe('—');
    expect(formatDaysLeft(0)).toBe('今天截止');
    expect(formatDaysLeft(3)).toBe('剩余3天');
    expect(shortId('u_5f1c2a9e8b7d4c3a')).toBe('u_5f1c…4c3a');
    expect(shortId('short')).toBe('short');
  });
});
