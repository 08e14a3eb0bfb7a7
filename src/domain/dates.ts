/** Calendar dates as YYYY-MM-DD strings, and ISO 8601 durations of years, months and days. */
import { CredenceError } from '../errors.js';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DURATION_RE = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/;

export interface Duration {
  years: number;
  months: number;
  days: number;
}

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * The date a caller gave, or a DATE_INVALID error naming the field: the one check of every date
 * that comes in (options, query strings, bodies, files). An empty string is not a date either.
 */
export function requireDate(value: string, field: string): string {
  if (isIsoDate(value)) return value;
  throw new CredenceError(
    'DATE_INVALID',
    `${field}: "${value}" is not a real calendar date written YYYY-MM-DD`,
    { field },
  );
}

export function parseDuration(text: string): Duration | null {
  const m = DURATION_RE.exec(text);
  if (!m || text === 'P') return null;
  return { years: Number(m[1] ?? 0), months: Number(m[2] ?? 0), days: Number(m[3] ?? 0) };
}

// a part longer than this reaches no YYYY-MM-DD date from any date
const LONGEST_YEARS = 9999;

/** Whether no part of a duration is longer than 9999 years: date arithmetic holds for it. */
export function isCalendarDuration(d: Duration): boolean {
  return (
    d.years <= LONGEST_YEARS && d.months <= LONGEST_YEARS * 12 && d.days <= LONGEST_YEARS * 366
  );
}

/** Adds a duration to a date; month ends clamp (2024-01-31 + P1M = 2024-02-29). */
export function addDuration(date: string, duration: Duration | string): string {
  return reach(date, duration).toISOString().slice(0, 10);
}

function reach(date: string, duration: Duration | string): Date {
  const d = typeof duration === 'string' ? parseDuration(duration) : duration;
  if (!d) throw new RangeError(`not an ISO 8601 duration: ${String(duration)}`);
  const [y, m, day] = date.split('-').map(Number) as [number, number, number];
  const totalMonths = (y + d.years) * 12 + (m - 1) + d.months;
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const base = new Date(Date.UTC(year, month, Math.min(day, lastDay)));
  base.setUTCDate(base.getUTCDate() + d.days);
  return base;
}

/** Compares two durations by the instant they reach from a common start (past 9999 too). */
export function compareDurations(a: string, b: string, from = '2000-01-31'): number {
  const difference = reach(from, a).getTime() - reach(from, b).getTime();
  if (Number.isNaN(difference)) throw new RangeError(`a duration past any date: ${a} or ${b}`);
  return Math.sign(difference);
}

/** The date `days` days after (or, negative, before) `date`. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
