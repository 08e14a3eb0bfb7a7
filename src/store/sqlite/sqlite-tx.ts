import { auditValues, normaliseAudit } from '../record-values.js';
import type { Database, Statement, Transaction } from 'better-sqlite3';
import { chainHash, GENESIS_HASH } from '../../domain/audit.js';
import type { AuditEntry, NewAuditEntry } from '../../domain/audit.js';
import type { Authority } from '../../domain/authority.js';
import { ENTRY_STATES } from '../../domain/list-entry.js';
import type { ListEntry, ListTransition, NewListTransition } from '../../domain/list-entry.js';
import type { RecordFacts, RecordVersion } from '../../domain/record.js';
import type { Subject, SubjectName, SubjectRelation } from '../../domain/subject.js';
import { identifierKey, sourceKey } from '../store.js';
import type {
  FollowUp,
  IdentifierKey,
  ListEntryQuery,
  RecordHead,
  RecentRecordScan,
  RecordScan,
  SourceKey,
  StoredFile,
  StoreTx,
  SubjectReach,
  SubjectRef,
} from '../store.js';
import { findReach } from './sqlite-reach.js';
import {
  SELECT_SUBJECT_ID_KEY,
  storedSubjectIdKey,
  type SubjectIdKeyCache,
} from '../subject-rekey.js';
import * as file from './sqlite-file.js';
import * as ratings from './sqlite-ratings.js';
import * as accounts from './sqlite-accounts.js';
import * as webhooks from './sqlite-webhooks.js';
import * as objections from './sqlite-objections.js';
import * as repairs from './sqlite-repairs.js';
import * as search from './sqlite-search.js';
import * as merges from './sqlite-merges.js';
import * as followUps from './sqlite-follow-ups.js';
import * as jobs from './sqlite-jobs.js';
import type { JobCheckpoint } from '../job-store.js';
import type { MergePlan, MergeUndo, SubjectMerge } from '../../domain/subject-merge.js';
import type { KeyMatch, SearchFilter } from '../search-keys.js';
import type { RepairApplication } from '../../domain/repair.js';
import type { Objection } from '../../domain/objection.js';
import type { OpenObjectionQuery, OpenRepairQuery, RunRatingKey } from '../store.js';
import type { Webhook } from '../../domain/webhook.js';
import type { Account } from '../../domain/account.js';
import type { Inquiry, NewInquiry } from '../../domain/inquiry.js';
import { ratingRunNotFound } from '../rating-errors.js';
import type { RatingRun, StoredRating } from '../../domain/rating-run.js';
import type { SubjectKind } from '../../domain/subject.js';
import {
  entryNotFound,
  identifierTaken,
  isUniqueViolation,
  LIST_ENTRY_COLUMNS,
  listEntryTuple,
  placeholders,
  RECORD_COLUMNS,
  recordTuple,
  sourceRefTaken,
  toAuditEntry,
  toAuthority,
  toHead,
  toInstant,
  toListEntry,
  recordStatement,
  toRecordVersion,
  toTransition,
} from './sqlite-rows.js';
import type {
  AuditRow,
  AuthorityRow,
  HeadRow,
  ListEntryRow,
  RecordRow,
  TransitionRow,
} from './sqlite-rows.js';

const INSERT_RECORD = `INSERT INTO record_versions (${RECORD_COLUMNS.join(', ')})
  VALUES (${RECORD_COLUMNS.map(() => '?').join(', ')})`;

const SELECT_ENTRY = `SELECT ${LIST_ENTRY_COLUMNS.join(', ')} FROM list_entries`;
const INSERT_ENTRY = `INSERT INTO list_entries (${LIST_ENTRY_COLUMNS.join(', ')})
  VALUES (${placeholders(LIST_ENTRY_COLUMNS.length)})`;
// id and subject_id never change; the second also names the shard under Citus
const UPDATE_ENTRY = `UPDATE list_entries
  SET ${LIST_ENTRY_COLUMNS.slice(2)
    .map((column) => `${column} = ?`)
    .join(', ')}
  WHERE id = ? AND subject_id = ?`;
const INSERT_TRANSITION = `INSERT INTO list_transitions (seq, entry_id, subject_id, list_type, kind,
    from_state, to_state, effective_date, at, actor, reason, record_ids, data)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`;

/** The state of one transaction; reads outside a transaction have none. */
export interface TxState {
  open: boolean;
  /** the first error inside the transaction: like PostgreSQL, it dooms the transaction */
  failure: unknown;
}

/** Prepared statements, compiled once per connection. */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();
  private readonly readTransaction: Transaction<(fn: () => unknown) => unknown>;

  constructor(private readonly db: Database) {
    this.readTransaction = db.transaction((fn: () => unknown) => fn());
  }

  /**
   * Runs `fn`'s statements in one read transaction: they see one snapshot and take the WAL
   * read lock once, where each would otherwise begin and end its own. Inside an open
   * transaction (this connection's only one), they simply run in it.
   */
  snapshot<T>(fn: () => T): T {
    return this.db.inTransaction ? fn() : (this.readTransaction.deferred(fn) as T);
  }

  get(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
}

/** Reads and writes on the one SQLite connection; the store hands one to each transaction. */
export class SqliteTx implements StoreTx {
  constructor(
    private readonly sql: StatementCache,
    private readonly state: TxState | null = null,
    private readonly idKey: SubjectIdKeyCache = { key: null },
  ) {}

  /** runs a synchronous operation; an error inside a transaction dooms it */
  private run<T>(op: () => T): Promise<T> {
    const { state } = this;
    if (state && !state.open) return Promise.reject(new Error('the transaction has finished'));
    if (state?.failure) {
      return Promise.reject(new Error('the transaction failed earlier', { cause: state.failure }));
    }
    try {
      return Promise.resolve(op());
    } catch (error) {
      if (state) state.failure = error;
      return Promise.reject(error);
    }
  }

  getSubject(id: string): Promise<Subject | null> {
    return this.run(() => file.getSubject(this.sql, id));
  }

  getSubjects(ids: readonly string[]): Promise<Subject[]> {
    return this.run(() => file.getSubjects(this.sql, ids));
  }

  readSubjectFile(key: IdentifierKey): Promise<StoredFile | null> {
    return this.run(() => file.readSubjectFile(this.sql, key));
  }

  // one indexed lookup per key beats IN-lists here: there is no round trip to save
  findSubjects(keys: readonly IdentifierKey[]): Promise<Map<string, SubjectRef>> {
    return this.run(() => {
      const stmt = this.sql.get(
        `SELECT s.id, s.kind, s.region FROM subject_identifiers i JOIN subjects s ON s.id = i.subject_id
         WHERE i.scheme = ? AND i.value = ?`,
      );
      const found = new Map<string, SubjectRef>();
      for (const key of keys) {
        const row = stmt.get(key.scheme, key.value) as SubjectRef | undefined;
        if (row) found.set(identifierKey(key), { id: row.id, kind: row.kind, region: row.region });
      }
      return found;
    });
  }

  getAuthority(id: string): Promise<Authority | null> {
    return this.run(() => {
      const row = this.sql
        .get('SELECT id, name, name_en, domains, regions FROM authorities WHERE id = ?')
        .get(id) as AuthorityRow | undefined;
      return row ? toAuthority(row) : null;
    });
  }

  listAuthorities(): Promise<Authority[]> {
    return this.run(() => {
      const rows = this.sql
        .get('SELECT id, name, name_en, domains, regions FROM authorities ORDER BY id')
        .all() as AuthorityRow[];
      return rows.map(toAuthority);
    });
  }

  findRecordHeads(keys: readonly SourceKey[]): Promise<Map<string, RecordHead>> {
    return this.run(() => {
      const stmt = this.sql.get(
        `SELECT id, record_id, subject_id, version, content_hash, action FROM record_versions
         WHERE authority_id = ? AND source_ref = ? ORDER BY version DESC LIMIT 1`,
      );
      const found = new Map<string, RecordHead>();
      for (const key of keys) {
        const row = stmt.get(key.authorityId, key.sourceRef) as HeadRow | undefined;
        if (row) found.set(sourceKey(key), toHead(row));
      }
      return found;
    });
  }

  getRecordVersion(id: string): Promise<RecordVersion | null> {
    return this.run(() => {
      const row = recordStatement(this.sql, 'WHERE id = ?').get(id) as RecordRow | undefined;
      return row ? toRecordVersion(row) : null;
    });
  }

  listRecordVersions(subjectId: string): Promise<RecordVersion[]> {
    return this.run(() => {
      const rows = recordStatement(this.sql, 'WHERE subject_id = ?').all(subjectId) as RecordRow[];
      return rows.map(toRecordVersion);
    });
  }

  listAudit(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    return this.run(() => {
      const rows = this.sql
        .get('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?')
        .all(afterSeq, limit) as AuditRow[];
      return rows.map(toAuditEntry);
    });
  }

  findIssuedReport(codeHash: string): Promise<AuditEntry | null> {
    return this.run(() => {
      const row = this.sql
        .get(
          'SELECT a.* FROM issued_reports r JOIN audit_log a ON a.seq = r.audit_seq WHERE r.code_hash = ?',
        )
        .get(codeHash) as AuditRow | undefined;
      return row ? toAuditEntry(row) : null;
    });
  }

  insertIssuedReport(codeHash: string, auditSeq: number): Promise<void> {
    return this.run(() => {
      this.sql
        .get('INSERT INTO issued_reports (code_hash, audit_seq) VALUES (?, ?)')
        .run(codeHash, auditSeq);
    });
  }

  auditHead(): Promise<{ seq: number; hash: string } | null> {
    return this.run(() => this.lastAudit() ?? null);
  }

  subjectIdKey(): Promise<string> {
    return this.run(
      () =>
        (this.idKey.key ??= storedSubjectIdKey(this.sql.get(SELECT_SUBJECT_ID_KEY).pluck().get())),
    );
  }

  private lastAudit(): { seq: number; hash: string } | undefined {
    return this.sql.get('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined;
  }

  scanSubjects(kinds: readonly SubjectKind[], afterId: string, limit: number) {
    return this.run(() => ratings.scanSubjects(this.sql, kinds, afterId, limit));
  }

  listRecordFactsOf(subjectIds: readonly string[]): Promise<RecordFacts[]> {
    return this.run(() => ratings.listRecordFactsOf(this.sql, subjectIds));
  }

  getRatingRun(id: string): Promise<RatingRun | null> {
    return this.run(() => ratings.getRatingRun(this.sql, id));
  }

  listRatingRuns(limit: number, modelId?: string): Promise<RatingRun[]> {
    return this.run(() => ratings.listRatingRuns(this.sql, limit, modelId));
  }

  listRunRatings(
    runId: string,
    after: RunRatingKey | null,
    limit: number,
  ): Promise<StoredRating[]> {
    return this.run(() => ratings.listRunRatings(this.sql, runId, after, limit));
  }

  listRatingsOf(subjectIds: readonly string[], modelId?: string): Promise<StoredRating[]> {
    return this.run(() => ratings.listRatingsOf(this.sql, subjectIds, modelId));
  }

  previousRatings(
    subjectIds: readonly string[],
    modelId: string,
    periodEndBefore: string,
  ): Promise<StoredRating[]> {
    return this.run(() => ratings.previousRatings(this.sql, subjectIds, modelId, periodEndBefore));
  }

  insertRatingRun(run: RatingRun): Promise<void> {
    return this.run(() => ratings.insertRatingRun(this.sql, run));
  }

  updateRatingRun(run: RatingRun): Promise<void> {
    return this.run(() => {
      if (!ratings.updateRatingRun(this.sql, run)) throw ratingRunNotFound(run.id);
    });
  }

  insertRatings(rows: readonly StoredRating[]): Promise<void> {
    return this.run(() => ratings.insertRatings(this.sql, rows));
  }

  pendingFollowUps(subjectIds: readonly string[] | null, limit: number): Promise<FollowUp[]> {
    return this.run(() => followUps.pendingFollowUps(this.sql, subjectIds, limit));
  }

  // a transaction here holds the one write lock from BEGIN IMMEDIATE on: writers already take turns
  lockSubjectLists(): Promise<void> {
    return this.run(() => undefined);
  }

  addFollowUps(rows: readonly FollowUp[]): Promise<void> {
    return this.run(() => followUps.addFollowUps(this.sql, rows));
  }

  deleteFollowUps(ids: readonly string[]): Promise<void> {
    return this.run(() => followUps.deleteFollowUps(this.sql, ids));
  }

  checkpointJob(checkpoint: JobCheckpoint): Promise<void> {
    return this.run(() => jobs.checkpointJob(this.sql, checkpoint));
  }

  findReach(keys: readonly IdentifierKey[]): Promise<Map<string, SubjectReach>> {
    return this.run(() => findReach(this.sql, keys));
  }

  // one index range per type, merged: an IN-list over types could not read (type, id) in id order
  scanRecordVersions({ types, afterId = '', limit }: RecordScan): Promise<RecordVersion[]> {
    return this.run(() => {
      if (limit <= 0) return [];
      const stmt = recordStatement(this.sql, 'WHERE type = ? AND id > ? ORDER BY id LIMIT ?');
      const rows = [...new Set(types)].flatMap(
        (type) => stmt.all(type, afterId, limit) as RecordRow[],
      );
      rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      return rows.slice(0, limit).map(toRecordVersion);
    });
  }

  recentRecordVersions({
    types,
    from,
    to,
    before,
    limit,
  }: RecentRecordScan): Promise<RecordVersion[]> {
    return this.run(() => {
      const kinds = [...new Set(types)];
      if (kinds.length === 0 || limit <= 0) return [];
      const where = [`type IN (${placeholders(kinds.length)})`];
      const params: unknown[] = [...kinds];
      if (from !== undefined) {
        where.push('decision_date >= ?');
        params.push(from);
      }
      if (to !== undefined) {
        where.push('decision_date <= ?');
        params.push(to);
      }
      if (before !== undefined) {
        where.push('(decision_date < ? OR (decision_date = ? AND id < ?))');
        params.push(before.date, before.date, before.id);
      }
      const stmt = recordStatement(
        this.sql,
        `WHERE ${where.join(' AND ')} ORDER BY decision_date DESC, id DESC LIMIT ?`,
      );
      return (stmt.all(...params, limit) as RecordRow[]).map(toRecordVersion);
    });
  }

  getListEntry(id: string): Promise<ListEntry | null> {
    return this.run(() => {
      const row = this.sql.get(`${SELECT_ENTRY} WHERE id = ?`).get(id) as ListEntryRow | undefined;
      return row ? toListEntry(row) : null;
    });
  }

  listEntriesOf(subjectIds: readonly string[]): Promise<ListEntry[]> {
    return this.run(() => file.listEntriesOf(this.sql, subjectIds));
  }

  findListEntries(query: ListEntryQuery, limit: number, afterId = ''): Promise<ListEntry[]> {
    return this.run(() => {
      const where = ['id > ?'];
      const params: unknown[] = [afterId];
      if (query.listType !== undefined) {
        where.push('list_type = ?');
        params.push(query.listType);
      }
      if (query.states !== undefined) {
        // padded to every state, so one statement serves any subset (an empty one matches nothing)
        const states: (string | null)[] = [...new Set(query.states)];
        while (states.length < ENTRY_STATES.length) states.push(null);
        where.push(`state IN (${placeholders(states.length)})`);
        params.push(...states);
      }
      if (query.endsOnOrBefore !== undefined) {
        where.push('ends_on <= ?');
        params.push(query.endsOnOrBefore);
      }
      if (query.effectiveFromOnOrBefore !== undefined) {
        where.push('effective_from <= ?');
        params.push(query.effectiveFromOnOrBefore);
      }
      const rows = this.sql
        .get(`${SELECT_ENTRY} WHERE ${where.join(' AND ')} ORDER BY id LIMIT ?`)
        .all(...params, limit) as ListEntryRow[];
      return rows.map(toListEntry);
    });
  }

  listTransitions(entryId: string): Promise<ListTransition[]> {
    return this.run(() => {
      const rows = this.sql
        .get('SELECT * FROM list_transitions WHERE entry_id = ? ORDER BY seq')
        .all(entryId) as TransitionRow[];
      return rows.map(toTransition);
    });
  }

  readFeed(afterSeq: number, limit: number): Promise<ListTransition[]> {
    return this.run(() => {
      const rows = this.sql
        .get('SELECT * FROM list_transitions WHERE seq > ? ORDER BY seq LIMIT ?')
        .all(afterSeq, limit) as TransitionRow[];
      return rows.map(toTransition);
    });
  }

  counts(): Promise<{ subjects: number; records: number; versions: number; audit: number }> {
    return this.run(
      () =>
        this.sql
          .get(
            `SELECT (SELECT count(*) FROM subjects WHERE merged_into IS NULL) AS subjects,
               (SELECT count(DISTINCT record_id) FROM record_versions) AS records,
               (SELECT count(*) FROM record_versions) AS versions,
               (SELECT count(*) FROM audit_log) AS audit`,
          )
          .get() as { subjects: number; records: number; versions: number; audit: number },
    );
  }

  insertSubjects(subjects: readonly Subject[]): Promise<void> {
    return this.run(() => this.insertSubjectRows(subjects));
  }

  // a write transaction holds the file's write lock from its start: no other one can be
  // creating the same subject, so "already there" is only ever one this transaction saw
  createSubjects(subjects: readonly Subject[]): Promise<string[]> {
    return this.run(() => {
      const exists = this.sql.get('SELECT 1 FROM subjects WHERE id = ?');
      const there = new Set(
        subjects.filter((s) => exists.get(s.id) !== undefined).map((s) => s.id),
      );
      this.insertSubjectRows(subjects.filter((s) => !there.has(s.id)));
      return [...there];
    });
  }

  private insertSubjectRows(subjects: readonly Subject[]): void {
    const subject = this.sql.get(
      'INSERT INTO subjects (id, kind, region, created_at) VALUES (?, ?, ?, ?)',
    );
    const identifier = this.sql.get(
      `INSERT INTO subject_identifiers (subject_id, position, scheme, value, valid_from, valid_to)
         VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const name = this.sql.get(
      `INSERT INTO subject_names (subject_id, position, name, lang, script, current)
         VALUES (?, ?, ?, ?, ?, ?)`,
    );
    // subjects first, so relations may point at subjects later in the same batch
    for (const s of subjects) subject.run(s.id, s.kind, s.region, toInstant(s.createdAt));
    for (const s of subjects) {
      s.identifiers.forEach((i, position) => {
        try {
          identifier.run(s.id, position, i.scheme, i.value, i.validFrom, i.validTo);
        } catch (error) {
          if (!isUniqueViolation(error, 'subject_identifiers.value')) throw error;
          throw identifierTaken(i.scheme, i.value);
        }
      });
      s.names.forEach((n, position) =>
        name.run(s.id, position, n.name, n.lang, n.script, n.current ? 1 : 0),
      );
      for (const r of s.relations) this.insertRelation(s.id, r);
    }
    search.insertSearchKeys(this.sql, subjects);
  }

  clearSearchKeys(): Promise<void> {
    return this.run(() => search.clearSearchKeys(this.sql));
  }

  indexSearchKeys(subjects: readonly Subject[]): Promise<void> {
    return this.run(() => search.insertSearchKeys(this.sql, subjects));
  }

  matchSearchKeys(
    values: readonly string[],
    filter: SearchFilter,
    limit: number,
    kinds?: readonly string[],
  ): Promise<KeyMatch[]> {
    return this.run(() => search.matchSearchKeys(this.sql, values, filter, limit, kinds));
  }

  fragmentSearchKeys(
    groups: readonly (readonly string[])[],
    length: number,
    filter: SearchFilter,
    limit: number,
  ): Promise<KeyMatch[]> {
    return this.run(() => search.fragmentSearchKeys(this.sql, groups, length, filter, limit));
  }

  dropSearchKeys(subjects: ReadonlyArray<Pick<Subject, 'id' | 'kind' | 'names'>>): Promise<void> {
    return this.run(() => search.dropSearchKeys(this.sql, subjects));
  }

  setCurrentName(subjectId: string, name: SubjectName): Promise<void> {
    return this.run(() => merges.setCurrentName(this.sql, subjectId, name));
  }

  getMerge(id: string): Promise<SubjectMerge | null> {
    return this.run(() => merges.getMerge(this.sql, id));
  }

  listMerges(subjectId: string): Promise<SubjectMerge[]> {
    return this.run(() => merges.listMerges(this.sql, subjectId));
  }

  mergeSubject(plan: MergePlan): Promise<SubjectMerge> {
    return this.run(() => merges.mergeSubject(this.sql, plan));
  }

  undoMerge(merge: SubjectMerge, undo: Omit<MergeUndo, 'followers'>): Promise<SubjectMerge> {
    return this.run(() => merges.undoMerge(this.sql, merge, undo));
  }

  addRelation(subjectId: string, relation: SubjectRelation): Promise<void> {
    return this.run(() => this.insertRelation(subjectId, relation));
  }

  private insertRelation(subjectId: string, r: SubjectRelation): void {
    this.sql
      .get(
        `INSERT INTO subject_relations (subject_id, kind, other_id, valid_from, valid_to, basis)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(subjectId, r.kind, r.otherId, r.validFrom, r.validTo, r.basis ?? null);
  }

  upsertAuthority(a: Authority): Promise<void> {
    return this.run(() => {
      this.sql
        .get(
          `INSERT INTO authorities (id, name, name_en, domains, regions) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en,
             domains = excluded.domains, regions = excluded.regions`,
        )
        .run(a.id, a.name, a.nameEn, JSON.stringify(a.domains), JSON.stringify(a.regions));
    });
  }

  insertRecordVersions(rows: readonly RecordVersion[]): Promise<void> {
    return this.run(() => {
      const stmt = this.sql.get(INSERT_RECORD);
      let i = 0;
      try {
        for (; i < rows.length; i++) stmt.run(recordTuple(rows[i] as RecordVersion));
      } catch (error) {
        const row = rows[i];
        if (!row || !isUniqueViolation(error, 'record_versions.source_ref')) throw error;
        throw sourceRefTaken(row.authorityId, row.sourceRef, row.version);
      }
    });
  }

  getAccount(id: string): Promise<Account | null> {
    return this.run(() => accounts.getAccount(this.sql, id));
  }

  listAccounts(afterId: string, limit: number): Promise<Account[]> {
    return this.run(() => accounts.listAccounts(this.sql, afterId, limit));
  }

  listInquiries(subjectId: string, afterSeq: number, limit: number): Promise<Inquiry[]> {
    return this.run(() => accounts.listInquiries(this.sql, subjectId, afterSeq, limit));
  }

  insertAccount(account: Account): Promise<void> {
    return this.run(() => accounts.insertAccount(this.sql, account));
  }

  disableAccount(id: string, at: string): Promise<boolean> {
    return this.run(() => accounts.disableAccount(this.sql, id, at));
  }

  appendInquiry(inquiry: NewInquiry): Promise<Inquiry> {
    return this.run(() => accounts.appendInquiry(this.sql, inquiry));
  }

  getWebhook(id: string): Promise<Webhook | null> {
    return this.run(() => webhooks.getWebhook(this.sql, id));
  }

  listWebhooks(filter: { accountId: string } | { dueBy: string }): Promise<Webhook[]> {
    return this.run(() => webhooks.listWebhooks(this.sql, filter));
  }

  insertWebhook(webhook: Webhook): Promise<void> {
    return this.run(() => webhooks.insertWebhook(this.sql, webhook));
  }

  updateWebhook(webhook: Webhook): Promise<void> {
    return this.run(() => webhooks.updateWebhook(this.sql, webhook));
  }

  getObjection(id: string): Promise<Objection | null> {
    return this.run(() => objections.getObjection(this.sql, id));
  }

  listObjectionsOf(subjectIds: readonly string[]): Promise<Objection[]> {
    return this.run(() => objections.listObjectionsOf(this.sql, subjectIds));
  }

  findOpenObjections(query: OpenObjectionQuery, limit: number): Promise<Objection[]> {
    return this.run(() => objections.findOpenObjections(this.sql, query, limit));
  }

  insertObjection(objection: Objection): Promise<void> {
    return this.run(() => objections.insertObjection(this.sql, objection));
  }

  updateObjection(objection: Objection): Promise<void> {
    return this.run(() => objections.updateObjection(this.sql, objection));
  }

  getRepair(id: string): Promise<RepairApplication | null> {
    return this.run(() => repairs.getRepair(this.sql, id));
  }

  listRepairsOf(subjectIds: readonly string[]): Promise<RepairApplication[]> {
    return this.run(() => repairs.listRepairsOf(this.sql, subjectIds));
  }

  findOpenRepairs(query: OpenRepairQuery, limit: number): Promise<RepairApplication[]> {
    return this.run(() => repairs.findOpenRepairs(this.sql, query, limit));
  }

  insertRepair(repair: RepairApplication): Promise<void> {
    return this.run(() => repairs.insertRepair(this.sql, repair));
  }

  updateRepair(repair: RepairApplication): Promise<void> {
    return this.run(() => repairs.updateRepair(this.sql, repair));
  }

  appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    return this.run(() => {
      // BEGIN IMMEDIATE holds the write lock, so no other writer can read the same last entry
      const last = this.lastAudit();
      const seq = (last?.seq ?? 0) + 1;
      const prevHash = last?.hash ?? GENESIS_HASH;
      const stored = normaliseAudit(entry);
      const hash = chainHash(prevHash, seq, stored);
      this.sql
        .get(
          `INSERT INTO audit_log (seq, at, actor, action, subject_ids, payload, prev_hash, hash)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(auditValues(seq, stored, prevHash, hash));
      return { seq, ...stored, prevHash, hash };
    });
  }

  insertListEntry(entry: ListEntry): Promise<void> {
    return this.run(() => {
      this.sql.get(INSERT_ENTRY).run(listEntryTuple(entry));
    });
  }

  updateListEntry(entry: ListEntry): Promise<void> {
    return this.run(() => {
      const [id, subjectId, ...rest] = listEntryTuple(entry);
      const { changes } = this.sql.get(UPDATE_ENTRY).run(...rest, id, subjectId);
      if (changes === 0) throw entryNotFound(entry);
    });
  }

  appendTransition(transition: NewListTransition): Promise<ListTransition> {
    return this.run(() => {
      // BEGIN IMMEDIATE holds the write lock to commit: seqs follow commit order, with no gaps
      const last = this.sql
        .get('SELECT seq FROM list_transitions ORDER BY seq DESC LIMIT 1')
        .get() as { seq: number } | undefined;
      const t = transition;
      const row = this.sql
        .get(INSERT_TRANSITION)
        .get(
          (last?.seq ?? 0) + 1,
          t.entryId,
          t.subjectId,
          t.listType,
          t.kind,
          t.fromState,
          t.toState,
          t.effectiveDate,
          toInstant(t.at),
          t.actor,
          t.reason,
          JSON.stringify(t.recordIds),
          JSON.stringify(t.data ?? {}),
        ) as TransitionRow;
      return toTransition(row);
    });
  }
}
