/** Time is passed in, so tests control publication windows, deadlines and expiry. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that always answers the same instant. */
export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => new Date(at) };
}

/** The calendar date (UTC) of an instant, as YYYY-MM-DD. */
export function dateOf(instant: Date): string {
  // asked on every request: the last minute's answer holds for the whole minute (a day turns on one)
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute !== last.minute) last = { minute, date: instant.toISOString().slice(0, 10) };
  return last.date;
}

let last = { minute: Number.NaN, date: '' };
