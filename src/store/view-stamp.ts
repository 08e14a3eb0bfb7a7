import { createHash } from 'node:crypto';
import type { ViewStamp } from './store.js';

/**
 * A view stamp by region (issue 22), shared by both adapters: the fingerprint a subject's saved
 * view must carry, in code and as SQL over the subject's region column.
 */

/** The stamp's fingerprint for a subject in `region`. */
export function stampFor(stamp: ViewStamp, region: string | null): string {
  const hit = stamp.regional?.find((r) => region !== null && region.startsWith(r.prefix));
  return hit?.catalog ?? stamp.catalog;
}

const DIGITS = /^\d+$/;
const FINGERPRINT = /^[0-9a-z.-]+$/;

/**
 * SQL for the fingerprint a subject's view must carry: `param` (the stamp's own) where no layer
 * applies, else a CASE over `regionColumn`. The prefixes and fingerprints are written into the
 * text: they are digits and hex from the loaded catalog, checked here, and a few per catalog.
 */
export function stampSql(stamp: ViewStamp, regionColumn: string, param: string): string {
  const regional = stamp.regional ?? [];
  if (regional.length === 0) return param;
  const cases = regional.map(({ prefix, catalog }) => {
    if (!DIGITS.test(prefix) || !FINGERPRINT.test(catalog))
      throw new Error(`a view stamp holds digits and fingerprints only: ${prefix} ${catalog}`);
    return `WHEN ${regionColumn} LIKE '${prefix}%' THEN '${catalog}'`;
  });
  return `(CASE ${cases.join(' ')} ELSE ${param} END)`;
}

/** What a pass over every subject is recorded under: the stamp's fingerprints, all of them. */
export function passCatalog(stamp: ViewStamp): string {
  const regional = stamp.regional ?? [];
  if (regional.length === 0) return stamp.catalog;
  const digest = createHash('sha256').update(JSON.stringify(regional)).digest('hex').slice(0, 16);
  return `${stamp.catalog}+${digest}`;
}

/** A statement name that differs with the text (PostgreSQL names each prepared text once). */
export const statementName = (base: string, text: string): string =>
  `${base}_${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
