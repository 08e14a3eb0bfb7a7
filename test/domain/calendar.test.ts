import { describe, expect, it } from 'vitest';
import { chinaCalendar as sut, WorkingCalendar } from '../../src/domain/calendar.js';

describe('chinaCalendar.isWorkingDay', () => {
  it('treats ordinary weekdays as working days and weekends as rest days', () => {
    expect(sut.isWorkingDay('2026-03-04')).toBe(true); // Wednesday
    expect(sut.isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(sut.isWorkingDay('2026-03-08')).toBe(false); // Sunday
  });

  it('rests on every day of the 2026 Spring Festival, 15 to 23 February', () => {
    for (let d = 15; d <= 23; d++) expect(sut.isWorkingDay(`2026-02-${d}`), `02-${d}`).toBe(false);
    expect(sut.isWorkingDay('2026-02-13')).toBe(true);
    expect(sut.isWorkingDay('2026-02-24')).toBe(true);
  });

  it('works on the Saturdays adjusted for the 2026 Spring Festival, 14 and 28 February', () => {
    expect(sut.isWorkingDay('2026-02-14')).toBe(true);
    expect(sut.isWorkingDay('2026-02-28')).toBe(true);
    expect(sut.isWorkingDay('2026-02-21')).toBe(false); // a Saturday inside the holiday
  });

  it('rests from 1 to 8 October 2025 and works on Sunday 28 September and Saturday 11 October', () => {
    for (let d = 1; d <= 8; d++) expect(sut.isWorkingDay(`2025-10-0${d}`), `10-0${d}`).toBe(false);
    expect(sut.isWorkingDay('2025-09-28')).toBe(true);
    expect(sut.isWorkingDay('2025-10-11')).toBe(true);
    expect(sut.isWorkingDay('2025-10-09')).toBe(true);
  });

  it('rests on New Year holidays across the year end', () => {
    expect(sut.isWorkingDay('2025-12-31')).toBe(true);
    expect(sut.isWorkingDay('2026-01-01')).toBe(false);
    expect(sut.isWorkingDay('2026-01-02')).toBe(false); // a Friday
    expect(sut.isWorkingDay('2026-01-04')).toBe(true); // an adjusted Sunday
  });

  it('rejects a date that is not YYYY-MM-DD or not real', () => {
    expect(() => sut.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => sut.isWorkingDay('20260214')).toThrow(RangeError);
  });
});

describe('chinaCalendar.addWorkingDays', () => {
  it('counts from the day after: 3 working days from a Friday end on the Wednesday', () => {
    expect(sut.addWorkingDays('2026-03-06', 3)).toBe('2026-03-11');
  });

  it('skips the Spring Festival and counts the adjusted Saturday', () => {
    // Fri 13 Feb, Sat 14 Feb (worked), then 24 Feb onwards
    expect(sut.addWorkingDays('2026-02-12', 1)).toBe('2026-02-13');
    expect(sut.addWorkingDays('2026-02-12', 2)).toBe('2026-02-14');
    expect(sut.addWorkingDays('2026-02-12', 3)).toBe('2026-02-24');
    expect(sut.addWorkingDays('2026-02-14', 3)).toBe('2026-02-26');
    expect(sut.addWorkingDays('2026-02-26', 2)).toBe('2026-02-28');
  });

  it('skips National Day 2025 and counts the adjusted Saturday 11 October', () => {
    expect(sut.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(sut.addWorkingDays('2025-09-30', 3)).toBe('2025-10-11');
    expect(sut.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
  });

  it('crosses month and year ends', () => {
    expect(sut.addWorkingDays('2025-12-30', 2)).toBe('2026-01-04');
    expect(sut.addWorkingDays('2026-03-30', 3)).toBe('2026-04-02');
  });

  it('gives the day itself for n = 0 when it is a working day, else the next working day', () => {
    expect(sut.addWorkingDays('2026-03-04', 0)).toBe('2026-03-04');
    expect(sut.addWorkingDays('2026-02-16', 0)).toBe('2026-02-24');
    expect(sut.addWorkingDays('2026-03-07', 0)).toBe('2026-03-09');
  });

  it('refuses a negative or fractional count', () => {
    expect(() => sut.addWorkingDays('2026-03-04', -1)).toThrow(RangeError);
    expect(() => sut.addWorkingDays('2026-03-04', 1.5)).toThrow(RangeError);
  });
});

describe('chinaCalendar.workingDaysBetween', () => {
  it('counts the working days after the first date up to and including the second', () => {
    expect(sut.workingDaysBetween('2026-03-06', '2026-03-11')).toBe(3);
    expect(sut.workingDaysBetween('2026-03-06', '2026-03-06')).toBe(0);
    expect(sut.workingDaysBetween('2026-03-11', '2026-03-06')).toBe(-3);
  });

  it('counts 2 working days across the Spring Festival week from 13 to 24 February 2026', () => {
    expect(sut.workingDaysBetween('2026-02-13', '2026-02-24')).toBe(2);
  });

  it('counts 248 working days in 2025 and in 2026', () => {
    expect(sut.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
    expect(sut.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });

  it('inverts addWorkingDays for every n ≥ 1', () => {
    for (const start of ['2026-02-13', '2025-09-27', '2025-12-31', '2026-09-30']) {
      for (let n = 1; n <= 15; n++)
        expect(sut.workingDaysBetween(start, sut.addWorkingDays(start, n)), `${start}+${n}`).toBe(
          n,
        );
    }
  });
});

describe('covered years', () => {
  it('covers the published years up to 2026 and not the years after', () => {
    expect(sut.coveredYears).toContain(2025);
    expect(sut.coveredYears).toContain(2026);
    expect(sut.covers('2026-12-31')).toBe(true);
    expect(sut.covers('2027-01-01')).toBe(false);
  });

  it('counts only weekends as rest days outside the covered years', () => {
    // 1 October 2027 would be a holiday, but its schedule is not published
    expect(sut.isWorkingDay('2027-10-01')).toBe(true);
    expect(sut.isWorkingDay('2027-10-02')).toBe(false); // Saturday
    expect(sut.addWorkingDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('builds a calendar from any schedule', () => {
    const calendar = new WorkingCalendar({
      holidays: { '2030-05-01': 'Labour Day' },
      workdays: { '2030-05-04': 'Labour Day' },
    });
    expect(calendar.coveredYears).toEqual([2030]);
    expect(calendar.isWorkingDay('2030-05-01')).toBe(false);
    expect(calendar.isWorkingDay('2030-05-04')).toBe(true);
    expect(calendar.addWorkingDays('2030-04-30', 1)).toBe('2030-05-02');
  });
});
