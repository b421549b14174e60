import { findWorkday } from 'chinese-days';
import { calendarKnown, computeDeadline, DUE_WORKING_DAYS } from './deadline';

const at = (iso: string) => new Date(iso);

describe('computeDeadline', () => {
  test('when a complaint is accepted just before National Day 2026, then the golden week is skipped and the make-up Saturday counts', () => {
    const d = computeDeadline('complaint', at('2026-09-28T10:00:00+08:00'), at('2026-09-29T10:00:00+08:00'));
    // 9/29, 9/30, then 10/1–10/7 off, 10/8, 10/9, 10/10 (make-up Saturday), 10/12–10/16.
    expect(d.dueAt).toBe('2026-10-16T23:59:59+08:00');
    expect(d.workingDays).toBe(10);
    expect(d.startDate).toBe('2026-09-28');
    expect(d.explanation).toContain('国庆节 10月1日—10月7日');
    expect(d.explanation).toContain('调休上班日 10月10日（星期六）');
    expect(d.explanation).toContain('第 10 个工作日是 2026年10月16日（星期五）');
    expect(d.overdue).toBe(false);
    expect(d.finished).toBe(false);
    expect(d.remainingMs).toBe(Date.parse('2026-10-16T23:59:59+08:00') - Date.parse('2026-09-29T10:00:00+08:00'));
    // 9/30, 10/8, 10/9, 10/10, 10/12–10/16 remain after 9/29.
    expect(d.remainingWorkingDays).toBe(9);
  });

  test('when a suggestion is accepted before Spring Festival 2026, then nine holiday days are skipped and both make-up Saturdays count', () => {
    const d = computeDeadline('suggestion', at('2026-02-11T09:00:00+08:00'), at('2026-02-12T09:00:00+08:00'));
    expect(d.dueAt).toBe('2026-03-10T23:59:59+08:00');
    expect(d.explanation).toContain('春节 2月15日—2月23日');
    expect(d.explanation).toContain('2月14日（星期六）、2月28日（星期六）');
  });

  test('when a ticket is accepted in Spring Festival 2027, then the deadline agrees with the calendar package and says when the year is not published yet', () => {
    const d = computeDeadline('report', at('2027-02-03T10:00:00+08:00'), at('2027-02-03T11:00:00+08:00'));
    expect(d.dueAt).toBe(`${findWorkday(DUE_WORKING_DAYS.report, '2027-02-03')}T23:59:59+08:00`);
    if (!calendarKnown(2027)) expect(d.explanation).toContain('2027 年的法定节假日安排尚未收录');
    else expect(d.explanation).toContain('春节');
  });

  test('when the acceptance is late in the evening UTC but already the next day in China, then counting starts from the China date', () => {
    // 2026-11-24T17:00Z is 11/25 01:00 in China (a Wednesday).
    const d = computeDeadline('consult', at('2026-11-24T17:00:00Z'), at('2026-11-24T17:00:00Z'));
    expect(d.startDate).toBe('2026-11-25');
    expect(d.dueAt).toBe('2026-11-30T23:59:59+08:00');
  });

  test('when a ticket is still open after its due time, then it is overdue with a negative countdown', () => {
    const d = computeDeadline('consult', at('2026-11-25T10:00:00+08:00'), at('2026-12-01T08:00:00+08:00'));
    expect(d.overdue).toBe(true);
    expect(d.remainingMs).toBeLessThan(0);
    expect(d.remainingWorkingDays).toBe(0);
  });

  test('when a ticket was closed before its due time, then it is finished on time however late it is now', () => {
    const d = computeDeadline('consult', at('2026-11-25T10:00:00+08:00'), at('2027-01-01T08:00:00+08:00'), at('2026-11-27T10:00:00+08:00'));
    expect(d.finished).toBe(true);
    expect(d.overdue).toBe(false);
    expect(d.remainingMs).toBe(Date.parse('2026-11-30T23:59:59+08:00') - Date.parse('2026-11-27T10:00:00+08:00'));
  });

  test('when a ticket was closed after its due time, then it stays marked overdue', () => {
    const d = computeDeadline('help', at('2026-11-25T10:00:00+08:00'), at('2026-12-10T08:00:00+08:00'), at('2026-12-03T10:00:00+08:00'));
    expect(d.dueAt).toBe('2026-12-02T23:59:59+08:00');
    expect(d.overdue).toBe(true);
  });
});
