import { describe, expect, it } from 'vitest';
import {
  formatHundredths,
  hasHundredths,
  scaleRounded,
  toHundredths,
  wholeUnits,
} from '../../../src/domain/ratings/hundredths.js';
import {
  ageReached,
  evaluationPeriod,
  periodBefore,
  startedUnits,
  subtractDuration,
} from '../../../src/domain/ratings/periods.js';

describe('evaluationPeriod', () => {
  it('takes the last complete calendar year; on 31 December, that year', () => {
    const year = { kind: 'calendar_year' } as const;
    expect(evaluationPeriod(year, '2026-04-15')).toEqual({
      start: '2025-01-01',
      end: '2025-12-31',
    });
    expect(evaluationPeriod(year, '2025-12-31')).toEqual({
      start: '2025-01-01',
      end: '2025-12-31',
    });
    expect(evaluationPeriod(year, '2026-01-01')).toEqual({
      start: '2025-01-01',
      end: '2025-12-31',
    });
  });

  it('takes the last complete quarter', () => {
    const quarter = { kind: 'quarter' } as const;
    expect(evaluationPeriod(quarter, '2026-01-15')).toEqual({
      start: '2025-10-01',
      end: '2025-12-31',
    });
    expect(evaluationPeriod(quarter, '2026-06-30')).toEqual({
      start: '2026-04-01',
      end: '2026-06-30',
    });
    expect(evaluationPeriod(quarter, '2026-08-01')).toEqual({
      start: '2026-04-01',
      end: '2026-06-30',
    });
    expect(evaluationPeriod(quarter, '2026-09-29')).toEqual({
      start: '2026-04-01',
      end: '2026-06-30',
    });
  });

  it('ends a rolling period on the as-of date', () => {
    const rolling = { kind: 'rolling', duration: 'P3Y' } as const;
    expect(evaluationPeriod(rolling, '2026-06-30')).toEqual({
      start: '2023-07-01',
      end: '2026-06-30',
    });
    // a month before the end of 30 March: 31 February clamps to the 29th
    expect(evaluationPeriod({ kind: 'rolling', duration: 'P1M' }, '2024-03-30')).toEqual({
      start: '2024-02-29',
      end: '2024-03-30',
    });
  });

  it('knows the period before', () => {
    expect(
      periodBefore({ kind: 'calendar_year' }, { start: '2025-01-01', end: '2025-12-31' }),
    ).toEqual({
      start: '2024-01-01',
      end: '2024-12-31',
    });
    expect(periodBefore({ kind: 'quarter' }, { start: '2026-01-01', end: '2026-03-31' })).toEqual({
      start: '2025-10-01',
      end: '2025-12-31',
    });
    expect(
      periodBefore(
        { kind: 'rolling', duration: 'P1Y' },
        { start: '2025-07-01', end: '2026-06-30' },
      ),
    ).toEqual({ start: '2024-07-01', end: '2025-06-30' });
  });
});

describe('dates of ratings', () => {
  it('subtracts durations with month ends clamped', () => {
    expect(subtractDuration('2024-03-31', 'P1M')).toBe('2024-02-29');
    expect(subtractDuration('2026-07-01', 'P3Y')).toBe('2023-07-01');
    expect(subtractDuration('2026-01-10', 'P1M15D')).toBe('2025-11-25');
  });

  it('measures ages at the end of the period', () => {
    const year2024 = { start: '2024-01-01', end: '2024-12-31' };
    expect(ageReached('2024-01-01', 'P1Y', year2024)).toBe(true);
    expect(ageReached('2024-01-02', 'P1Y', year2024)).toBe(false);
  });

  it('counts started units, both days included', () => {
    expect(startedUnits('2025-01-01', '2025-01-01', 'P1M')).toBe(1);
    expect(startedUnits('2025-01-01', '2025-01-31', 'P1M')).toBe(1);
    expect(startedUnits('2025-01-01', '2025-02-01', 'P1M')).toBe(2);
    expect(startedUnits('2025-01-31', '2025-02-27', 'P1M')).toBe(1);
    // 31 January plus a month clamps to 28 February, which starts the second month
    expect(startedUnits('2025-01-31', '2025-02-28', 'P1M')).toBe(2);
    expect(startedUnits('2025-02-01', '2025-01-31', 'P1M')).toBe(0);
  });
});

describe('hundredths', () => {
  it('accepts numbers with at most 2 decimal places', () => {
    expect([89.99, 0.01, -11, 1050, 0.5].every(hasHundredths)).toBe(true);
    expect([0.005, 1 / 3, Number.NaN, Infinity].some(hasHundredths)).toBe(false);
    expect(toHundredths(89.99)).toBe(8999);
    expect(toHundredths(-20.55)).toBe(-2055);
  });

  it('scales and rounds once, halves away from zero', () => {
    expect(scaleRounded(-15, 1, 50, 100)).toBe(-8);
    expect(scaleRounded(15, 1, 50, 100)).toBe(8);
    expect(scaleRounded(-1500, 1, 305, 730)).toBe(-627);
    // the product passes 2^53 on the way; the result is still exact
    expect(scaleRounded(3_000_000_001, 3_000_000, 3, 9_000_000)).toBe(3_000_000_001);
  });

  it('counts whole units down or up', () => {
    expect(wholeUnits(45, 30, 'up')).toBe(2);
    expect(wholeUnits(60, 30, 'up')).toBe(2);
    expect(wholeUnits(59, 30, 'down')).toBe(1);
  });

  it('formats hundredths', () => {
    expect(formatHundredths(8999)).toBe('89.99');
    expect(formatHundredths(-5)).toBe('-0.05');
    expect(formatHundredths(100000)).toBe('1000.00');
  });
});
