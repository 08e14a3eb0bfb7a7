import type { Metric } from 'prom-client';
import type { Account } from '../domain/account.js';
import type { AuditEntry, NewAuditEntry } from '../domain/audit.js';
import type { Inquiry, NewInquiry } from '../domain/inquiry.js';
import type { Webhook } from '../domain/webhook.js';
import type { Objection } from '../domain/objection.js';
import type { OpenObjectionQuery } from './objection-columns.js';
import type { RepairApplication } from '../domain/repair.js';
import type { OpenRepairQuery } from './repair-columns.js';
import type { KeyMatch, SearchFilter } from './search-keys.js';
import type { JobCheckpoint, JobStore } from './job-store.js';

export type { OpenObjectionQuery } from './objection-columns.js';
export type { OpenRepairQuery } from './repair-columns.js';
export type { KeyMatch, SearchFilter } from './search-keys.js';
export type * from './job-store.js';
import type { Authority } from '../domain/authority.js';
import type { RecordFacts, RecordVersion } from '../domain/record.js';
import type {
  EntryState,
  ListEntry,
  ListTransition,
  NewListTransition,
} from '../domain/list-entry.js';
import type { RatingRun, StoredRating } from '../domain/rating-run.js';
import type {
  IdentifierScheme,
  Subject,
  SubjectKind,
  SubjectName,
  SubjectRelation,
} from '../domain/subject.js';
import type { MergePlan, MergeUndo, SubjectMerge } from '../domain/subject-merge.js';
import type { SubjectIdKey } from '../domain/ids.js';

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

/** What a rating run needs of each subject it walks. */
export type SubjectSummary = SubjectRef & Pick<Subject, 'createdAt'>;

/** The newest version stored for one furnisher source reference. */
export type RecordHead = Pick<
  RecordVersion,
  'id' | 'recordId' | 'subjectId' | 'version' | 'contentHash' | 'action'
>;

/** A filter over list entries; every given condition must hold. */
export interface ListEntryQuery {
  listType?: string;
  states?: readonly EntryState[];
  /** entries whose endsOn is on or before this date */
  endsOnOrBefore?: string;
  /** entries effective since this date or earlier */
  effectiveFromOnOrBefore?: string;
}

/** A record version page for scans over the whole store (candidate evaluation). */
export interface RecordScan {
  types: readonly string[];
  /** version id to continue after */
  afterId?: string;
  limit: number;
}

/** A page of record versions newest decision first (the public directory of licences and penalties). */
export interface RecentRecordScan {
  types: readonly string[];
  /** decision dates on or after / on or before (YYYY-MM-DD) */
  from?: string;
  to?: string;
  /** the (decision date, version id) to continue after, in the scan's order */
  before?: { date: string; id: string };
  limit: number;
}

/** A list entry that can reach a subject: the subject's own, or one of a subject related to it. */
export interface ReachingEntry {
  entry: ListEntry;
  /** null for the subject's own entry; else how `entry.subjectId` relates to the subject */
  relation: SubjectRelation | null;
}

/** What a measure check needs of one identifier: the subject and every entry that can reach it. */
export interface SubjectReach {
  subjectId: string;
  /** own entries first (by id), then those of related subjects (by subject, then id); any state */
  entries: ReachingEntry[];
}

/** Where a page of a run's results ends: its last result's subject and id. */
export interface RunRatingKey {
  subjectId: string;
  id: string;
}

/** Everything the store holds of one subject: what a view of its file reads. */
export interface StoredFile {
  subject: Subject;
  /** every version of every record of the subject, in id order */
  versions: RecordVersion[];
  /** its own list entries (any state), in id order */
  entries: ListEntry[];
  /** every rating of it, newest first (as `listRatingsOf` gives them) */
  ratings: StoredRating[];
  /** its open objections, in id order: the items they name carry the dispute flag */
  openObjections: Objection[];
}

/** What a saved public view holds for: its date and the catalog it was computed under. */
export interface ViewStamp {
  asOf: string;
  /** the catalog's fingerprint for a subject that no regional layer applies to */
  catalog: string;
  /**
   * the fingerprint for subjects under each layer prefix, longest prefix first (issue 22): a
   * subject's view holds for the first prefix its region starts with, else for `catalog`
   */
  regional?: ReadonlyArray<{ prefix: string; catalog: string }>;
}

/** A page of the scan for subjects whose public view is not saved for a stamp. */
export interface ViewlessPage {
  /** an identifier of each subject of the page without a view saved for the stamp, in id order */
  keys: IdentifierKey[];
  /** how many subjects the page looked at */
  scanned: number;
  /** the last subject id the page looked at, to continue after; null once past the last */
  lastId: string | null;
}

/**
 * What a write owes its subject after the commit: automatic lists for a record type (null: none),
 * then its ratings. Recorded in the write's transaction, deleted once done (issue 17).
 */
export interface FollowUp {
  id: string;
  subjectId: string;
  recordType: string | null;
  createdAt: string;
}

/** Turns a subject's file into its public view's JSON text. */
export type RenderView = (file: StoredFile) => Promise<string>;

/**
 * The public views a store saves: a table the writers' triggers clear, so a saved view is never
 * older than the data (on PostgreSQL a save and a writer of one subject also meet on a lock).
 */
export interface PublicViewStore {
  /** the view saved for the stamp of the subject an identifier names; null if none (or no subject) */
  readPublicView(key: IdentifierKey, stamp: ViewStamp): Promise<string | null>;
  /**
   * reads the files these identifiers name and renders each, in one write transaction in which
   * each text is saved as its subject's view for the stamp: no write can fall between a read and
   * its save. Keyed by `identifierKey`; an identifier that names no subject is left out. A
   * view is never saved where a writer would have to be waited for: SQLite then answers null,
   * with nothing read (the caller renders from a plain read, `readSubjectFile`); PostgreSQL
   * renders it from the file as read and leaves that one unsaved.
   */
  renderPublicViews(
    keys: readonly IdentifierKey[],
    stamp: ViewStamp,
    render: RenderView,
  ): Promise<Map<string, string> | null>;
  /** the next `limit` subjects (not merged away) in id order after `afterId`: those without a view for the stamp */
  scanViewless(stamp: ViewStamp, afterId: string, limit: number): Promise<ViewlessPage>;
  /** whether a pass over every subject has built the views of the stamp */
  hasViewPass(stamp: ViewStamp): Promise<boolean>;
  /** records that a pass over every subject built the views of the stamp (at once, or not at all where a writer holds the store) */
  recordViewPass(stamp: ViewStamp, at: string): Promise<void>;
}

export const identifierKey = (k: IdentifierKey): string => `${k.scheme}:${k.value}`;
export const sourceKey = (k: SourceKey): string => `${k.authorityId}\u0000${k.sourceRef}`;

export interface StoreReads {
  /** the store's key for persons' ids (`subjectIdFor`), made when the store was first migrated */
  subjectIdKey(): Promise<SubjectIdKey>;
  getSubject(id: string): Promise<Subject | null>;
  /** the subjects with these ids that exist, in one read and in no particular order */
  getSubjects(ids: readonly string[]): Promise<Subject[]>;
  /** subjects (id, kind, region) by identifier; the map is keyed by `identifierKey` */
  findSubjects(keys: readonly IdentifierKey[]): Promise<Map<string, SubjectRef>>;
  /**
   * the subject an identifier names, with every record version, list entry and rating, in one
   * read (one snapshot); null when no subject carries the identifier
   */
  readSubjectFile(key: IdentifierKey): Promise<StoredFile | null>;
  getAuthority(id: string): Promise<Authority | null>;
  listAuthorities(): Promise<Authority[]>;
  /** the newest version per source reference; the map is keyed by `sourceKey` */
  findRecordHeads(keys: readonly SourceKey[]): Promise<Map<string, RecordHead>>;
  getRecordVersion(id: string): Promise<RecordVersion | null>;
  /** every version of every record of a subject, in no particular order */
  listRecordVersions(subjectId: string): Promise<RecordVersion[]>;
  /** audit entries with seq > afterSeq, in order */
  listAudit(afterSeq: number, limit: number): Promise<AuditEntry[]>;
  /** the last audit entry's seq and hash (the root of the chain so far); null for an empty log */
  auditHead(): Promise<Pick<AuditEntry, 'seq' | 'hash'> | null>;
  /** the audit entry that keeps an issued public report, by the SHA-256 of its code; null if none */
  findIssuedReport(codeHash: string): Promise<AuditEntry | null>;
  /** subjects (not merged away), distinct records, record versions and audit entries */
  counts(): Promise<{ subjects: number; records: number; versions: number; audit: number }>;
  /**
   * the subjects these identifiers name, each with its own list entries and those of the
   * subjects related to it, in one read; the map is keyed by `identifierKey`
   */
  findReach(keys: readonly IdentifierKey[]): Promise<Map<string, SubjectReach>>;
  /** record versions of the given types, in id order, a page at a time */
  scanRecordVersions(scan: RecordScan): Promise<RecordVersion[]>;
  /** record versions of the given types, latest decision date first (then id, descending) */
  recentRecordVersions(scan: RecentRecordScan): Promise<RecordVersion[]>;
  /** subjects of these kinds not merged away, in id order, a page at a time (rating runs walk them all) */
  scanSubjects(
    kinds: readonly SubjectKind[],
    afterId: string,
    limit: number,
  ): Promise<SubjectSummary[]>;
  /** what a rating looks at of every version of every record of these subjects, in no order */
  listRecordFactsOf(subjectIds: readonly string[]): Promise<RecordFacts[]>;

  getMerge(id: string): Promise<SubjectMerge | null>;
  /** the merges a subject took part in, kept or merged away, undone or not, oldest first */
  listMerges(subjectId: string): Promise<SubjectMerge[]>;

  getRatingRun(id: string): Promise<RatingRun | null>;
  /** runs, newest first; of one model when given */
  listRatingRuns(limit: number, modelId?: string): Promise<RatingRun[]>;
  /**
   * the results of a run in subject id order (then rating id: a merge can leave a subject two
   * results of one run), a page at a time after `after`, from the start when null
   */
  listRunRatings(runId: string, after: RunRatingKey | null, limit: number): Promise<StoredRating[]>;
  /** every rating of these subjects (under one model when given), newest first */
  listRatingsOf(subjectIds: readonly string[], modelId?: string): Promise<StoredRating[]>;
  /**
   * per subject, its latest published rating under the model for a period that ended before
   * `periodEndBefore` (the one carry-over looks at): of the latest such period, the one with
   * the latest as-of date, then the latest rated
   */
  previousRatings(
    subjectIds: readonly string[],
    modelId: string,
    periodEndBefore: string,
  ): Promise<StoredRating[]>;

  getListEntry(id: string): Promise<ListEntry | null>;
  /** every entry (any state) of these subjects */
  listEntriesOf(subjectIds: readonly string[]): Promise<ListEntry[]>;
  /** entries matching the query, in id order, a page at a time */
  findListEntries(query: ListEntryQuery, limit: number, afterId?: string): Promise<ListEntry[]>;
  /** the transitions of one entry, in feed order */
  listTransitions(entryId: string): Promise<ListTransition[]>;
  /** the change feed: transitions with seq > afterSeq, in order, gap-free */
  readFeed(afterSeq: number, limit: number): Promise<ListTransition[]>;

  getAccount(id: string): Promise<Account | null>;
  /** accounts in id order, a page at a time */
  listAccounts(afterId: string, limit: number): Promise<Account[]>;
  /** a subject's inquiry log: entries with seq > afterSeq, in order */
  listInquiries(subjectId: string, afterSeq: number, limit: number): Promise<Inquiry[]>;

  getWebhook(id: string): Promise<Webhook | null>;
  /** an account's subscriptions, or (no account) every enabled one due by `dueBy` */
  listWebhooks(filter: { accountId: string } | { dueBy: string }): Promise<Webhook[]>;

  getObjection(id: string): Promise<Objection | null>;
  /** every objection of these subjects, in id order */
  listObjectionsOf(subjectIds: readonly string[]): Promise<Objection[]>;
  /** open objections, earliest answer date first, at most `limit` */
  findOpenObjections(query: OpenObjectionQuery, limit: number): Promise<Objection[]>;

  getRepair(id: string): Promise<RepairApplication | null>;
  /** every repair application of these subjects, in id order */
  listRepairsOf(subjectIds: readonly string[]): Promise<RepairApplication[]>;
  /** open applications, earliest deadline of the step in progress first, at most `limit` */
  findOpenRepairs(query: OpenRepairQuery, limit: number): Promise<RepairApplication[]>;

  /**
   * stored search keys equal to any of these values (of these kinds of key, if given), at most
   * `limit` rows for each value
   */
  matchSearchKeys(
    values: readonly string[],
    filter: SearchFilter,
    limit: number,
    kinds?: readonly string[],
  ): Promise<KeyMatch[]>;
  /**
   * fuzzy (whole-name Latin) search keys that contain every piece of some group (`typoPieces`),
   * those nearest `length` first, at most `limit`; pieces are letters and digits, 3 or more
   */
  fragmentSearchKeys(
    groups: readonly (readonly string[])[],
    length: number,
    filter: SearchFilter,
    limit: number,
  ): Promise<KeyMatch[]>;

  /** follow-ups not yet done, oldest first: of these subjects, or of any when null */
  pendingFollowUps(subjectIds: readonly string[] | null, limit: number): Promise<FollowUp[]>;
}

export interface StoreWrites {
  /** inserts subjects with their identifiers, names, relations and search keys */
  insertSubjects(subjects: readonly Subject[]): Promise<void>;
  /**
   * inserts, as `insertSubjects`, the subjects whose id is not stored yet; where a concurrent
   * transaction is creating the same id, waits for it and leaves its subject as it is. Answers
   * the ids found already there, which the caller looks up again (then locked, as found).
   */
  createSubjects(subjects: readonly Subject[]): Promise<string[]>;
  /** drops every search key: the first step of re-indexing (after new normalisation rules) */
  clearSearchKeys(): Promise<void>;
  /** indexes these subjects' names (re-indexing; `insertSubjects` indexes new subjects itself) */
  indexSearchKeys(subjects: readonly Subject[]): Promise<void>;
  /**
   * drops the search keys these subjects were indexed under, given as they were indexed (their
   * names before a change): the rows are found by key, so no subject's drop scans the index
   */
  dropSearchKeys(subjects: ReadonlyArray<Pick<Subject, 'id' | 'kind' | 'names'>>): Promise<void>;
  /**
   * makes `name` current in its language: the name current before becomes former (kept); a
   * former name of the same text and language becomes current again, else `name` is added last
   */
  setCurrentName(subjectId: string, name: SubjectName): Promise<void>;
  /**
   * moves every row of the duplicate (identifiers, the planned names, relations, record
   * versions, list entries and transitions, ratings, objections, repairs, inquiries, accounts)
   * to the subject kept, marks the duplicate merged and records what moved; search keys are
   * the caller's to rebuild
   */
  mergeSubject(plan: MergePlan): Promise<SubjectMerge>;
  /**
   * moves back exactly what `merge` moved, with the rows that have since joined a moved item
   * (`MergeFollowers`), clears the duplicate's mark and records the undo
   */
  undoMerge(merge: SubjectMerge, undo: Omit<MergeUndo, 'followers'>): Promise<SubjectMerge>;
  addRelation(subjectId: string, relation: SubjectRelation): Promise<void>;
  upsertAuthority(authority: Authority): Promise<void>;
  /** inserts immutable record versions; adapters may bulk-load large batches */
  insertRecordVersions(rows: readonly RecordVersion[]): Promise<void>;
  /** appends to the hash chain under a lock, so concurrent writers cannot fork it */
  appendAudit(entry: NewAuditEntry): Promise<AuditEntry>;
  /** indexes an issued public report's audit entry by the SHA-256 of its verification code */
  insertIssuedReport(codeHash: string, auditSeq: number): Promise<void>;
  insertAccount(account: Account): Promise<void>;
  /** marks an account disabled from `at`; false when there is no such account */
  disableAccount(id: string, at: string): Promise<boolean>;
  appendInquiry(inquiry: NewInquiry): Promise<Inquiry>;
  insertWebhook(webhook: Webhook): Promise<void>;
  /** replaces the delivery state (cursor, failures, next attempt, error, disabled) */
  updateWebhook(webhook: Webhook): Promise<void>;
  insertObjection(objection: Objection): Promise<void>;
  /** records the answer: state, date, decider, reasons and outcome */
  updateObjection(objection: Objection): Promise<void>;
  insertRepair(repair: RepairApplication): Promise<void>;
  /** records a step: forwarding, or the decision with its outcome */
  updateRepair(repair: RepairApplication): Promise<void>;
  insertListEntry(entry: ListEntry): Promise<void>;
  /** replaces the current-state row of an entry (its history is in the transitions) */
  updateListEntry(entry: ListEntry): Promise<void>;
  /** appends to the change feed under a lock: seq is the next number, with no gaps */
  appendTransition(transition: NewListTransition): Promise<ListTransition>;
  insertRatingRun(run: RatingRun): Promise<void>;
  /** replaces the run's row: its end, counts and grades */
  updateRatingRun(run: RatingRun): Promise<void>;
  insertRatings(ratings: readonly StoredRating[]): Promise<void>;
  /**
   * holds these subjects' list lock until the transaction ends: writers that take it first and
   * then read the subjects' entries take turns, so none decides on entries another is changing
   * (relation writers take it on the organization too, so one relation is not recorded twice)
   */
  lockSubjectLists(subjectIds: readonly string[]): Promise<void>;
  /** records follow-ups owed after this transaction commits */
  addFollowUps(followUps: readonly FollowUp[]): Promise<void>;
  /** marks follow-ups done (ids already gone are ignored) */
  deleteFollowUps(ids: readonly string[]): Promise<void>;
  /**
   * saves a job's progress and the report rows of the batch this transaction commits; JOB_LEASE_LOST
   * (the transaction then rolls back) where the owner holds the job no more
   */
  checkpointJob(checkpoint: JobCheckpoint): Promise<void>;
}

export type StoreTx = StoreReads & StoreWrites;

/**
 * Where reads go when hot standbys are configured (DATABASE_READ_URL): the routes that may read
 * a standby (public views, search, measure checks, public lists) ask for their client's store.
 */
export interface ReadRouting {
  /**
   * the store a request of this client (an account id; null for the public) reads through: a
   * standby's reads where one is up, within the lag bound and past the client's last write;
   * else the primary. Writes always go to the primary; a read the standby fails is read again
   * on the primary, never an error to the reader.
   */
  readsFor(client: string | null): Store;
  /** this client may just have written: its reads stay on the primary until a standby replays it */
  wrote(client: string): Promise<void>;
  /**
   * from now on the clients' last write positions are kept in `shared` too (Redis), where every
   * server process finds them: a write through one process holds its client's reads in all
   */
  share?(shared: WriterPositions): void;
  /** learns what `shared` holds of the client's last write, before a read of the client's */
  recall?(client: string): Promise<void>;
  /** the routing's metrics (prom-client), for the server's registry */
  readonly metrics: readonly Metric[];
  /** where the routing logs a standby that goes down, falls behind or comes back */
  attach(log: StandbyLog): void;
  close(): Promise<void>;
}

/** Clients' last write positions (WAL LSNs) where every server process can read them. */
export interface WriterPositions {
  /** keeps the client's position for `forMs` */
  put(client: string, lsn: bigint, forMs: number): Promise<void>;
  /** the client's position and the ms it is kept for still, or null */
  get(client: string): Promise<{ lsn: bigint; leftMs: number } | null>;
}

export interface StandbyLog {
  info(detail: object, message: string): void;
  warn(detail: object, message: string): void;
}

export interface Store extends StoreReads, PublicViewStore, JobStore {
  /** a short label for messages, e.g. `sqlite:/path/file.db`; never branch on it */
  readonly label: string;
  /**
   * answers once the store could take a write now; else throws STORE_UNAVAILABLE (out of reach)
   * or STORE_DISK_FULL (SQLite: its directory under the free-space floor, or refusing a write)
   */
  ready(): Promise<void>;
  /** applies pending migrations; safe to call on every start */
  migrate(): Promise<void>;
  /** runs `fn` in one transaction: all of its writes land, or none */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** writes a consistent copy of the whole store to a new file, while writers go on */
  backup(destination: string): Promise<void>;
  close(): Promise<void>;
}
