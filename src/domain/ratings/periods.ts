import { addDays, addDuration, parseDuration, type Duration } from '../dates.js';
import type { EvaluationPeriod } from '../rating-model.js';

/**
 * Evaluation periods and ages. Dates are YYYY-MM-DD; a period's `start` and `end` are both
 * inclusive. Ages are measured at the end of the period's last day, so a record decided
 * on 2024-01-01 is one year old at the end of 2024.
 */

export interface RatingPeriod {
  start: string;
  /** the last day (inclusive) */
  end: string;
}

/** The latest complete period on or before `asOf` (a rolling period ends on `asOf`). */
export function evaluationPeriod(period: EvaluationPeriod, asOf: string): RatingPeriod {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  switch (period.kind) {
    case 'calendar_year': {
      const year = asOf.endsWith('-12-31') ? y : y - 1;
      return { start: `${year}-01-01`, end: `${year}-12-31` };
    }
    case 'quarter': {
      // the quarter that ends on asOf counts; otherwise the one before the current quarter
      const current = Math.floor((m - 1) / 3);
      const end = quarterEnd(y, current);
      if (end === asOf) return { start: quarterStart(y, current), end };
      const [year, q] = current === 0 ? [y - 1, 3] : [y, current - 1];
      return { start: quarterStart(year, q), end: quarterEnd(year, q) };
    }
    case 'rolling':
      return { start: subtractDuration(addDays(asOf, 1), period.duration), end: asOf };
  }
}

/** The period right before `current`: the one a carry-over takes its previous result from. */
export function periodBefore(period: EvaluationPeriod, current: RatingPeriod): RatingPeriod {
  if (period.kind === 'rolling')
    return {
      start: subtractDuration(current.start, period.duration),
      end: addDays(current.start, -1),
    };
  return evaluationPeriod(period, addDays(current.start, -1));
}

/** The first day of a window of `within` that ends with the period (the period itself without one). */
export function windowStart(period: RatingPeriod, within: string | undefined): string {
  if (!within) return period.start;
  return memo(`w${period.end}${within}`, () => subtractDuration(addDays(period.end, 1), within));
}

/** Whether something dated `date` is at least `duration` old at the end of the period. */
export function ageReached(date: string, duration: string, period: RatingPeriod): boolean {
  return (
    memo(`a${date}${duration}`, () => addDuration(date, duration)) <=
    memo(`n${period.end}`, () => addDays(period.end, 1))
  );
}

// a run asks the same date sums for every subject; calendar arithmetic is pure, so the
// answers are kept (the cache is emptied when it grows past a bound)
const MEMO_LIMIT = 50_000;
const memoed = new Map<string, string>();
function memo(key: string, compute: () => string): string {
  let value = memoed.get(key);
  if (value === undefined) {
    if (memoed.size >= MEMO_LIMIT) memoed.clear();
    memoed.set(key, (value = compute()));
  }
  return value;
}

/** Whole days from `from` to `to` (negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const MAX_UNITS = 100_000;

/**
 * Every started `duration` from `from` to `to`, both days included: 2025-01-01 to
 * 2025-01-31 is 1 month, to 2025-02-01 it is 2. Zero when `to` is before `from`.
 */
export function startedUnits(from: string, to: string, duration: string): number {
  const d = parse(duration);
  let k = 0;
  while (k < MAX_UNITS && addDuration(from, times(d, k)) <= to) k++;
  return k;
}

/** `date` minus `duration`; month ends clamp (2024-03-31 − P1M = 2024-02-29). */
export function subtractDuration(date: string, duration: string): string {
  const d = parse(duration);
  const [y, m, day] = date.split('-').map(Number) as [number, number, number];
  const totalMonths = y * 12 + (m - 1) - (d.years * 12 + d.months);
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const base = new Date(Date.UTC(year, month, Math.min(day, lastDay)));
  base.setUTCDate(base.getUTCDate() - d.days);
  return base.toISOString().slice(0, 10);
}

function parse(duration: string): Duration {
  const d = parseDuration(duration);
  if (!d) throw new RangeError(`not an ISO 8601 duration: ${duration}`);
  return d;
}

const times = (d: Duration, k: number): Duration => ({
  years: d.years * k,
  months: d.months * k,
  days: d.days * k,
});

const pad = (n: number) => String(n).padStart(2, '0');
const quarterStart = (year: number, q: number) => `${year}-${pad(q * 3 + 1)}-01`;
const quarterEnd = (year: number, q: number) =>
  `${year}-${pad(q * 3 + 3)}-${q === 0 || q === 3 ? '31' : '30'}`;
