/**
 * Working days (SPEC 2.3, 4.7): due-process deadlines count working days, and China's
 * official schedule of holidays and adjusted working days (调休) is calendar data per year,
 * taken from the maintained `chinese-days` package. The static JSON import keeps this
 * module pure: no file system access at run time.
 */
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { isIsoDate } from './dates.js';

/** A holiday schedule: dates YYYY-MM-DD mapped to a label (chinese-days: "National Day,国庆节,3"). */
export interface HolidaySchedule {
  /** official rest days, weekend days inside a holiday block included */
  holidays: Readonly<Record<string, string>>;
  /** adjusted working days: weekend days worked in lieu of a holiday */
  workdays: Readonly<Record<string, string>>;
}

const DAY_MS = 86_400_000;

const toDay = (date: string): number => {
  if (!isIsoDate(date)) throw new RangeError(`not a date written YYYY-MM-DD: ${date}`);
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
};
const fromDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
// 1970-01-01 was a Thursday: day 0 → 4
const isWeekend = (day: number): boolean => {
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
};

/**
 * Working days under one holiday schedule. Inside the covered years a day is a working day
 * when it is an adjusted working day, or a weekday that is not a holiday. Outside them the
 * schedule is unknown and only weekends are rest days: ask `covers(date)` before relying on
 * a deadline that reaches past the last published year.
 */
export class WorkingCalendar {
  /** the years the schedule publishes, ascending */
  readonly coveredYears: readonly number[];
  private readonly years: ReadonlySet<number>;
  private readonly holidays: ReadonlySet<string>;
  private readonly workdays: ReadonlySet<string>;

  /** `years` defaults to every year that has a date in the schedule. */
  constructor(schedule: HolidaySchedule, years?: readonly number[]) {
    this.holidays = new Set(Object.keys(schedule.holidays));
    this.workdays = new Set(Object.keys(schedule.workdays));
    const found = [...this.holidays, ...this.workdays].map((d) => Number(d.slice(0, 4)));
    this.coveredYears = [...new Set(years ?? found)].sort((a, b) => a - b);
    this.years = new Set(this.coveredYears);
  }

  /** Whether the official schedule for the date's year is known. */
  covers(date: string): boolean {
    toDay(date);
    return this.years.has(Number(date.slice(0, 4)));
  }

  /** An adjusted working day, or a weekday that is not a holiday. */
  isWorkingDay(date: string): boolean {
    return this.isWorking(toDay(date));
  }

  /**
   * The n-th working day after `date` (n ≥ 0), not counting `date` itself: a deadline of
   * "within 3 working days" of a Friday ends on the Wednesday after. n = 0 gives `date`
   * itself when it is a working day, else the next working day.
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isSafeInteger(n) || n < 0)
      throw new RangeError(`working days to add must be a whole number ≥ 0, not ${n}`);
    let day = toDay(date);
    if (n === 0) {
      while (!this.isWorking(day)) day++;
      return fromDay(day);
    }
    for (let left = n; left > 0;) if (this.isWorking(++day)) left--;
    return fromDay(day);
  }

  /**
   * Working days after `from` up to and including `to` (negative when `to` is earlier), so
   * that workingDaysBetween(d, addWorkingDays(d, n)) = n for every n ≥ 1.
   */
  workingDaysBetween(from: string, to: string): number {
    const [a, b] = [toDay(from), toDay(to)];
    if (b < a) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let day = a + 1; day <= b; day++) if (this.isWorking(day)) count++;
    return count;
  }

  private isWorking(day: number): boolean {
    const date = fromDay(day);
    if (this.workdays.has(date)) return true;
    return !isWeekend(day) && !this.holidays.has(date);
  }
}

/** China's official schedule (国务院办公厅 notices on holiday arrangements), via chinese-days. */
export const chinaCalendar = new WorkingCalendar(chineseDays as HolidaySchedule);
