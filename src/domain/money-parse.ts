/** Parses decimal major units (yuan) into integer minor units (fen) with string arithmetic, never floats. */

const MINOR_DIGITS = 2;
const DECIMAL_RE = /^(\d+)(?:\.(\d+))?$/;

export type MoneyParse = { ok: true; minor: number } | { ok: false; message: string };

/**
 * Parses a non-negative amount with at most 2 decimal places ("1234.5" -> 123450).
 * Numbers are read through their shortest decimal form, so 0.1 + 0.2 is rejected.
 * Zeros past the second place are accepted ("1.230" -> 123): the value is still exact.
 */
export function parseMoney(raw: unknown): MoneyParse {
  let text: string;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { ok: false, message: 'is not a finite number' };
    text = String(raw);
  } else if (typeof raw === 'string') {
    text = raw.trim();
  } else {
    return { ok: false, message: `is a ${kindOf(raw)}, not a decimal amount` };
  }
  if (/^-\s*\d/.test(text)) return { ok: false, message: `"${text}" is negative` };
  const m = DECIMAL_RE.exec(text);
  if (!m) return { ok: false, message: `"${text}" is not a decimal amount like 1234.50` };
  const whole = m[1] ?? '0';
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > MINOR_DIGITS) {
    return { ok: false, message: `"${text}" has more than ${MINOR_DIGITS} decimal places` };
  }
  const digits = (whole + fraction.padEnd(MINOR_DIGITS, '0')).replace(/^0+(?=\d)/, '');
  if (BigInt(digits) > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ok: false, message: `"${text}" is too large` };
  }
  return { ok: true, minor: Number(digits) };
}

export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value;
}
