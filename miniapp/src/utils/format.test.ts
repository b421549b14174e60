import { formatDate, formatDateTime, formatDaysLeft, formatMonth, formatRate, shortId } from './format';

describe('Chinese formats', () => {
  it('shows times in Beijing time whatever the device zone', () => {
    expect(formatDateTime('2024-12-03T01:30:00.000Z')).toBe('12月3日 09:30');
    expect(formatDateTime('2024-12-31T16:05:00Z')).toBe('1月1日 00:05');
    expect(formatDate('2024-12-02T18:00:00+08:00')).toBe('12月2日');
    expect(formatDateTime('not a date')).toBe('—');
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
