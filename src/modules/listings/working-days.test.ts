import { describe, expect, it } from 'vitest';
import { hasEnded, isWorkingDay, nextWorkingDay, shanghaiDate, shanghaiStartOf, workingDayPeriod, workingDaysLeft } from './working-days.js';

describe('Chinese working days (chinese-days, Asia/Shanghai dates)', () => {
  it('knows the National Day 2026 holiday and its make-up Saturday', () => {
    expect(isWorkingDay('2026-09-30')).toBe(true);
    for (const d of ['2026-10-01', '2026-10-04', '2026-10-07']) expect(isWorkingDay(d)).toBe(false);
    expect(isWorkingDay('2026-10-08')).toBe(true);
    // 调休: Saturday 10 October is a working day, Sunday 11 is not.
    expect(isWorkingDay('2026-10-10')).toBe(true);
    expect(isWorkingDay('2026-10-11')).toBe(false);
  });

  it('starts publicity on the next working day after approval', () => {
    expect(nextWorkingDay('2026-09-30')).toBe('2026-10-08');
    expect(nextWorkingDay('2026-10-09')).toBe('2026-10-10');
    expect(nextWorkingDay('2026-11-06')).toBe('2026-11-09');
  });

  it('counts a 5-working-day publicity across the National Day holiday with the make-up day', () => {
    // Approved Tue 29 Sep: 30 Sep, 8, 9, 10 (make-up Saturday), 12 Oct.
    expect(workingDayPeriod('2026-09-29', 5)).toEqual({ start: '2026-09-30', end: '2026-10-12' });
    // Approved on the last day before the holiday: the whole period lies after it.
    expect(workingDayPeriod('2026-09-30', 5)).toEqual({ start: '2026-10-08', end: '2026-10-13' });
    // Approved during the holiday.
    expect(workingDayPeriod('2026-10-03', 5)).toEqual({ start: '2026-10-08', end: '2026-10-13' });
  });

  it('counts a period that starts on a Friday over the weekend', () => {
    expect(workingDayPeriod('2026-11-05', 5)).toEqual({ start: '2026-11-06', end: '2026-11-12' });
    expect(workingDayPeriod('2026-11-06', 5)).toEqual({ start: '2026-11-09', end: '2026-11-13' });
    expect(workingDayPeriod('2026-11-05', 1)).toEqual({ start: '2026-11-06', end: '2026-11-06' });
  });

  it('counts across the Spring Festival 2026 (15–23 Feb off, 14 and 28 Feb worked)', () => {
    expect(workingDayPeriod('2026-02-12', 5)).toEqual({ start: '2026-02-13', end: '2026-02-26' });
    expect(workingDayPeriod('2026-02-14', 5)).toEqual({ start: '2026-02-24', end: '2026-02-28' });
  });

  it('refuses a period that is not a positive whole number of days', () => {
    expect(() => workingDayPeriod('2026-11-05', 0)).toThrow(RangeError);
    expect(() => workingDayPeriod('2026-11-05', 2.5)).toThrow(RangeError);
  });

  it('counts the working days left for the countdown', () => {
    expect(workingDaysLeft('2026-09-29', '2026-09-30', '2026-10-12')).toBe(5);
    expect(workingDaysLeft('2026-10-01', '2026-09-30', '2026-10-12')).toBe(4);
    expect(workingDaysLeft('2026-10-12', '2026-09-30', '2026-10-12')).toBe(1);
    expect(workingDaysLeft('2026-10-13', '2026-09-30', '2026-10-12')).toBe(0);
  });

  it('takes the calendar day in Asia/Shanghai, whatever the instant', () => {
    expect(shanghaiDate(new Date('2026-09-30T15:59:59.999Z'))).toBe('2026-09-30');
    expect(shanghaiDate(new Date('2026-09-30T16:00:00Z'))).toBe('2026-10-01');
    expect(shanghaiStartOf('2026-10-13').toISOString()).toBe('2026-10-12T16:00:00.000Z');
    expect(hasEnded('2026-10-12', new Date('2026-10-12T15:59:59Z'))).toBe(false);
    expect(hasEnded('2026-10-12', new Date('2026-10-12T16:00:00Z'))).toBe(true);
  });
});
