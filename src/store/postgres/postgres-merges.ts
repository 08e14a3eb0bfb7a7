import { dateOf } from '../../domain/clock.js';
import type {
  EndedRelation,
  MergeFollowers,
  MergePlan,
  MergeUndo,
  SubjectMerge,
} from '../../domain/subject-merge.js';
import type { SubjectName } from '../../domain/subject.js';
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

/** Renames, and merges of subjects and their undoing, on PostgreSQL. */

/** Runs one statement in the transaction and returns its rows. */
export type Query = <R extends object>(sql: string, params: unknown[]) => Promise<R[]>;

type Key = string | number;

export const SELECT_MERGE = 'SELECT * FROM subject_merges';
export const LIST_MERGES = `${SELECT_MERGE} WHERE subject_id = $1 OR duplicate_id = $1
  ORDER BY merged_at, id COLLATE "C"`;
/** by key, subject and kind together: the (key, subject_id) index finds each row */
export const DROP_SEARCH_KEYS = `DELETE FROM search_keys k USING unnest($1::text[], $2::text[], $3::text[])
  AS d (key, subject_id, kind) WHERE k.key = d.key AND k.subject_id = d.subject_id AND k.kind = d.kind`;

export async function setCurrentName(
  q: Query,
  subjectId: string,
  name: SubjectName,
): Promise<void> {
  await q(
    'UPDATE subject_names SET current = false WHERE subject_id = $1 AND lang = $2 AND current',
    [subjectId, name.lang],
  );
  const again = await q(
    `UPDATE subject_names SET current = true WHERE subject_id = $1 AND lang = $2 AND name = $3
     RETURNING position`,
    [subjectId, name.lang, name.name],
  );
  if (again.length > 0) return;
  await q(
    `INSERT INTO subject_names (subject_id, position, name, lang, script, current)
     SELECT $1, coalesce(max(position), -1) + 1, $2, $3, $4, true
     FROM subject_names WHERE subject_id = $1`,
    [subjectId, name.name, name.lang, name.script],
  );
}

// the two subjects are locked first, so that merges and undos about them take turns
const LOCK = 'SELECT id FROM subjects WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE';

const nextPosition = async (q: Query, table: string, subjectId: string): Promise<number> =>
  (
    await q<{ next: number }>(
      `SELECT coalesce(max(position), -1) + 1 AS next FROM ${table} WHERE subject_id = $1`,
      [subjectId],
    )
  )[0]!.next;

/** moves rows by position: those at positions $3 of subject $2 to positions $4 of subject $1 */
const MOVE_POSITIONS = (table: string) => `UPDATE ${table} x SET subject_id = $1, position = u.t
  FROM unnest($3::int4[], $4::int4[]) AS u (f, t) WHERE x.subject_id = $2 AND x.position = u.f`;

/** moves names likewise, setting their current flag */
const MOVE_NAMES = `UPDATE subject_names x SET subject_id = $1, position = u.t, current = u.c
  FROM unnest($3::int4[], $4::int4[], $5::bool[]) AS u (f, t, c)
  WHERE x.subject_id = $2 AND x.position = u.f`;

/** `StoreWrites.mergeSubject` on PostgreSQL. */
export async function mergeSubject(q: Query, plan: MergePlan): Promise<SubjectMerge> {
  const { subjectId: kept, duplicateId: dup } = plan;
  await q(LOCK, [[kept, dup]]);
  const moved = noMoves();
  const identifiers = await q<{ position: number }>(
    'SELECT position FROM subject_identifiers WHERE subject_id = $1 ORDER BY position',
    [dup],
  );
  const firstId = await nextPosition(q, 'subject_identifiers', kept);
  moved.identifiers = identifiers.map((r, i) => ({ from: r.position, to: firstId + i }));
  await q(MOVE_POSITIONS('subject_identifiers'), [
    kept,
    dup,
    moved.identifiers.map((m) => m.from),
    moved.identifiers.map((m) => m.to),
  ]);
  const names = await q<{ position: number; current: boolean }>(
    'SELECT position, current FROM subject_names WHERE subject_id = $1 ORDER BY position',
    [dup],
  );
  const firstName = await nextPosition(q, 'subject_names', kept);
  const planned = plan.names.filter((p) => names[p.index] !== undefined);
  moved.names = planned.map((p, i) => ({
    from: names[p.index]!.position,
    to: firstName + i,
    current: names[p.index]!.current,
  }));
  await q(MOVE_NAMES, [
    kept,
    dup,
    moved.names.map((m) => m.from),
    moved.names.map((m) => m.to),
    planned.map((p) => p.current),
  ]);
  for (const [part, table, key] of MOVED_TABLES) {
    const rows = await q<{ key: Key }>(
      `UPDATE ${table} SET subject_id = $1 WHERE subject_id = $2 RETURNING ${key} AS key`,
      [kept, dup],
    );
    (moved[part] as Key[]) = sortedKeys(rows.map((r) => r.key));
  }
  const pointing = await q<{ id: number }>(
    'UPDATE subject_relations SET other_id = $1 WHERE other_id = $2 RETURNING id',
    [kept, dup],
  );
  moved.relationsTo = sortedKeys(pointing.map((r) => r.id));
  moved.ended = await endRedundantRelations(q, [...moved.relations, ...moved.relationsTo], plan.at);
  await q('UPDATE subjects SET merged_into = $1 WHERE id = $2', [kept, dup]);
  const [row] = await q<MergeRow>(
    `INSERT INTO subject_merges (id, subject_id, duplicate_id, reason, merged_at, merged_by, moved)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [plan.id, kept, dup, plan.reason, plan.at, plan.by, JSON.stringify(moved)],
  );
  return toMerge(row!);
}

/** Ends the moved relations the merge made redundant (`redundantRelations`); what it ended. */
async function endRedundantRelations(
  q: Query,
  movedIds: number[],
  at: string,
): Promise<EndedRelation[]> {
  if (movedIds.length === 0) return [];
  const day = dateOf(new Date(at));
  const rows = await q<RelationRow>(RELATIONS_BESIDE_MOVED('SELECT unnest($1::bigint[])'), [
    movedIds,
  ]);
  const endings = redundantRelations(rows, new Set(movedIds), day);
  for (const { relation, endOn } of endings) {
    await q('UPDATE subject_relations SET valid_to = $1 WHERE id = $2', [endOn, relation.id]);
  }
  return endings.map((e) => e.relation);
}

/** `StoreWrites.undoMerge` on PostgreSQL. */
export async function undoMerge(
  q: Query,
  merge: SubjectMerge,
  undo: Omit<MergeUndo, 'followers'>,
): Promise<SubjectMerge> {
  const { subjectId: kept, duplicateId: dup, moved } = merge;
  await q(LOCK, [[kept, dup]]);
  await q(MOVE_POSITIONS('subject_identifiers'), [
    dup,
    kept,
    moved.identifiers.map((m) => m.to),
    moved.identifiers.map((m) => m.from),
  ]);
  await q(MOVE_NAMES, [
    dup,
    kept,
    moved.names.map((m) => m.to),
    moved.names.map((m) => m.from),
    moved.names.map((m) => m.current),
  ]);
  for (const [part, table, key] of MOVED_TABLES) {
    const keys = moved[part] as Key[];
    if (keys.length === 0) continue;
    await q(`UPDATE ${table} SET subject_id = $1 WHERE subject_id = $2 AND ${key} = ANY($3)`, [
      dup,
      kept,
      keys,
    ]);
  }
  for (const e of moved.ended) {
    await q('UPDATE subject_relations SET valid_to = $1 WHERE id = $2', [e.validTo, e.id]);
  }
  if (moved.relationsTo.length > 0) {
    await q('UPDATE subject_relations SET other_id = $1 WHERE other_id = $2 AND id = ANY($3)', [
      dup,
      kept,
      moved.relationsTo,
    ]);
  }
  const followers: MergeFollowers = { versions: [], transitions: [], objections: [], repairs: [] };
  for (const [part, table, key, where] of FOLLOWERS) {
    const rows = await q<{ key: Key }>(
      `UPDATE ${table} SET subject_id = $1 WHERE subject_id = $2 AND ${where('$1')}
       RETURNING ${key} AS key`,
      [dup, kept],
    );
    (followers[part] as Key[]) = sortedKeys(rows.map((r) => r.key));
  }
  await q('UPDATE subjects SET merged_into = NULL WHERE id = $1', [dup]);
  const [row] = await q<MergeRow>(
    `UPDATE subject_merges SET undone_at = $2, undone_by = $3, undo_reason = $4, followers = $5
     WHERE id = $1 RETURNING *`,
    [merge.id, undo.at, undo.by, undo.reason, JSON.stringify(followers)],
  );
  return toMerge(row!);
}
