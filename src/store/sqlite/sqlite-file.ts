import type { ListEntry } from '../../domain/list-entry.js';
import type { Subject } from '../../domain/subject.js';
import type { IdentifierKey, StoredFile } from '../store.js';
import { openObjectionsOf } from './sqlite-objections.js';
import { listRatingsOf } from './sqlite-ratings.js';
import {
  inChunks,
  LIST_ENTRY_COLUMNS,
  placeholders,
  recordStatement,
  toIdentifier,
  toListEntry,
  toName,
  toRecordVersion,
  toRelation,
} from './sqlite-rows.js';
import type {
  IdentifierRow,
  ListEntryRow,
  NameRow,
  RecordRow,
  RelationRow,
  SubjectRow,
} from './sqlite-rows.js';
import type { StatementCache } from './sqlite-tx.js';

/** A subject and what the store holds of it, on SQLite. */

const SUBJECT = 'SELECT id, kind, region, created_at FROM subjects';
const SUBJECT_BY_IDENTIFIER = `SELECT s.id, s.kind, s.region, s.created_at
  FROM subject_identifiers i JOIN subjects s ON s.id = i.subject_id
  WHERE i.scheme = ? AND i.value = ?`;
const IDENTIFIERS = `SELECT scheme, value, valid_from, valid_to FROM subject_identifiers
  WHERE subject_id = ? ORDER BY position`;
const NAMES =
  'SELECT name, lang, script, current FROM subject_names WHERE subject_id = ? ORDER BY position';
const RELATIONS = `SELECT kind, other_id, valid_from, valid_to, basis FROM subject_relations
  WHERE subject_id = ? ORDER BY id`;
const SELECT_ENTRY = `SELECT ${LIST_ENTRY_COLUMNS.join(', ')} FROM list_entries`;

/** A subject row with its identifiers, names and relations. */
function subjectOf(sql: StatementCache, row: SubjectRow): Subject {
  const identifiers = sql.get(IDENTIFIERS).all(row.id) as IdentifierRow[];
  const names = sql.get(NAMES).all(row.id) as NameRow[];
  const relations = sql.get(RELATIONS).all(row.id) as RelationRow[];
  return {
    id: row.id,
    kind: row.kind,
    region: row.region,
    identifiers: identifiers.map(toIdentifier),
    names: names.map(toName),
    relations: relations.map(toRelation),
    createdAt: row.created_at,
  };
}

/** `StoreReads.getSubject` on SQLite. */
export function getSubject(sql: StatementCache, id: string): Subject | null {
  return sql.snapshot(() => {
    const row = sql.get(`${SUBJECT} WHERE id = ?`).get(id) as SubjectRow | undefined;
    return row ? subjectOf(sql, row) : null;
  });
}

/** `StoreReads.getSubjects` on SQLite: four reads for a chunk of subjects, not four each. */
export function getSubjects(sql: StatementCache, ids: readonly string[]): Subject[] {
  return sql.snapshot(() => {
    const found: Subject[] = [];
    for (const chunk of inChunks(ids)) {
      const rows = sql
        .get(`${SUBJECT} WHERE id IN (${placeholders(chunk.length)})`)
        .all(chunk) as SubjectRow[];
      const of = <R>(select: string, order: string) =>
        bySubject(
          sql
            .get(
              `${select} WHERE subject_id IN (${placeholders(chunk.length)}) ORDER BY subject_id, ${order}`,
            )
            .all(chunk) as Array<R & Owned>,
        );
      const identifiers = of<IdentifierRow>(
        'SELECT subject_id, scheme, value, valid_from, valid_to FROM subject_identifiers',
        'position',
      );
      const names = of<NameRow>(
        'SELECT subject_id, name, lang, script, current FROM subject_names',
        'position',
      );
      const relations = of<RelationRow>(
        'SELECT subject_id, kind, other_id, valid_from, valid_to, basis FROM subject_relations',
        'id',
      );
      for (const row of rows)
        found.push({
          id: row.id,
          kind: row.kind,
          region: row.region,
          identifiers: (identifiers.get(row.id) ?? []).map(toIdentifier),
          names: (names.get(row.id) ?? []).map(toName),
          relations: (relations.get(row.id) ?? []).map(toRelation),
          createdAt: row.created_at,
        });
    }
    return found;
  });
}

interface Owned {
  subject_id: string;
}

function bySubject<R extends Owned>(rows: readonly R[]): Map<string, R[]> {
  const map = new Map<string, R[]>();
  for (const row of rows) {
    const list = map.get(row.subject_id);
    if (list) list.push(row);
    else map.set(row.subject_id, [row]);
  }
  return map;
}

/** `StoreReads.listEntriesOf` on SQLite. */
export function listEntriesOf(sql: StatementCache, subjectIds: readonly string[]): ListEntry[] {
  const found: ListEntry[] = [];
  for (const chunk of inChunks(subjectIds)) {
    const stmt = sql.get(
      `${SELECT_ENTRY} WHERE subject_id IN (${placeholders(chunk.length)}) ORDER BY id`,
    );
    for (const row of stmt.all(chunk) as ListEntryRow[]) found.push(toListEntry(row));
  }
  return found;
}

/**
 * `StoreReads.readSubjectFile` on SQLite: eight indexed statements in one read transaction,
 * so they see one snapshot and take the WAL read lock once, not once each.
 */
export function readSubjectFile(sql: StatementCache, key: IdentifierKey): StoredFile | null {
  return sql.snapshot(() => {
    const row = sql.get(SUBJECT_BY_IDENTIFIER).get(key.scheme, key.value) as SubjectRow | undefined;
    if (!row) return null;
    const versions = recordStatement(sql, 'WHERE subject_id = ? ORDER BY id').all(
      row.id,
    ) as RecordRow[];
    return {
      subject: subjectOf(sql, row),
      versions: versions.map(toRecordVersion),
      entries: listEntriesOf(sql, [row.id]),
      ratings: listRatingsOf(sql, [row.id]),
      openObjections: openObjectionsOf(sql, row.id),
    };
  });
}
