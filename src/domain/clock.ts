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
  return instant.toISOString().slice(0, 10);
}
