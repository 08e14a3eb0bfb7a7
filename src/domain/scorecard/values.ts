import type { CharacteristicKind } from './model.js';

/** A raw characteristic value: a number, a category, or missing. */
export type RawValue = number | string | null;

/** A number, or null for a missing value (empty text, null, NaN). */
export function numericValue(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** A category as text, or null for a missing value. */
export function categoryValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/** The shape of a bin that decides which values fall in it. */
export interface BinBounds {
  lower?: number;
  upper?: number;
  categories?: string[];
  missing?: boolean;
}

/**
 * The index of the bin a value falls in, or -1 when none holds it: a missing value where the
 * characteristic has no missing bin, or a category not seen in training.
 */
export function findBin(
  kind: CharacteristicKind,
  bins: readonly BinBounds[],
  value: unknown,
): number {
  const v = kind === 'numeric' ? numericValue(value) : categoryValue(value);
  if (v === null) return bins.findIndex((b) => b.missing === true);
  return bins.findIndex((b) => {
    if (b.missing) return false;
    if (typeof v === 'string') return b.categories?.includes(v) ?? false;
    return (b.lower === undefined || v >= b.lower) && (b.upper === undefined || v < b.upper);
  });
}
