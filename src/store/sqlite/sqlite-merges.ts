import type {
  EndedRelation,
  MergeFollowers,
  MergePlan,
  MergeUndo,
  SubjectMerge,
} from '../../domain/subject-merge.js';
import type { SubjectName } from '../../domain/subject.js';
import { dateOf } from '../../domain/clock.js';
import {
  FOLLOWERS,
  MOVED_TABLES,
  noMoves,
  redundantRelations,
  RELATIONS_BESIDE_MOVED,
  sortedKeys,
  toMerge,
} from '../merge-tables.js';
import type { MergeRow, RelationRow } from '../merge-tables.js';
import { toInstant } from './sqlite-rows.js';
import type { StatementCache } from './sqlite-tx.js';

/** Renames, and merges of subjects and their undoing, on SQLite. */

type Key = string | number;
type StoredMergeRow = Omit<MergeRow, 'moved' | 'followers'> & {
  moved: string;
  followers: string | null;
};

const SELECT_MERGE = 'SELECT * FROM subject_merges';

const toStoredMerge = (r: StoredMergeRow): SubjectMerge =>
  toMerge({
    ...r,
    moved: JSON.parse(r.moved) as MergeRow['moved'],
    followers: r.followers === null ? null : (JSON.parse(r.followers) as MergeFollowers),
  });

export function getMerge(sql: StatementCache, id: string): SubjectMerge | null {
  const row = sql.get(`${SELECT_MERGE} WHERE id = ?`).get(id) as StoredMergeRow | undefined;
  return row ? toStoredMerge(row) : null;
}

export function listMerges(sql: StatementCache, subjectId: string): SubjectMerge[] {
  const rows = sql
    .get(`${SELECT_MERGE} WHERE subject_id = ? OR duplicate_id = ? ORDER BY merged_at, id`)
    .all(subjectId, subjectId) as StoredMergeRow[];
  return rows.map(toStoredMerge);
}

export function setCurrentName(sql: StatementCache, subjectId: string, name: SubjectName): void {
  sql
    .get('UPDATE subject_names SET current = 0 WHERE subject_id = ? AND lang = ? AND current = 1')
    .run(subjectId, name.lang);
  const { changes } = sql
    .get('UPDATE subject_names SET current = 1 WHERE subject_id = ? AND lang = ? AND name = ?')
    .run(subjectId, name.lang, name.name);
  if (changes > 0) return;
  sql
    .get(
      `INSERT INTO subject_names (subject_id, position, name, lang, script, current)
       VALUES (?, ?, ?, ?, ?, 1)`,
    )
    .run(
      subjectId,
      nextPosition(sql, 'subject_names', subjectId),
      name.name,
      name.lang,
      name.script,
    );
}

const nextPosition = (sql: StatementCache, table: string, subjectId: string): number =>
  (
    sql
      .get(`SELECT coalesce(max(position), -1) + 1 AS next FROM ${table} WHERE subject_id = ?`)
      .get(subjectId) as { next: number }
  ).next;

const positionsOf = (sql: StatementCache, table: string, subjectId: string): number[] =>
  sql
    .get(`SELECT position FROM ${table} WHERE subject_id = ? ORDER BY position`)
    .pluck()
    .all(subjectId) as number[];

/** `StoreWrites.mergeSubject` on SQLite. */
export function mergeSubject(sql: StatementCache, plan: MergePlan): SubjectMerge {
  const { subjectId: kept, duplicateId: dup } = plan;
  const moved = noMoves();
  let to = nextPosition(sql, 'subject_identifiers', kept);
  const moveIdentifier = sql.get(
    `UPDATE subject_identifiers SET subject_id = ?, position = ? WHERE subject_id = ? AND position = ?`,
  );
  for (const from of positionsOf(sql, 'subject_identifiers', dup)) {
    moveIdentifier.run(kept, to, dup, from);
    moved.identifiers.push({ from, to: to++ });
  }
  const names = sql
    .get('SELECT position, current FROM subject_names WHERE subject_id = ? ORDER BY position')
    .all(dup) as Array<{ position: number; current: number }>;
  to = nextPosition(sql, 'subject_names', kept);
  const moveName = sql.get(
    `UPDATE subject_names SET subject_id = ?, position = ?, current = ?
     WHERE subject_id = ? AND position = ?`,
  );
  for (const { index, current } of plan.names) {
    const name = names[index];
    if (!name) continue;
    moveName.run(kept, to, current ? 1 : 0, dup, name.position);
    moved.names.push({ from: name.position, to: to++, current: name.current === 1 });
  }
  for (const [part, table, key] of MOVED_TABLES) {
    const keys = sql
      .get(`UPDATE ${table} SET subject_id = ? WHERE subject_id = ? RETURNING ${key}`)
      .pluck()
      .all(kept, dup) as Key[];
    (moved[part] as Key[]) = sortedKeys(keys);
  }
  moved.relationsTo = sortedKeys(
    sql
      .get('UPDATE subject_relations SET other_id = ? WHERE other_id = ? RETURNING id')
      .pluck()
      .all(kept, dup) as number[],
  );
  moved.ended = endRedundantRelations(sql, [...moved.relations, ...moved.relationsTo], plan.at);
  sql.get('UPDATE subjects SET merged_into = ? WHERE id = ?').run(kept, dup);
  sql
    .get(
      `INSERT INTO subject_merges (id, subject_id, duplicate_id, reason, merged_at, merged_by, moved)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(plan.id, kept, dup, plan.reason, toInstant(plan.at), plan.by, JSON.stringify(moved));
  return getMerge(sql, plan.id)!;
}

/** Ends the moved relations the merge made redundant (`redundantRelations`); what it ended. */
function endRedundantRelations(
  sql: StatementCache,
  movedIds: number[],
  at: string,
): EndedRelation[] {
  if (movedIds.length === 0) return [];
  const day = dateOf(new Date(at));
  const rows = sql
    .get(RELATIONS_BESIDE_MOVED('SELECT value FROM json_each(?)'))
    .all(JSON.stringify(movedIds)) as RelationRow[];
  const endings = redundantRelations(rows, new Set(movedIds), day);
  const end = sql.get('UPDATE subject_relations SET valid_to = ? WHERE id = ?');
  for (const { relation, endOn } of endings) end.run(endOn, relation.id);
  return endings.map((e) => e.relation);
}

/** `StoreWrites.undoMerge` on SQLite. */
export function undoMerge(
  sql: StatementCache,
  merge: SubjectMerge,
  undo: Omit<MergeUndo, 'followers'>,
): SubjectMerge {
  const { subjectId: kept, duplicateId: dup, moved } = merge;
  const back = (table: string) =>
    sql.get(
      `UPDATE ${table} SET subject_id = ?, position = ? WHERE subject_id = ? AND position = ?`,
    );
  const identifier = back('subject_identifiers');
  for (const m of moved.identifiers) identifier.run(dup, m.from, kept, m.to);
  const name = back('subject_names');
  const current = sql.get(
    'UPDATE subject_names SET current = ? WHERE subject_id = ? AND position = ?',
  );
  for (const m of moved.names) {
    name.run(dup, m.from, kept, m.to);
    current.run(m.current ? 1 : 0, dup, m.from);
  }
  for (const [part, table, key] of MOVED_TABLES) {
    const stmt = sql.get(`UPDATE ${table} SET subject_id = ? WHERE subject_id = ? AND ${key} = ?`);
    for (const k of moved[part] as Key[]) stmt.run(dup, kept, k);
  }
  const relationTo = sql.get(
    'UPDATE subject_relations SET other_id = ? WHERE other_id = ? AND id = ?',
  );
  for (const id of moved.relationsTo) relationTo.run(dup, kept, id);
  const end = sql.get('UPDATE subject_relations SET valid_to = ? WHERE id = ?');
  for (const e of moved.ended) end.run(e.validTo, e.id);
  const followers: MergeFollowers = { versions: [], transitions: [], objections: [], repairs: [] };
  for (const [part, table, key, where] of FOLLOWERS) {
    const keys = sql
      .get(
        `UPDATE ${table} SET subject_id = $to WHERE subject_id = $from AND ${where('$to')} RETURNING ${key}`,
      )
      .pluck()
      .all({ to: dup, from: kept }) as Key[];
    (followers[part] as Key[]) = sortedKeys(keys);
  }
  sql.get('UPDATE subjects SET merged_into = NULL WHERE id = ?').run(dup);
  sql
    .get(
      `UPDATE subject_merges SET undone_at = ?, undone_by = ?, undo_reason = ?, followers = ?
       WHERE id = ?`,
    )
    .run(toInstant(undo.at), undo.by, undo.reason, JSON.stringify(followers), merge.id);
  return getMerge(sql, merge.id)!;
}
