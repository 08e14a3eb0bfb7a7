import { sortReach } from '../reach.js';
import { identifierKey } from '../store.js';
import type { IdentifierKey, SubjectReach } from '../store.js';
import { LIST_ENTRY_COLUMNS, toListEntry } from './sqlite-rows.js';
import type { ListEntryRow, RelationRow } from './sqlite-rows.js';
import type { StatementCache } from './sqlite-tx.js';

const ENTRY = LIST_ENTRY_COLUMNS.map((c) => `e.${c}`).join(', ');

// two statements per identifier, each as cheap as it gets: most subjects have no entry at all
const SUBJECT_OF =
  'SELECT subject_id FROM subject_identifiers WHERE scheme = @scheme AND value = @value';
// the subject's own entries, then those of the subjects related to it with the relation
const ENTRIES_REACHING = `SELECT NULL AS kind, NULL AS valid_from, NULL AS valid_to, ${ENTRY}
  FROM list_entries e WHERE e.subject_id = @id
  UNION ALL
  SELECT r.kind, r.valid_from, r.valid_to, ${ENTRY}
  FROM subject_relations r JOIN list_entries e ON e.subject_id = r.subject_id
  WHERE r.other_id = @id`;

type ReachRow = Omit<RelationRow, 'other_id' | 'kind'> & {
  kind: RelationRow['kind'] | null;
} & ListEntryRow;

/** `StoreReads.findReach` on SQLite. */
export function findReach(
  sql: StatementCache,
  keys: readonly IdentifierKey[],
): Map<string, SubjectReach> {
  const subjectOf = sql.get(SUBJECT_OF).pluck();
  const entriesReaching = sql.get(ENTRIES_REACHING);
  const found = new Map<string, SubjectReach>();
  for (const key of keys) {
    const id = subjectOf.get(key) as string | undefined;
    if (id === undefined) continue;
    const reach: SubjectReach = { subjectId: id, entries: [] };
    for (const row of entriesReaching.all({ id }) as ReachRow[]) {
      const relation =
        row.kind === null
          ? null
          : { kind: row.kind, otherId: id, validFrom: row.valid_from, validTo: row.valid_to };
      reach.entries.push({ entry: toListEntry(row), relation });
    }
    sortReach(reach.entries);
    found.set(identifierKey(key), reach);
  }
  return found;
}
