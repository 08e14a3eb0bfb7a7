import { RECORD_COLUMN_NAMES, recordValues } from '../record-values.js';
import type { AuditEntry } from '../../domain/audit.js';
import type { Authority } from '../../domain/authority.js';
import type {
  EntryState,
  ListEntry,
  ListTransition,
  RemovalReason,
  TransitionKind,
} from '../../domain/list-entry.js';
import type { DisclosureLevel, RecordVersion, VersionAction } from '../../domain/record.js';
import type {
  IdentifierScheme,
  RelationKind,
  SubjectIdentifier,
  SubjectKind,
  SubjectName,
  SubjectRelation,
} from '../../domain/subject.js';
import type { Statement } from 'better-sqlite3';
import { CredenceError } from '../../errors.js';
import type { StatementCache } from './sqlite-tx.js';
import type { RecordHead } from '../store.js';

/** Rows as SQLite returns them, and the mapping to and from domain types. */

export interface SubjectRow {
  id: string;
  kind: SubjectKind;
  region: string | null;
  created_at: string;
}

export interface IdentifierRow {
  scheme: IdentifierScheme;
  value: string;
  valid_from: string | null;
  valid_to: string | null;
}

export interface NameRow {
  name: string;
  lang: string;
  script: string;
  current: number;
}

export interface RelationRow {
  kind: RelationKind;
  other_id: string;
  valid_from: string | null;
  valid_to: string | null;
  basis: string | null;
}

export interface AuthorityRow {
  id: string;
  name: string;
  name_en: string | null;
  domains: string;
  regions: string;
}

export interface HeadRow {
  id: string;
  record_id: string;
  subject_id: string;
  version: number;
  content_hash: string;
  action: VersionAction;
}

export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject_ids: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** An instant as `Date#toISOString` writes it, so both backends return the same text. */
export function toInstant(value: string): string {
  return ISO_INSTANT.test(value) ? value : new Date(value).toISOString();
}

export const toIdentifier = (r: IdentifierRow): SubjectIdentifier => ({
  scheme: r.scheme,
  value: r.value,
  validFrom: r.valid_from,
  validTo: r.valid_to,
});

export const toName = (r: NameRow): SubjectName => ({
  name: r.name,
  lang: r.lang,
  script: r.script,
  current: r.current === 1,
});

export const toRelation = (r: RelationRow): SubjectRelation => ({
  kind: r.kind,
  otherId: r.other_id,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  ...(r.basis !== null ? { basis: r.basis } : {}),
});

export const toAuthority = (r: AuthorityRow): Authority => ({
  id: r.id,
  name: r.name,
  nameEn: r.name_en,
  domains: JSON.parse(r.domains) as string[],
  regions: JSON.parse(r.regions) as string[],
});

export const toHead = (r: HeadRow): RecordHead => ({
  id: r.id,
  recordId: r.record_id,
  subjectId: r.subject_id,
  version: r.version,
  contentHash: r.content_hash,
  action: r.action,
});

export const toAuditEntry = (r: AuditRow): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  action: r.action,
  subjectIds: JSON.parse(r.subject_ids) as string[],
  payload: JSON.parse(r.payload) as unknown,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** Column order of `record_versions`, shared by the INSERT and the row tuple. */
export const RECORD_COLUMNS = RECORD_COLUMN_NAMES;

export type RecordTuple = (string | number | null)[];

/** A record version as positional parameters in `RECORD_COLUMNS` order. */
export function recordTuple(v: RecordVersion): RecordTuple {
  return recordValues(v, toInstant(v.recordedAt));
}

/**
 * A `record_versions` row as a raw statement gives it: the values in `RECORD_COLUMNS` order.
 * Record reads use raw rows: an array per row costs half what an object does, and a rating
 * run reads every record there is.
 */
export type RecordRow = [
  id: string,
  recordId: string,
  subjectId: string,
  version: number,
  supersedes: string | null,
  action: VersionAction,
  reason: string | null,
  type: string,
  authorityId: string,
  legalBasis: string,
  documentNumber: string | null,
  decisionDate: string,
  effectiveDate: string | null,
  endDate: string | null,
  facts: string | null,
  severity: string | null,
  disclosure: DisclosureLevel,
  fields: string,
  amounts: string,
  sourceRef: string,
  contentHash: string,
  recordedAt: string,
  recordedBy: string,
];

/** A statement over `record_versions` that returns raw `RecordRow`s. */
export const recordStatement = (sql: StatementCache, where: string): Statement =>
  sql.get(`SELECT ${RECORD_COLUMNS.join(', ')} FROM record_versions ${where}`).raw(true);

export const toRecordVersion = (r: RecordRow): RecordVersion => ({
  id: r[0],
  recordId: r[1],
  subjectId: r[2],
  version: r[3],
  supersedes: r[4],
  action: r[5],
  reason: r[6],
  type: r[7],
  authorityId: r[8],
  legalBasis: r[9],
  documentNumber: r[10],
  decisionDate: r[11],
  effectiveDate: r[12],
  endDate: r[13],
  facts: r[14],
  severity: r[15],
  disclosure: r[16],
  fields: JSON.parse(r[17]) as RecordVersion['fields'],
  amounts: JSON.parse(r[18]) as RecordVersion['amounts'],
  sourceRef: r[19],
  contentHash: r[20],
  recordedAt: r[21],
  recordedBy: r[22],
});

export interface ListEntryRow {
  id: string;
  subject_id: string;
  list_type: string;
  state: EntryState;
  authority_id: string;
  record_ids: string;
  circumstance: string | null;
  proposed_on: string;
  notice_ends: string | null;
  notice_waived: number;
  effective_from: string | null;
  ends_on: string | null;
  removed_on: string | null;
  removal: RemovalReason | null;
  last_seq: number;
}

/** Column order of `list_entries`, shared by the INSERT, the UPDATE and `listEntryTuple`. */
export const LIST_ENTRY_COLUMNS = [
  'id',
  'subject_id',
  'list_type',
  'state',
  'authority_id',
  'record_ids',
  'circumstance',
  'proposed_on',
  'notice_ends',
  'notice_waived',
  'effective_from',
  'ends_on',
  'removed_on',
  'removal',
  'last_seq',
] as const;

/** An entry as positional parameters in `LIST_ENTRY_COLUMNS` order. */
export const listEntryTuple = (e: ListEntry): (string | number | null)[] => [
  e.id,
  e.subjectId,
  e.listType,
  e.state,
  e.authorityId,
  JSON.stringify(e.recordIds),
  e.circumstance,
  e.proposedOn,
  e.noticeEnds,
  e.noticeWaived ? 1 : 0,
  e.effectiveFrom,
  e.endsOn,
  e.removedOn,
  e.removal,
  e.lastSeq,
];

export const toListEntry = (r: ListEntryRow): ListEntry => ({
  id: r.id,
  subjectId: r.subject_id,
  listType: r.list_type,
  state: r.state,
  authorityId: r.authority_id,
  recordIds: JSON.parse(r.record_ids) as string[],
  circumstance: r.circumstance,
  proposedOn: r.proposed_on,
  noticeEnds: r.notice_ends,
  noticeWaived: r.notice_waived === 1,
  effectiveFrom: r.effective_from,
  endsOn: r.ends_on,
  removedOn: r.removed_on,
  removal: r.removal,
  lastSeq: r.last_seq,
});

export interface TransitionRow {
  seq: number;
  entry_id: string;
  subject_id: string;
  list_type: string;
  kind: TransitionKind;
  from_state: EntryState | null;
  to_state: EntryState;
  effective_date: string;
  at: string;
  actor: string;
  reason: string;
  record_ids: string;
  data: string;
}

export const toTransition = (r: TransitionRow): ListTransition => ({
  seq: r.seq,
  entryId: r.entry_id,
  subjectId: r.subject_id,
  listType: r.list_type,
  kind: r.kind,
  fromState: r.from_state,
  toState: r.to_state,
  effectiveDate: r.effective_date,
  at: r.at,
  actor: r.actor,
  reason: r.reason,
  recordIds: JSON.parse(r.record_ids) as string[],
  data: JSON.parse(r.data) as Record<string, unknown>,
});

// a few sizes for IN-list chunks, so a handful of cached statements serve every list, and a
// lookup of one id (the common single check) is a plain `= ?` probe
const IN_SIZES: readonly number[] = [1, 8, 100];
const IN_CHUNK = 100;

/** `?, ?, …`: the placeholders of an IN-list of `size` values. */
export const placeholders = (size: number = IN_CHUNK): string => Array(size).fill('?').join(', ');

/**
 * The distinct values in chunks of one of a few sizes, each padded with nulls to its size;
 * `x IN (…, NULL)` never matches on the padding.
 */
export function* inChunks(values: readonly string[]): Generator<(string | null)[]> {
  const distinct = [...new Set(values)];
  for (let start = 0; start < distinct.length;) {
    const left = distinct.length - start;
    const size = IN_SIZES.find((s) => s >= left) ?? IN_CHUNK;
    const chunk: (string | null)[] = distinct.slice(start, start + size);
    start += chunk.length;
    while (chunk.length < size) chunk.push(null);
    yield chunk;
  }
}

/** Whether an error is SQLite's UNIQUE violation of a key that includes `column` (`table.column`). */
export function isUniqueViolation(error: unknown, column: string): boolean {
  if (!(error instanceof Error) || !('code' in error)) return false;
  const { code } = error as { code: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes(column);
}

export function identifierTaken(scheme: string, value: string): CredenceError {
  return new CredenceError(
    'SUBJECT_IDENTIFIER_TAKEN',
    `identifier ${scheme}:${value} already belongs to another subject`,
    { field: 'identifiers', scheme, value },
  );
}

export function sourceRefTaken(
  authorityId: string,
  sourceRef: string,
  version: number,
): CredenceError {
  return new CredenceError(
    'SOURCE_REF_CONFLICT',
    `version ${version} of source reference ${sourceRef} from ${authorityId} is already stored`,
    { field: 'source_ref', authorityId, sourceRef, version },
  );
}

/** `updateListEntry` found no row with the entry's id and subject. */
export function entryNotFound(entry: ListEntry): CredenceError {
  return new CredenceError(
    'LIST_ENTRY_NOT_FOUND',
    `no list entry ${entry.id} of subject ${entry.subjectId}`,
    { field: 'entry', id: entry.id },
  );
}
