import type { ListEntry } from '../../domain/list-entry.js';
import type { StoredRating } from '../../domain/rating-run.js';
import type { RecordVersion } from '../../domain/record.js';
import type { Subject } from '../../domain/subject.js';
import type { IdentifierKey, StoredFile } from '../store.js';
import type { Objection } from '../../domain/objection.js';
import { OBJECTION_COLUMNS } from '../objection-columns.js';
import { RATING_COLUMNS } from './postgres-ratings.js';
import { LIST_ENTRY_COLUMNS, RECORD_COLUMNS, SUBJECT_SELECT } from './postgres-rows.js';

/**
 * A subject and what the store holds of it, on PostgreSQL, in one round trip: the subject's
 * columns, and its record versions, list entries, ratings and open objections each as a JSON array of objects
 * keyed by property, so they need no mapping but their instants.
 */

const TIMESTAMPTZ = new Set(['recorded_at', 'rated_at']);

/**
 * A column as JSON gives the value the other reads give: an instant as `toISOString` writes it
 * (JSON would write the session's offset and microseconds), anything else as it is (dates as
 * 'YYYY-MM-DD', bigints as numbers, JSON as JSON).
 */
const value = (alias: string, column: string): string =>
  TIMESTAMPTZ.has(column)
    ? `to_char(${alias}.${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : `${alias}.${column}`;

const object = (alias: string, columns: readonly (readonly [string, string, ...unknown[]])[]) =>
  `json_build_object(${columns.map(([c, p]) => `'${p}', ${value(alias, c)}`).join(', ')})`;

export const NAME = 'credence_subject_file';

// ratings.subject_id is COLLATE "C" (so pages of a run follow SQLite's order): the comparison
// names that collation, and uses the column's index
const FILE_SELECT = `${SUBJECT_SELECT},
  coalesce((SELECT json_agg(${object('v', RECORD_COLUMNS)} ORDER BY v.id)
    FROM record_versions v WHERE v.subject_id = s.id), '[]') AS versions,
  coalesce((SELECT json_agg(${object('e', LIST_ENTRY_COLUMNS)} ORDER BY e.id)
    FROM list_entries e WHERE e.subject_id = s.id), '[]') AS entries,
  coalesce((SELECT json_agg(${object('g', RATING_COLUMNS)} ORDER BY g.rated_at DESC, g.id DESC)
    FROM ratings g WHERE g.subject_id = s.id COLLATE "C"), '[]') AS ratings,
  coalesce((SELECT json_agg(${object('o', OBJECTION_COLUMNS)} ORDER BY o.id COLLATE "C")
    FROM objections o WHERE o.subject_id = s.id AND o.state = 'open'), '[]') AS "openObjections"`;

export const READ_FILE = `SELECT ${FILE_SELECT}
  FROM subject_identifiers k JOIN subjects s ON s.id = k.subject_id
  WHERE k.scheme = $1 AND k.value = $2`;

export const FILES_NAME = 'credence_subject_files';

/** the files of many identifiers in one statement, each row with the identifier it answers */
export const READ_FILES = `SELECT k.scheme AS "askedScheme", k.value AS "askedValue", ${FILE_SELECT}
  FROM unnest($1::text[], $2::text[]) AS q (scheme, value)
  JOIN subject_identifiers k ON k.scheme = q.scheme AND k.value = q.value
  JOIN subjects s ON s.id = k.subject_id`;

export type FileRow = Subject & {
  versions: RecordVersion[];
  entries: ListEntry[];
  ratings: StoredRating[];
  openObjections: Objection[];
};

export type AskedFileRow = FileRow & { askedScheme: IdentifierKey['scheme']; askedValue: string };

export function toStoredFile(row: FileRow): StoredFile {
  const { versions, entries, ratings, openObjections, ...subject } = row;
  return { subject, versions, entries, ratings, openObjections };
}
