/**
 * Exact points: scores and points are integer hundredths inside the engine, so 89.99 is
 * 8999 and never 89.98999999. Catalog numbers are checked to have at most 2 decimals.
 */

/** Whether a number has at most 2 decimal places (and fits in safe integer hundredths). */
export function hasHundredths(value: number): boolean {
  if (!Number.isFinite(value)) return false;
  const scaled = value * 100;
  const whole = Math.round(scaled);
  return Number.isSafeInteger(whole) && Math.abs(scaled - whole) < 1e-6;
}

/** 89.99 → 8999; the value must have at most 2 decimal places. */
export function toHundredths(value: number): number {
  return Math.round(value * 100);
}

/** 8999 → 89.99 (the double nearest to the decimal, as written in the catalog). */
export function fromHundredths(hundredths: number): number {
  return hundredths / 100;
}

/**
 * `value × units × numerator / denominator`, rounded once to the nearest integer, halves
 * away from zero. BigInt inside, so large unit counts and day fractions stay exact.
 */
export function scaleRounded(
  value: number,
  units: number,
  numerator: number,
  denominator: number,
): number {
  if (denominator <= 0) throw new RangeError('the denominator must be positive');
  const product = BigInt(value) * BigInt(units) * BigInt(numerator);
  const d = BigInt(denominator);
  const magnitude = product < 0n ? -product : product;
  let quotient = magnitude / d;
  if (2n * (magnitude - quotient * d) >= d) quotient += 1n;
  return Number(product < 0n ? -quotient : quotient);
}

/** `value / unit` as a whole number of units, rounded down or up. */
export function wholeUnits(value: number, unit: number, round: 'down' | 'up'): number {
  let quotient = Math.floor(value / unit);
  if (quotient * unit > value) quotient -= 1;
  if ((quotient + 1) * unit <= value) quotient += 1;
  return round === 'up' && quotient * unit < value ? quotient + 1 : quotient;
}

/** 8999 → "89.99", -1100 → "-11.00" */
export function formatHundredths(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : '';
  const digits = String(Math.abs(hundredths)).padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
