/** Search keys on PostgreSQL: exact through the B-tree, fuzzy through the pg_trgm GIN index. */
import type { SearchFilter } from '../search-keys.js';

// a subject merged away keeps its row but no keys of its own; it is never a hit
const FILTER = `s.merged_into IS NULL AND ($2::text IS NULL OR s.kind = $2) AND ($3::text IS NULL OR left(s.region, length($3)) = $3)`;
export const filterValues = (f: SearchFilter): unknown[] => [f.kind ?? null, f.region ?? null];

export const INSERT_SEARCH_KEYS = `INSERT INTO search_keys (subject_id, kind, key, fuzzy)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bool[])`;

const KINDS = `($5::text[] IS NULL OR k.kind = ANY($5))`;

// each value with its own limit, so that a common key cannot crowd out a rare one: a few
// values one index range each
export const MATCH_SEARCH_KEYS = `SELECT m.* FROM unnest($1::text[]) AS q (key)
  CROSS JOIN LATERAL (
    SELECT k.subject_id AS "subjectId", k.kind, k.key
    FROM search_keys k JOIN subjects s ON s.id = k.subject_id
    WHERE k.key = q.key AND ${KINDS} AND ${FILTER} LIMIT $4) m`;
// many values (one-edit neighbours, mostly absent keys): the keys in one index scan, then the
// subjects they name, since a join over hundreds of values is planned as a scan of subjects
export const MATCH_MANY_KEYS = `SELECT k.subject_id AS "subjectId", k.kind, k.key FROM search_keys k
  WHERE k.key = ANY($1::text[]) AND ($2::text[] IS NULL OR k.kind = ANY($2))`;
export const SEARCHABLE_SUBJECTS = `SELECT s.id FROM subjects s
  WHERE s.id = ANY($1::text[]) AND ${FILTER}`;

/**
 * Keys containing every piece of some group, nearest the length first ($1 the limit, $2 and
 * $3 the filter, $4 the length, then the pieces); `LIKE '%…%'` uses the trigram index.
 */
export function fragmentQuery(groups: readonly (readonly string[])[]): string {
  let n = 5;
  const any = groups
    .map((g) => `(${g.map(() => `k.key LIKE '%' || $${n++} || '%'`).join(' AND ')})`)
    .join(' OR ');
  return `SELECT k.subject_id AS "subjectId", k.kind, k.key
  FROM search_keys k JOIN subjects s ON s.id = k.subject_id
  WHERE k.fuzzy AND (${any}) AND ${FILTER}
  ORDER BY abs(length(k.key) - $4::int), k.key, k.subject_id LIMIT $1`;
}
