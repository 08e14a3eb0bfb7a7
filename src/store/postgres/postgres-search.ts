/** Search keys on PostgreSQL: exact through the B-tree, fuzzy through the pg_trgm GIN index. */
import type { SearchFilter, SearchKeyRow } from '../search-keys.js';

/**
 * A subject merged away keeps its row but no keys of its own (its merge drops them, and a
 * re-index skips it), so without a filter the keys alone answer; with one, each key row is
 * checked against its subject: one more index probe a row.
 */
const filtered = (f: SearchFilter): boolean => f.kind !== undefined || f.region !== undefined;
const FILTER = (kind: string, region: string) =>
  `s.merged_into IS NULL AND (${kind}::text IS NULL OR s.kind = ${kind}) AND (${region}::text IS NULL OR left(s.region, length(${region})) = ${region})`;
const filterValues = (f: SearchFilter): unknown[] => [f.kind ?? null, f.region ?? null];

export const INSERT_SEARCH_KEYS = `INSERT INTO search_keys (subject_id, kind, key, fuzzy)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bool[])`;
export const COPY_SEARCH_KEYS = 'COPY search_keys (subject_id, kind, key, fuzzy) FROM STDIN';
export const searchKeyCopyValues = (r: SearchKeyRow): string[] => [
  r.subjectId,
  r.kind,
  r.key,
  r.fuzzy ? 't' : 'f',
];

export interface Statement {
  sql: string;
  values: unknown[];
}

const KINDS = (p: string) => `(${p}::text[] IS NULL OR k.kind = ANY(${p}))`;

/**
 * Each value with its own limit, so that a common key cannot crowd out a rare one: a few values
 * one index range each, read from the index alone.
 */
export function matchKeys(
  values: readonly string[],
  filter: SearchFilter,
  limit: number,
  kinds: readonly string[] | null,
): Statement {
  if (!filtered(filter))
    return {
      sql: `SELECT m.* FROM unnest($1::text[]) AS q (key)
  CROSS JOIN LATERAL (SELECT k.subject_id AS "subjectId", k.kind, k.key FROM search_keys k
    WHERE k.key = q.key AND ${KINDS('$3')} LIMIT $2) m`,
      values: [values, limit, kinds],
    };
  return {
    sql: `SELECT m.* FROM unnest($1::text[]) AS q (key)
  CROSS JOIN LATERAL (
    SELECT k.subject_id AS "subjectId", k.kind, k.key
    FROM search_keys k JOIN subjects s ON s.id = k.subject_id
    WHERE k.key = q.key AND ${KINDS('$5')} AND ${FILTER('$2', '$3')} LIMIT $4) m`,
    values: [values, ...filterValues(filter), limit, kinds],
  };
}

// many values (one-edit neighbours, mostly absent keys): the keys in one index scan, then the
// subjects they name if a filter asks, since a join over hundreds of values is planned as a
// scan of subjects
export const MATCH_MANY_KEYS = `SELECT k.subject_id AS "subjectId", k.kind, k.key FROM search_keys k
  WHERE k.key = ANY($1::text[]) AND ${KINDS('$2')}`;

/** Of these subjects, the ones the filter lets through; null when there is no filter. */
export function searchable(ids: readonly string[], filter: SearchFilter): Statement | null {
  if (!filtered(filter)) return null;
  return {
    sql: `SELECT s.id FROM subjects s WHERE s.id = ANY($1::text[]) AND ${FILTER('$2', '$3')}`,
    values: [ids, ...filterValues(filter)],
  };
}

/** the most key rows the fragment tier reads from the table, over all its groups */
export const FRAGMENT_READ = 1000;

/**
 * Keys containing every piece of some group, nearest the length first; `LIKE '%…%'` uses the
 * trigram index. Each group reads at most its share of FRAGMENT_READ rows before they are
 * ordered: a piece of three letters is in tens of thousands of keys at a million subjects, and
 * each row is a read of the table (the index is lossy), so reading them all took seconds; and a
 * common piece cannot crowd out the rows of a rare one.
 */
export function fragmentKeys(
  groups: readonly (readonly string[])[],
  length: number,
  filter: SearchFilter,
  limit: number,
): Statement {
  const join = filtered(filter);
  let n = join ? 6 : 4;
  const each = groups.map(
    (g) => `(SELECT k.subject_id AS "subjectId", k.kind, k.key
    FROM search_keys k ${join ? 'JOIN subjects s ON s.id = k.subject_id' : ''}
    WHERE k.fuzzy AND ${g.map(() => `k.key LIKE '%' || $${n++} || '%'`).join(' AND ')}
    ${join ? `AND ${FILTER('$4', '$5')}` : ''} LIMIT $3)`,
  );
  return {
    sql: `SELECT DISTINCT m."subjectId", m.kind, m.key, abs(length(m.key) - $2::int) AS far
  FROM (${each.join(' UNION ALL ')}) m
  ORDER BY far, m.key, m."subjectId" LIMIT $1`,
    values: [
      limit,
      length,
      Math.max(Math.ceil(limit / 5), Math.ceil(FRAGMENT_READ / Math.max(1, groups.length))),
      ...(join ? filterValues(filter) : []),
      ...groups.flat(),
    ],
  };
}
