import pg from 'pg';
import type { CustomTypesConfig } from 'pg';
import type { ListEntry, ListTransition } from '../../domain/list-entry.js';
import type { RecordVersion } from '../../domain/record.js';
import { CredenceError } from '../../errors.js';

/** Column mapping, type parsing, COPY encoding and error mapping for PostgreSQL. */

const OID = { int8: 20, date: 1082, timestamptz: 1184 } as const;
const parseTimestamptz = pg.types.getTypeParser(OID.timestamptz) as (raw: string) => Date;

// what a session in UTC sends, 'YYYY-MM-DD HH:MM:SS[.ffffff]+00': rearranged without a Date
const UTC_INSTANT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)?\+00$/;

/** An instant as `toISOString` writes it; the milliseconds truncated as the Date parse would. */
export function isoInstant(raw: string): string {
  const m = UTC_INSTANT.exec(raw);
  if (!m) return parseTimestamptz(raw).toISOString();
  const ms = m[3] ? Math.trunc(1000 * parseFloat(m[3])) : 0;
  return `${m[1]}T${m[2]}.${String(ms).padStart(3, '0')}Z`;
}

/** The TS side sees dates as 'YYYY-MM-DD', instants as ISO 8601 with Z, and bigints as numbers. */
export const PG_TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === OID.date) return (raw: string) => raw;
    if (oid === OID.timestamptz) return isoInstant;
    if (oid === OID.int8) return (raw: string) => Number(raw);
    return pg.types.getTypeParser(oid, format);
  }) as CustomTypesConfig['getTypeParser'],
};

/** A subject's columns, with its identifiers, names and relations as JSON arrays; `s` is the subject. */
export const SUBJECT_SELECT = `s.id, s.kind, s.region, s.created_at AS "createdAt",
  coalesce((SELECT jsonb_agg(jsonb_build_object('scheme', i.scheme, 'value', i.value,
      'validFrom', i.valid_from, 'validTo', i.valid_to) ORDER BY i.position)
    FROM subject_identifiers i WHERE i.subject_id = s.id), '[]') AS identifiers,
  coalesce((SELECT jsonb_agg(jsonb_build_object('name', n.name, 'lang', n.lang,
      'script', n.script, 'current', n.current) ORDER BY n.position)
    FROM subject_names n WHERE n.subject_id = s.id), '[]') AS names,
  coalesce((SELECT jsonb_agg(jsonb_build_object('kind', r.kind, 'otherId', r.other_id,
      'validFrom', r.valid_from, 'validTo', r.valid_to)
      || jsonb_strip_nulls(jsonb_build_object('basis', r.basis)) ORDER BY r.id)
    FROM subject_relations r WHERE r.subject_id = s.id), '[]') AS relations`;

/** `record_versions` columns with their RecordVersion property, in COPY and INSERT order. */
export const RECORD_COLUMNS = [
  ['id', 'id', 'text'],
  ['record_id', 'recordId', 'text'],
  ['subject_id', 'subjectId', 'text'],
  ['version', 'version', 'int4'],
  ['supersedes', 'supersedes', 'text'],
  ['action', 'action', 'text'],
  ['reason', 'reason', 'text'],
  ['type', 'type', 'text'],
  ['authority_id', 'authorityId', 'text'],
  ['legal_basis', 'legalBasis', 'text'],
  ['document_number', 'documentNumber', 'text'],
  ['decision_date', 'decisionDate', 'date'],
  ['effective_date', 'effectiveDate', 'date'],
  ['end_date', 'endDate', 'date'],
  ['facts', 'facts', 'text'],
  ['severity', 'severity', 'text'],
  ['disclosure', 'disclosure', 'text'],
  ['fields', 'fields', 'jsonb'],
  ['amounts', 'amounts', 'jsonb'],
  ['source_ref', 'sourceRef', 'text'],
  ['content_hash', 'contentHash', 'text'],
  ['recorded_at', 'recordedAt', 'timestamptz'],
  ['recorded_by', 'recordedBy', 'text'],
] as const satisfies readonly (readonly [string, keyof RecordVersion, string])[];

export const RECORD_COLUMN_LIST = RECORD_COLUMNS.map(([column]) => column).join(', ');

/** A SELECT list that names columns as RecordVersion properties, so rows need no mapping. */
export const RECORD_SELECT = RECORD_COLUMNS.map(([c, p]) => (c === p ? c : `${c} AS "${p}"`)).join(
  ', ',
);

/** A SELECT list that names columns as properties, so rows need no mapping. */
const aliased = (columns: readonly (readonly [string, string])[]): string =>
  columns.map(([c, p]) => (c === p ? c : `${c} AS "${p}"`)).join(', ');

/** `list_entries` columns with their ListEntry property, in INSERT order. */
export const LIST_ENTRY_COLUMNS = [
  ['id', 'id'],
  ['subject_id', 'subjectId'],
  ['list_type', 'listType'],
  ['state', 'state'],
  ['authority_id', 'authorityId'],
  ['record_ids', 'recordIds'],
  ['circumstance', 'circumstance'],
  ['proposed_on', 'proposedOn'],
  ['notice_ends', 'noticeEnds'],
  ['notice_waived', 'noticeWaived'],
  ['effective_from', 'effectiveFrom'],
  ['ends_on', 'endsOn'],
  ['removed_on', 'removedOn'],
  ['removal', 'removal'],
  ['last_seq', 'lastSeq'],
] as const satisfies readonly (readonly [string, keyof ListEntry])[];

export const LIST_ENTRY_SELECT = aliased(LIST_ENTRY_COLUMNS);

/** An entry as parameters in `LIST_ENTRY_COLUMNS` order; the JSON array as text (pg would send an array). */
export const listEntryValues = (e: ListEntry): unknown[] =>
  LIST_ENTRY_COLUMNS.map(([, p]) => (p === 'recordIds' ? JSON.stringify(e.recordIds) : e[p]));

/** `list_transitions` columns with their ListTransition property, in INSERT order. */
export const TRANSITION_COLUMNS = [
  ['seq', 'seq'],
  ['entry_id', 'entryId'],
  ['subject_id', 'subjectId'],
  ['list_type', 'listType'],
  ['kind', 'kind'],
  ['from_state', 'fromState'],
  ['to_state', 'toState'],
  ['effective_date', 'effectiveDate'],
  ['at', 'at'],
  ['actor', 'actor'],
  ['reason', 'reason'],
  ['record_ids', 'recordIds'],
  ['data', 'data'],
] as const satisfies readonly (readonly [string, keyof ListTransition])[];

export const TRANSITION_SELECT = aliased(TRANSITION_COLUMNS);

/** A transition as parameters in `TRANSITION_COLUMNS` order, `at` as `toISOString` writes it. */
export const transitionValues = (t: ListTransition): unknown[] =>
  TRANSITION_COLUMNS.map(([, p]) => {
    if (p === 'at') return new Date(t.at).toISOString();
    if (p === 'recordIds') return JSON.stringify(t.recordIds);
    if (p === 'data') return JSON.stringify(t.data ?? {});
    return t[p];
  });

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

/** One value in COPY text format: NULL is \N; backslash, tab, newline and CR are escaped. */
export function copyValue(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return COPY_SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : value;
}

/** Rows as COPY text lines, in chunks of `chunkRows` rows; `values` gives a row's columns in order. */
export function* copyChunks<T>(
  rows: readonly T[],
  values: (row: T) => (string | number | null)[],
  chunkRows = 1000,
): Generator<string> {
  for (let start = 0; start < rows.length; start += chunkRows) {
    let chunk = '';
    const end = Math.min(rows.length, start + chunkRows);
    for (let i = start; i < end; i++) {
      // appended value by value: a join would copy every row's text once more
      const row = values(rows[i] as T);
      for (let k = 0; k < row.length; k++) chunk += (k === 0 ? '' : '\t') + copyValue(row[k]!);
      chunk += '\n';
    }
    yield chunk;
  }
}

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
}

/** `updateListEntry` found no row with the entry's id and subject. */
export function entryNotFound(entry: ListEntry): CredenceError {
  return new CredenceError(
    'LIST_ENTRY_NOT_FOUND',
    `no list entry ${entry.id} of subject ${entry.subjectId}`,
    { field: 'entry', id: entry.id },
  );
}

/** Whether an error is a unique violation of the named constraint. */
function violates(error: unknown, constraint: string): error is PgError {
  const e = error as PgError | null;
  return e?.code === '23505' && e.constraint === constraint;
}

/** The values of "Key (a, b)=(x, y) already exists."; the caller knows which may hold commas. */
function keyValues(error: PgError): string {
  return /^Key \(.*?\)=\((.*)\) already exists/.exec(error.detail ?? '')?.[1] ?? '';
}

/** Turns known unique violations into coded errors; anything else is returned as it was. */
export function mapWriteError(error: unknown): unknown {
  if (violates(error, 'subject_identifiers_scheme_value_key')) {
    const key = keyValues(error);
    const comma = key.indexOf(', ');
    const [scheme, value] = [key.slice(0, comma), key.slice(comma + 2)];
    return new CredenceError(
      'SUBJECT_IDENTIFIER_TAKEN',
      `identifier ${scheme}:${value} already belongs to another subject`,
      { field: 'identifiers', scheme, value },
    );
  }
  if (violates(error, 'record_versions_source_version_key')) {
    const key = keyValues(error);
    const [first, last] = [key.indexOf(', '), key.lastIndexOf(', ')];
    const authorityId = key.slice(0, first);
    const sourceRef = key.slice(first + 2, last);
    const version = Number(key.slice(last + 2));
    return new CredenceError(
      'SOURCE_REF_CONFLICT',
      `version ${version} of source reference ${sourceRef} from ${authorityId} is already stored`,
      { field: 'source_ref', authorityId, sourceRef, version },
    );
  }
  if (violates(error, 'record_versions_pkey')) {
    // the id is made of the authority, the source reference and the version: the same case
    return new CredenceError(
      'SOURCE_REF_CONFLICT',
      `record version ${keyValues(error)} is already stored`,
      { field: 'source_ref', id: keyValues(error) },
    );
  }
  return error;
}
