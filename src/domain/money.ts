/** Money amounts are integer minor units (fen for CNY); this formats them for display and re-entry. */

const MINOR_DIGITS = 2;

/** Formats minor units as a decimal string with 2 places (123450 -> "1234.50"). */
export function formatMinor(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(MINOR_DIGITS + 1, '0');
  return `${sign}${digits.slice(0, -MINOR_DIGITS)}.${digits.slice(-MINOR_DIGITS)}`;
}
