import type {
  EndedRelation,
  MergeFollowers,
  MergeMoves,
  SubjectMerge,
} from '../domain/subject-merge.js';

/** What both adapters share of merges: the tables a merge moves and the merge row's columns. */

type WholeRows = Exclude<keyof MergeMoves, 'identifiers' | 'names' | 'relationsTo' | 'ended'>;

/** Subject-owned tables whose rows move whole (their subject_id changes), by their key column. */
export const MOVED_TABLES: ReadonlyArray<readonly [WholeRows, string, string]> = [
  ['relations', 'subject_relations', 'id'],
  ['versions', 'record_versions', 'id'],
  ['entries', 'list_entries', 'id'],
  ['transitions', 'list_transitions', 'seq'],
  ['ratings', 'ratings', 'id'],
  ['objections', 'objections', 'id'],
  ['repairs', 'repairs', 'id'],
  ['inquiries', 'inquiries', 'seq'],
  ['accounts', 'accounts', 'id'],
];

/**
 * Rows of the subject kept that follow a moved item back on undo, in this order (a repair
 * first, so that an objection to it follows too): each condition is written with `to`, the
 * placeholder of the duplicate, whose own rows are back by then.
 */
export const FOLLOWERS: ReadonlyArray<
  readonly [keyof MergeFollowers, string, string, (to: string) => string]
> = [
  [
    'versions',
    'record_versions',
    'id',
    (to) => `record_id IN (SELECT record_id FROM record_versions WHERE subject_id = ${to})`,
  ],
  [
    'transitions',
    'list_transitions',
    'seq',
    (to) => `entry_id IN (SELECT id FROM list_entries WHERE subject_id = ${to})`,
  ],
  ['repairs', 'repairs', 'id', (to) => `item_id IN (${itemsOf(ITEM_TABLES.slice(0, 3), to)})`],
  ['objections', 'objections', 'id', (to) => `item_id IN (${itemsOf(ITEM_TABLES, to)})`],
];

/** what an objection or a repair application can be about */
const ITEM_TABLES = ['record_versions', 'list_entries', 'ratings', 'repairs'];

const itemsOf = (tables: readonly string[], to: string): string =>
  tables.map((t) => `SELECT id FROM ${t} WHERE subject_id = ${to}`).join(' UNION ALL ');

/** Nothing moved yet: the start of a merge's record. */
export const noMoves = (): MergeMoves => ({
  identifiers: [],
  names: [],
  relations: [],
  relationsTo: [],
  ended: [],
  versions: [],
  entries: [],
  transitions: [],
  ratings: [],
  objections: [],
  repairs: [],
  inquiries: [],
  accounts: [],
});

/** A relation as a merge reads it, to find the moved ones it makes redundant. */
export interface RelationRow {
  id: number;
  subject_id: string;
  kind: string;
  other_id: string;
  valid_from: string | null;
  valid_to: string | null;
}

/** every relation of the subjects that hold a moved relation (`$ids`: the moved ids) */
export const RELATIONS_BESIDE_MOVED = (ids: string): string =>
  `SELECT id, subject_id, kind, other_id, valid_from, valid_to FROM subject_relations
    WHERE subject_id IN (SELECT subject_id FROM subject_relations WHERE id IN (${ids}))`;

/** A relation a merge ends: what it was (kept for the undo) and the end it now gets. */
export interface RelationEnding {
  relation: EndedRelation;
  endOn: string;
}

/**
 * The moved relations a merge ends, after its moves (`rows`: RELATIONS_BESIDE_MOVED): one that
 * now relates the subject kept to itself, and one that repeats a relation its subject holds that
 * did not move, in the same kind to the same subject, and is not ended on `day`. A merge ends them
 * on its day (or on the day one was to start, if later) rather than deleting them: the file keeps
 * its history and an undo gives each its end back.
 */
export function redundantRelations(
  rows: readonly RelationRow[],
  moved: ReadonlySet<number>,
  day: string,
): RelationEnding[] {
  const open = (r: RelationRow) => r.valid_to === null || r.valid_to > day;
  const held = new Set(
    rows
      .filter((r) => !moved.has(r.id) && open(r))
      .map((r) => `${r.subject_id}\u0000${r.kind}\u0000${r.other_id}`),
  );
  return rows
    .filter(
      (r) =>
        moved.has(r.id) &&
        open(r) &&
        (r.subject_id === r.other_id ||
          held.has(`${r.subject_id}\u0000${r.kind}\u0000${r.other_id}`)),
    )
    .sort((a, b) => a.id - b.id)
    .map((r) => ({
      relation: { id: r.id, validTo: r.valid_to },
      endOn: r.valid_from !== null && r.valid_from > day ? r.valid_from : day,
    }));
}

/** Keys in a stable order, whatever order the database returned the rows in. */
export const sortedKeys = <K extends string | number>(keys: K[]): K[] =>
  keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** A `subject_merges` row as both adapters read it (JSON columns parsed). */
export interface MergeRow {
  id: string;
  subject_id: string;
  duplicate_id: string;
  reason: string;
  merged_at: string;
  merged_by: string;
  /** a merge recorded before relations were ended has no `ended` */
  moved: Omit<MergeMoves, 'ended'> & { ended?: EndedRelation[] };
  undone_at: string | null;
  undone_by: string | null;
  undo_reason: string | null;
  followers: MergeFollowers | null;
}

export function toMerge(r: MergeRow): SubjectMerge {
  return {
    id: r.id,
    subjectId: r.subject_id,
    duplicateId: r.duplicate_id,
    reason: r.reason,
    mergedAt: r.merged_at,
    mergedBy: r.merged_by,
    moved: { ...r.moved, ended: r.moved.ended ?? [] },
    undone:
      r.undone_at === null
        ? null
        : {
            at: r.undone_at,
            by: r.undone_by ?? '',
            reason: r.undo_reason ?? '',
            followers: r.followers ?? {
              versions: [],
              transitions: [],
              objections: [],
              repairs: [],
            },
          },
  };
}
