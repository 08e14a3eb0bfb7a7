import { CredenceError } from '../errors.js';

/** Opaque page cursors: the position a page ended at, so clients never build them. */
export function encodeCursor(position: string | number): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<T extends string | number>(
  raw: string | undefined,
  start: T,
  field = 'query.cursor',
): T {
  if (raw === undefined) return start;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    // only what encodeCursor gives out: a sequence number (no 1.5, -1 or 1e999) or a plain id
    if (typeof start === 'number' && Number.isSafeInteger(value) && (value as number) >= 0) {
      return value as T;
    }
    if (typeof start === 'string' && typeof value === 'string' && !value.includes('\u0000')) {
      return value as T;
    }
  } catch {
    // fall through to the coded error
  }
  throw badCursor(field);
}

/** The error for a cursor this API did not give out. */
export const badCursor = (field = 'query.cursor'): CredenceError =>
  new CredenceError('REQUEST_INVALID', 'the cursor is not one this API gave out', { field });

/** The cursor after a full page, or null when the page was the last. */
export function nextCursor<T>(
  items: readonly T[],
  limit: number,
  position: (item: T) => string | number,
) {
  const last = items.at(-1);
  return items.length === limit && last !== undefined ? encodeCursor(position(last)) : null;
}
