import type { Subject } from '../../domain/subject.js';
import {
  FEW_VALUES,
  searchKeyRows,
  type KeyMatch,
  type SearchFilter,
  type SearchKeyRow,
} from '../search-keys.js';
import { inChunks, placeholders } from './sqlite-rows.js';
import type { StatementCache } from './sqlite-tx.js';

/**
 * Search keys on SQLite: exact through the clustered search_keys, fuzzy through the FTS5 trigram
 * table over search_fuzzy (the whole Latin forms, also in search_keys).
 */

// a subject merged away keeps its row but no keys of its own; it is never a hit
const FILTER = `s.merged_into IS NULL AND (? IS NULL OR s.kind = ?) AND (? IS NULL OR substr(s.region, 1, length(?)) = ?)`;
const filterValues = (f: SearchFilter): unknown[] => [
  f.kind ?? null,
  f.kind ?? null,
  f.region ?? null,
  f.region ?? null,
  f.region ?? null,
];

export function insertSearchKeys(
  sql: StatementCache,
  subjects: ReadonlyArray<Pick<Subject, 'id' | 'kind' | 'names'>>,
): void {
  const rows = dedupe(searchKeyRows(subjects));
  insertMany(sql, 'INSERT OR IGNORE INTO search_keys (subject_id, kind, key)', rows);
  insertMany(
    sql,
    'INSERT INTO search_fuzzy (subject_id, kind, key)',
    rows.filter((r) => r.fuzzy),
  );
}

/** The same key of the same kind from two names of a subject is one row. */
function dedupe(rows: readonly SearchKeyRow[]): SearchKeyRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const id = `${r.subjectId}\u0000${r.kind}\u0000${r.key}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** rows of one INSERT: far below SQLite's 32,766 parameters, and few statement sizes to cache */
const KEYS_PER_INSERT = 64;

// many rows a statement: a subject has a dozen keys, and each run of a statement has a cost
function insertMany(sql: StatementCache, into: string, rows: readonly SearchKeyRow[]): void {
  for (let start = 0; start < rows.length; start += KEYS_PER_INSERT) {
    const chunk = rows.slice(start, start + KEYS_PER_INSERT);
    const values: string[] = [];
    for (const r of chunk) values.push(r.subjectId, r.kind, r.key);
    sql.get(`${into} VALUES ${Array(chunk.length).fill('(?, ?, ?)').join(', ')}`).run(values);
  }
}

/** Drops the rows these subjects' names are indexed under, each found by its key. */
export function dropSearchKeys(
  sql: StatementCache,
  subjects: ReadonlyArray<Pick<Subject, 'id' | 'kind' | 'names'>>,
): void {
  const drop = sql.get('DELETE FROM search_keys WHERE key = ? AND subject_id = ? AND kind = ?');
  const dropFuzzy = sql.get('DELETE FROM search_fuzzy WHERE subject_id = ? AND key = ?');
  for (const row of searchKeyRows(subjects)) {
    drop.run(row.key, row.subjectId, row.kind);
    if (row.fuzzy) dropFuzzy.run(row.subjectId, row.key);
  }
}

export function clearSearchKeys(sql: StatementCache): void {
  sql.get('DELETE FROM search_keys').run();
  sql.get('DELETE FROM search_fuzzy').run();
}

// each value with its own limit, so that a common key cannot crowd out a rare one: a few
// values one indexed range each; many (one-edit neighbours, mostly absent) an IN-list a chunk
export function matchSearchKeys(
  sql: StatementCache,
  values: readonly string[],
  filter: SearchFilter,
  limit: number,
  kinds?: readonly string[],
): KeyMatch[] {
  const ofKinds = kinds ? `AND k.kind IN (${placeholders(kinds.length)})` : '';
  const bound = [...(kinds ?? []), ...filterValues(filter)];
  const distinct = [...new Set(values)];
  if (distinct.length <= FEW_VALUES) {
    const stmt = sql.get(
      `SELECT k.subject_id AS subjectId, k.kind, k.key FROM search_keys k
       JOIN subjects s ON s.id = k.subject_id
       WHERE k.key = ? ${ofKinds} AND ${FILTER} LIMIT ?`,
    );
    return sql.snapshot(() => distinct.flatMap((v) => stmt.all(v, ...bound, limit) as KeyMatch[]));
  }
  return sql.snapshot(() =>
    [...inChunks(distinct)].flatMap(
      (chunk) =>
        sql
          .get(
            `SELECT subjectId, kind, key FROM (
               SELECT k.subject_id AS subjectId, k.kind, k.key,
                 row_number() OVER (PARTITION BY k.key) AS nth
               FROM search_keys k JOIN subjects s ON s.id = k.subject_id
               WHERE k.key IN (${placeholders(chunk.length)}) ${ofKinds} AND ${FILTER})
             WHERE nth <= ?`,
          )
          .all(...chunk, ...bound, limit) as KeyMatch[],
    ),
  );
}

export function fragmentSearchKeys(
  sql: StatementCache,
  groups: readonly (readonly string[])[],
  length: number,
  filter: SearchFilter,
  limit: number,
): KeyMatch[] {
  if (groups.length === 0) return [];
  // a quoted string is a substring for the trigram tokenizer; pieces are [a-z0-9] only
  const match = groups.map((g) => `(${g.map((p) => `"${p}"`).join(' AND ')})`).join(' OR ');
  return sql
    .get(
      `SELECT k.subject_id AS subjectId, k.kind, k.key FROM search_trigrams t
       JOIN search_fuzzy k ON k.rowid = t.rowid JOIN subjects s ON s.id = k.subject_id
       WHERE search_trigrams MATCH ? AND ${FILTER}
       ORDER BY abs(length(k.key) - ?), k.key LIMIT ?`,
    )
    .all(match, ...filterValues(filter), length, limit) as KeyMatch[];
}
