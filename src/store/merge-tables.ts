import type { MergeFollowers, MergeMoves, SubjectMerge } from '../domain/subject-merge.js';

/** What both adapters share of merges: the tables a merge moves and the merge row's columns. */

type WholeRows = Exclude<keyof MergeMoves, 'identifiers' | 'names' | 'relationsTo'>;

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
  versions: [],
  entries: [],
  transitions: [],
  ratings: [],
  objections: [],
  repairs: [],
  inquiries: [],
  accounts: [],
});

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
  moved: MergeMoves;
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
    moved: r.moved,
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
