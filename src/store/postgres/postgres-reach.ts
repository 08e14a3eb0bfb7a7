import type { QueryConfig } from 'pg';
import type { ListEntry } from '../../domain/list-entry.js';
import type { RelationKind } from '../../domain/subject.js';
import { sortReach } from '../reach.js';
import { identifierKey } from '../store.js';
import type { IdentifierKey, SubjectReach } from '../store.js';
import { LIST_ENTRY_COLUMNS } from './postgres-rows.js';

const ENTRY = LIST_ENTRY_COLUMNS.map(([c, p]) => `e.${c} AS "${p}"`).join(', ');

const RELATED = `SELECT t.n, t.subject_id, r.kind, r.valid_from, r.valid_to, ${ENTRY}
    FROM t JOIN subject_relations r ON r.other_id = t.subject_id
    JOIN list_entries e ON e.subject_id = r.subject_id`;
const OWN = `SELECT t.n, t.subject_id AS target, NULL::text AS "relKind", NULL::date AS "relFrom",
      NULL::date AS "relTo", ${ENTRY}
    FROM t LEFT JOIN list_entries e ON e.subject_id = t.subject_id`;

/**
 * Named statements: prepared once per connection, so a check costs one round trip. The
 * subjects with their own entries (a row even without any), then the entries of the subjects
 * related to them with the relation; n is the key's position in the batch.
 */
const FIND_REACH_MANY = {
  name: 'credence_find_reach_many',
  text: `WITH t AS (
      SELECT k.n, i.subject_id FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k (scheme, value, n)
      JOIN subject_identifiers i ON i.scheme = k.scheme AND i.value = k.value)
    ${OWN} UNION ALL ${RELATED}`,
};
// one key without arrays: an array parameter is planned anew on every execution, which
// costs three times the lookup itself
const FIND_REACH_ONE = {
  name: 'credence_find_reach_one',
  text: `WITH t AS (
      SELECT 1 AS n, subject_id FROM subject_identifiers WHERE scheme = $1 AND value = $2)
    ${OWN} UNION ALL ${RELATED}`,
};

/** The statement and parameters that find what reaches these keys. */
export function reachQuery(keys: readonly IdentifierKey[]): QueryConfig<unknown[]> {
  if (keys.length === 1) return { ...FIND_REACH_ONE, values: [keys[0]!.scheme, keys[0]!.value] };
  return {
    ...FIND_REACH_MANY,
    values: [keys.map((k) => k.scheme), keys.map((k) => k.value)],
  };
}

type ReachRow = {
  n: number;
  target: string;
  relKind: RelationKind | null;
  relFrom: string | null;
  relTo: string | null;
} & { [K in keyof ListEntry]: ListEntry[K] | null };

/** The rows of `FIND_REACH` as one reach per key. */
export function toReach(
  keys: readonly IdentifierKey[],
  rows: readonly ReachRow[],
): Map<string, SubjectReach> {
  const byPosition = new Map<number, SubjectReach>();
  for (const { n, target, relKind, relFrom, relTo, ...entry } of rows) {
    let reach = byPosition.get(n);
    if (!reach) byPosition.set(n, (reach = { subjectId: target, entries: [] }));
    if (entry.id === null) continue;
    const relation =
      relKind === null
        ? null
        : { kind: relKind, otherId: target, validFrom: relFrom, validTo: relTo };
    reach.entries.push({ entry: entry as ListEntry, relation });
  }
  const found = new Map<string, SubjectReach>();
  for (const [n, reach] of byPosition) {
    sortReach(reach.entries);
    found.set(identifierKey(keys[n - 1]!), reach);
  }
  return found;
}
