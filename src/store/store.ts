import type { AuditEntry, NewAuditEntry } from '../domain/audit.js';
import type { Authority } from '../domain/authority.js';
import type { RecordVersion } from '../domain/record.js';
import type { IdentifierScheme, Subject, SubjectRelation } from '../domain/subject.js';

/**
 * The storage interface. Services talk to this only; `store/sqlite` and
 * `store/postgres` implement it with the same file names. Shared code never asks
 * which backend it is on.
 */

export interface IdentifierKey {
  scheme: IdentifierScheme;
  value: string;
}

export interface SourceKey {
  authorityId: string;
  sourceRef: string;
}

/** What a batch needs to know of a subject found by identifier: enough to check jurisdiction. */
export type SubjectRef = Pick<Subject, 'id' | 'kind' | 'region'>;

/** The newest version stored for one furnisher source reference. */
export type RecordHead = Pick<
  RecordVersion,
  'id' | 'recordId' | 'subjectId' | 'version' | 'contentHash' | 'action'
>;

export const identifierKey = (k: IdentifierKey): string => `${k.scheme}:${k.value}`;
export const sourceKey = (k: SourceKey): string => `${k.authorityId}\u0000${k.sourceRef}`;

export interface StoreReads {
  getSubject(id: string): Promise<Subject | null>;
  /** subjects (id, kind, region) by identifier; the map is keyed by `identifierKey` */
  findSubjects(keys: readonly IdentifierKey[]): Promise<Map<string, SubjectRef>>;
  getAuthority(id: string): Promise<Authority | null>;
  listAuthorities(): Promise<Authority[]>;
  /** the newest version per source reference; the map is keyed by `sourceKey` */
  findRecordHeads(keys: readonly SourceKey[]): Promise<Map<string, RecordHead>>;
  getRecordVersion(id: string): Promise<RecordVersion | null>;
  /** every version of every record of a subject, in no particular order */
  listRecordVersions(subjectId: string): Promise<RecordVersion[]>;
  /** audit entries with seq > afterSeq, in order */
  listAudit(afterSeq: number, limit: number): Promise<AuditEntry[]>;
  counts(): Promise<{ subjects: number; records: number; versions: number; audit: number }>;
}

export interface StoreWrites {
  /** inserts subjects with their identifiers, names and relations */
  insertSubjects(subjects: readonly Subject[]): Promise<void>;
  addRelation(subjectId: string, relation: SubjectRelation): Promise<void>;
  upsertAuthority(authority: Authority): Promise<void>;
  /** inserts immutable record versions; adapters may bulk-load large batches */
  insertRecordVersions(rows: readonly RecordVersion[]): Promise<void>;
  /** appends to the hash chain under a lock, so concurrent writers cannot fork it */
  appendAudit(entry: NewAuditEntry): Promise<AuditEntry>;
}

export type StoreTx = StoreReads & StoreWrites;

export interface Store extends StoreReads {
  /** a short label for messages, e.g. `sqlite:/path/file.db`; never branch on it */
  readonly label: string;
  /** applies pending migrations; safe to call on every start */
  migrate(): Promise<void>;
  /** runs `fn` in one transaction: all of its writes land, or none */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
