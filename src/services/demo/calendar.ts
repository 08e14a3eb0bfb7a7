/** Dates as whole days since 1970-01-01 (UTC), for fast date arithmetic in the generator. */
const DAY = 86_400_000;

export function toDays(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
}

// the generator formats millions of dates from a few thousand distinct days
const formatted = new Map<number, string>();

export function fromDays(days: number): string {
  let text = formatted.get(days);
  if (text === undefined) {
    text = new Date(days * DAY).toISOString().slice(0, 10);
    if (formatted.size < 100_000) formatted.set(days, text);
  }
  return text;
}

export function yearOf(days: number): number {
  return Number(fromDays(days).slice(0, 4));
}

/** Days of a calendar date given by year, month (1-12) and day. */
export function dayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY);
}

/** The same day `years` later (29 February becomes 1 March). */
export function addYears(days: number, years: number): number {
  const d = new Date(days * DAY);
  return dayOf(d.getUTCFullYear() + years, d.getUTCMonth() + 1, d.getUTCDate());
}
