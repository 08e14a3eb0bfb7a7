/**
 * The demo's history: the generated records are recorded year by year as they were decided (a
 * file per year, imported at the year's end, then a sweep), and the story's events happen on
 * their own days, all in the order of their dates with the clock set to each, so that every
 * `--as-of` finds what was known then.
 */
import { fixedClock } from '../../domain/clock.js';
import type { ServiceDeps } from '../deps.js';
import type { SubmissionInput } from '../records/submission.js';
import { fromDays, toDays } from './calendar.js';
import type { StoryEvent } from './story.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The day a generated row was recorded: its latest date that is not after today. */
export function recordedOn(row: SubmissionInput, today: string): string {
  let latest = String(row.decision_date);
  for (const value of Object.values(row)) {
    if (typeof value === 'string' && ISO_DATE.test(value) && value > latest && value <= today)
      latest = value;
  }
  return latest;
}

/** The rows recorded in `year` (the first year takes any earlier ones too), in their generated order. */
export function* rowsOfYear(
  rows: Iterable<SubmissionInput>,
  year: number,
  today: string,
  first: number,
): Generator<SubmissionInput> {
  for (const row of rows) {
    const recorded = Number(recordedOn(row, today).slice(0, 4));
    if (recorded === year || (year === first && recorded < first)) yield row;
  }
}

/** The same services with the clock at noon (UTC) of `day` days from today; today keeps the real clock. */
export function on(deps: ServiceDeps, today: number, day: number): ServiceDeps {
  if (day >= 0) return deps;
  return { ...deps, clock: fixedClock(`${fromDays(today + day)}T12:00:00Z`) };
}

/** The day (from today) a year's records are imported: its last day, or today for this year. */
export function yearEnd(year: number, today: number): number {
  return Math.min(0, toDays(`${year}-12-31`) - today);
}

/** Runs the events in the order of their days (stable for one day), each on its own day. */
export async function runTimeline(
  deps: ServiceDeps,
  today: number,
  events: readonly StoryEvent[],
): Promise<void> {
  const memo = new Map<string, string>();
  const ordered = [...events].sort((a, b) => a.day - b.day);
  for (const event of ordered) {
    try {
      await event.run(on(deps, today, event.day), memo);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(`demo history, ${fromDays(today + event.day)} (${event.what}): ${why}`, {
        cause: error,
      });
    }
  }
}
