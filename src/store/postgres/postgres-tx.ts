import { Readable } from 'node:stream';
import { auditValues, normaliseAudit, recordValues } from '../record-values.js';
import { pipeline } from 'node:stream/promises';
import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  SELECT_SUBJECT_ID_KEY,
  storedSubjectIdKey,
  type SubjectIdKeyCache,
} from '../subject-rekey.js';
import { chainHash, GENESIS_HASH } from '../../domain/audit.js';
import type { AuditEntry, NewAuditEntry } from '../../domain/audit.js';
import type { Authority } from '../../domain/authority.js';
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
  SubjectSummary,
} from '../store.js';
import { reachQuery, toReach } from './postgres-reach.js';
import * as file from './postgres-file.js';
import * as ratings from './postgres-ratings.js';
import * as accounts from './postgres-accounts.js';
import * as webhooks from './postgres-webhooks.js';
import * as objections from './postgres-objections.js';
import * as followUps from './postgres-follow-ups.js';
import * as jobs from './postgres-jobs.js';
import { leaseLost, numberedReport, type JobCheckpoint } from '../job-store.js';
import { asOutage } from './postgres-outage.js';
import * as repairs from './postgres-repairs.js';
import * as search from './postgres-search.js';
import * as merges from './postgres-merges.js';
import type { MergeRow } from '../merge-tables.js';
import { toMerge } from '../merge-tables.js';
import type { MergePlan, MergeUndo, SubjectMerge } from '../../domain/subject-merge.js';
import { FEW_VALUES, searchKeyRows, type KeyMatch, type SearchFilter } from '../search-keys.js';
import { repairStepValues, repairValues } from '../repair-columns.js';
import type { RepairApplication } from '../../domain/repair.js';
import { answerValues, objectionValues } from '../objection-columns.js';
import type { Objection } from '../../domain/objection.js';
import type { OpenObjectionQuery, OpenRepairQuery, RunRatingKey } from '../store.js';
import type { Webhook } from '../../domain/webhook.js';
import type { Account } from '../../domain/account.js';
import type { Inquiry, NewInquiry } from '../../domain/inquiry.js';
import { ratingRunNotFound } from '../rating-errors.js';
import type { RatingRun, StoredRating } from '../../domain/rating-run.js';
import type { SubjectKind } from '../../domain/subject.js';
import {
  copyChunks,
  entryNotFound,
  LIST_ENTRY_COLUMNS,
  LIST_ENTRY_SELECT,
  listEntryValues,
  mapWriteError,
  RECORD_COLUMN_LIST,
  RECORD_COLUMNS,
  RECORD_SELECT,
  SUBJECT_SELECT,
  TRANSITION_COLUMNS,
  TRANSITION_SELECT,
  transitionValues,
} from './postgres-rows.js';

// an arbitrary constant: the one lock that orders appends to the audit chain
const AUDIT_LOCK = 7_265_481_002;
// another arbitrary constant: the lock that orders appends to the list change feed
const FEED_LOCK = 7_265_481_003;
// below this many rows a single INSERT beats COPY's extra round trips
const COPY_THRESHOLD = 32;

const INSERT_RECORDS_UNNEST = `INSERT INTO record_versions (${RECORD_COLUMN_LIST})
  SELECT * FROM unnest(${RECORD_COLUMNS.map(([, , type], i) => `$${i + 1}::${type}[]`).join(', ')})`;
const COPY_RECORDS = `COPY record_versions (${RECORD_COLUMN_LIST}) FROM STDIN`;

// in id order, as a merge locks them: two lockers never wait on each other in a circle
const LOCK_SUBJECTS =
  'SELECT id FROM subjects WHERE id = ANY($1::text[]) ORDER BY id FOR KEY SHARE';
// stronger than a writer's KEY SHARE against other list writers, not against record writers,
// who go on; a merge's FOR UPDATE waits for it (and it for a merge)
const LOCK_SUBJECT_LISTS =
  'SELECT id FROM subjects WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE';

const INSERT_SUBJECTS = `INSERT INTO subjects (id, kind, region, created_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])`;
const subjectColumns = (subjects: readonly Subject[]) => [
  subjects.map((s) => s.id),
  subjects.map((s) => s.kind),
  subjects.map((s) => s.region),
  subjects.map((s) => s.createdAt),
];

const SELECT_SUBJECT = `SELECT ${SUBJECT_SELECT} FROM subjects s WHERE s.id = $1`;
const SELECT_SUBJECTS = `SELECT ${SUBJECT_SELECT} FROM subjects s WHERE s.id = ANY($1::text[])`;

const AUDIT_SELECT = `seq, at, actor, action, subject_ids AS "subjectIds", payload,
  prev_hash AS "prevHash", hash`;

const params = (n: number): string => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ');

const INSERT_ENTRY = `INSERT INTO list_entries (${LIST_ENTRY_COLUMNS.map(([c]) => c).join(', ')})
  VALUES (${params(LIST_ENTRY_COLUMNS.length)})`;
// id and subject_id never change; the second also names the shard under Citus
const UPDATE_ENTRY = `UPDATE list_entries
  SET ${LIST_ENTRY_COLUMNS.slice(2)
    .map(([c], i) => `${c} = $${i + 3}`)
    .join(', ')}
  WHERE id = $1 AND subject_id = $2`;
const INSERT_TRANSITION = `INSERT INTO list_transitions (${TRANSITION_COLUMNS.map(([c]) => c).join(', ')})
  VALUES (${params(TRANSITION_COLUMNS.length)}) RETURNING ${TRANSITION_SELECT}`;
// one index range per type, merged by id: `type = ANY(…) ORDER BY id` would sort every match
const SCAN_RECORDS = `SELECT v.* FROM unnest($1::text[]) AS t (type)
  CROSS JOIN LATERAL (
    SELECT ${RECORD_SELECT} FROM record_versions r
    WHERE r.type = t.type AND r.id > $2 ORDER BY r.id LIMIT $3) v
  ORDER BY v.id LIMIT $3`;

/** The state of one transaction; reads outside a transaction have none. */
export interface TxState {
  open: boolean;
  /** the first error: PostgreSQL refuses everything after it, and COMMIT would roll back */
  failure: unknown;
}

/** Reads and writes on a pooled client (in a transaction) or on the pool (reads outside one). */
const AUDIT_HEAD = 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1';

export class PostgresTx implements StoreTx {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Pool | PoolClient,
    private readonly state: TxState | null = null,
    private readonly idKey: SubjectIdKeyCache = { key: null },
  ) {}

  /** one operation at a time per transaction: its statements must not interleave on the client */
  private run<T>(op: () => Promise<T>): Promise<T> {
    if (!this.state) return this.attempt(op);
    const result = this.queue.then(() => this.attempt(op));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async attempt<T>(op: () => Promise<T>): Promise<T> {
    const { state } = this;
    if (state && !state.open) throw new Error('the transaction has finished');
    if (state?.failure) throw new Error('the transaction failed earlier', { cause: state.failure });
    try {
      return await op();
    } catch (raw) {
      const error = asOutage(mapWriteError(raw));
      if (state) state.failure ??= error;
      throw error;
    }
  }

  /**
   * Every statement checks the transaction is still open: a late one must not reach a reused
   * client. A named one (the lookups of a subject's file, run on every view) is prepared once
   * per connection, so PostgreSQL parses and plans it once, not on every request.
   */
  private async query<R extends QueryResultRow>(
    sql: string,
    params: unknown[] = [],
    name?: string,
  ): Promise<QueryResult<R>> {
    if (this.state && !this.state.open) throw new Error('the transaction has finished');
    return name
      ? this.db.query<R>({ name, text: sql, values: params })
      : this.db.query<R>(sql, params);
  }

  private async rows<R extends QueryResultRow>(
    sql: string,
    params: unknown[] = [],
    name?: string,
  ): Promise<R[]> {
    return (await this.query<R>(sql, params, name)).rows;
  }

  /**
   * Writes many rows by COPY on the transaction's connection; false (nothing written) for a
   * few rows, or outside a transaction, where the caller inserts them instead.
   */
  private async copyRows<T>(
    sql: string,
    rows: readonly T[],
    values: (row: T) => (string | number | null)[],
  ): Promise<boolean> {
    if (rows.length < COPY_THRESHOLD || !('release' in this.db)) return false;
    if (!this.state?.open) throw new Error('the transaction has finished');
    await pipeline(Readable.from(copyChunks(rows, values)), this.db.query(copyFrom(sql)));
    return true;
  }

  private statementRows<R extends QueryResultRow>(statement: search.Statement): Promise<R[]> {
    return this.rows<R>(statement.sql, statement.values);
  }

  getSubject(id: string): Promise<Subject | null> {
    return this.run(
      async () => (await this.rows<Subject>(SELECT_SUBJECT, [id], 'credence_subject'))[0] ?? null,
    );
  }

  getSubjects(ids: readonly string[]): Promise<Subject[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.run(() =>
      this.rows<Subject>(SELECT_SUBJECTS, [[...new Set(ids)]], 'credence_subjects'),
    );
  }

  readSubjectFile(key: IdentifierKey): Promise<StoredFile | null> {
    return this.run(async () => {
      const rows = await this.rows<file.FileRow>(
        file.READ_FILE,
        [key.scheme, key.value],
        file.NAME,
      );
      return rows[0] ? file.toStoredFile(rows[0]) : null;
    });
  }

  findSubjects(keys: readonly IdentifierKey[]): Promise<Map<string, SubjectRef>> {
    return this.run(async () => {
      if (keys.length === 0) return new Map<string, SubjectRef>();
      let found = await this.resolveSubjects(keys);
      if (!this.state) return found;
      // in a write transaction, the subjects found are locked so that no merge or undo can
      // move their identifiers before this one commits (a merge locks them FOR UPDATE), then
      // looked up again: one that committed meanwhile has moved them, and the writer must
      // follow. Once a lookup names only subjects already locked, it stands.
      const locked = new Set<string>();
      for (;;) {
        const ids = [...new Set([...found.values()].map((r) => r.id))].filter(
          (id) => !locked.has(id),
        );
        if (ids.length === 0) return found;
        await this.rows(LOCK_SUBJECTS, [ids], 'credence_lock_subjects');
        for (const id of ids) locked.add(id);
        found = await this.resolveSubjects(keys);
      }
    });
  }

  private async resolveSubjects(keys: readonly IdentifierKey[]): Promise<Map<string, SubjectRef>> {
    const rows = await this.rows<IdentifierKey & SubjectRef>(
      `SELECT i.scheme, i.value, s.id, s.kind, s.region
       FROM unnest($1::text[], $2::text[]) AS k (scheme, value)
       JOIN subject_identifiers i ON i.scheme = k.scheme AND i.value = k.value
       JOIN subjects s ON s.id = i.subject_id`,
      [keys.map((k) => k.scheme), keys.map((k) => k.value)],
      'credence_find_subjects',
    );
    const found = new Map<string, SubjectRef>();
    for (const row of rows)
      found.set(identifierKey(row), { id: row.id, kind: row.kind, region: row.region });
    return found;
  }

  getAuthority(id: string): Promise<Authority | null> {
    return this.run(async () => {
      const rows = await this.rows<Authority>(
        'SELECT id, name, name_en AS "nameEn", domains, regions FROM authorities WHERE id = $1',
        [id],
      );
      return rows[0] ?? null;
    });
  }

  listAuthorities(): Promise<Authority[]> {
    return this.run(() =>
      this.rows<Authority>(
        'SELECT id, name, name_en AS "nameEn", domains, regions FROM authorities ORDER BY id',
      ),
    );
  }

  findRecordHeads(keys: readonly SourceKey[]): Promise<Map<string, RecordHead>> {
    return this.run(async () => {
      const found = new Map<string, RecordHead>();
      if (keys.length === 0) return found;
      const rows = await this.rows<RecordHead & SourceKey>(
        `SELECT k.authority_id AS "authorityId", k.source_ref AS "sourceRef", h.*
         FROM unnest($1::text[], $2::text[]) AS k (authority_id, source_ref)
         CROSS JOIN LATERAL (
           SELECT id, record_id AS "recordId", subject_id AS "subjectId", version,
             content_hash AS "contentHash", action
           FROM record_versions r
           WHERE r.authority_id = k.authority_id AND r.source_ref = k.source_ref
           ORDER BY r.version DESC LIMIT 1) h`,
        [keys.map((k) => k.authorityId), keys.map((k) => k.sourceRef)],
      );
      for (const { authorityId, sourceRef, ...head } of rows) {
        found.set(sourceKey({ authorityId, sourceRef }), head);
      }
      return found;
    });
  }

  getRecordVersion(id: string): Promise<RecordVersion | null> {
    return this.run(async () => {
      const sql = `SELECT ${RECORD_SELECT} FROM record_versions WHERE id = $1`;
      return (await this.rows<RecordVersion>(sql, [id]))[0] ?? null;
    });
  }

  listRecordVersions(subjectId: string): Promise<RecordVersion[]> {
    return this.run(() =>
      this.rows<RecordVersion>(
        `SELECT ${RECORD_SELECT} FROM record_versions WHERE subject_id = $1`,
        [subjectId],
        'credence_record_versions_of',
      ),
    );
  }

  listAudit(afterSeq: number, limit: number): Promise<AuditEntry[]> {
    return this.run(() =>
      this.rows<AuditEntry>(
        `SELECT ${AUDIT_SELECT} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [afterSeq, limit],
      ),
    );
  }

  subjectIdKey(): Promise<string> {
    return this.run(
      async () =>
        (this.idKey.key ??= storedSubjectIdKey(
          (await this.rows<{ value: string }>(SELECT_SUBJECT_ID_KEY))[0]?.value,
        )),
    );
  }

  findIssuedReport(codeHash: string): Promise<AuditEntry | null> {
    return this.run(
      async () =>
        (
          await this.rows<AuditEntry>(
            `SELECT ${AUDIT_SELECT} FROM issued_reports r JOIN audit_log a ON a.seq = r.audit_seq
              WHERE r.code_hash = $1`,
            [codeHash],
          )
        )[0] ?? null,
    );
  }

  insertIssuedReport(codeHash: string, auditSeq: number): Promise<void> {
    return this.run(async () => {
      await this.query('INSERT INTO issued_reports (code_hash, audit_seq) VALUES ($1, $2)', [
        codeHash,
        auditSeq,
      ]);
    });
  }

  auditHead(): Promise<{ seq: number; hash: string } | null> {
    return this.run(
      async () => (await this.rows<{ seq: number; hash: string }>(AUDIT_HEAD))[0] ?? null,
    );
  }

  scanSubjects(
    kinds: readonly SubjectKind[],
    afterId: string,
    limit: number,
  ): Promise<SubjectSummary[]> {
    return this.run(() =>
      this.rows<SubjectSummary>(ratings.SCAN_SUBJECTS, ratings.scanValues(kinds, afterId, limit)),
    );
  }

  listRecordFactsOf(subjectIds: readonly string[]): Promise<RecordFacts[]> {
    return this.run(async () => {
      if (subjectIds.length === 0) return [];
      const [row] = await this.rows<{ facts: ratings.FactsTuple[] | null }>(ratings.RECORD_FACTS, [
        [...new Set(subjectIds)],
      ]);
      return ratings.recordFactsOf(row!.facts);
    });
  }

  getRatingRun(id: string): Promise<RatingRun | null> {
    return this.run(
      async () =>
        (await this.rows<RatingRun>(`${ratings.SELECT_RUN} WHERE id = $1`, [id]))[0] ?? null,
    );
  }

  listRatingRuns(limit: number, modelId?: string): Promise<RatingRun[]> {
    return this.run(() =>
      modelId === undefined
        ? this.rows<RatingRun>(`${ratings.SELECT_RUN} ORDER BY started_at DESC, id DESC LIMIT $1`, [
            limit,
          ])
        : this.rows<RatingRun>(
            `${ratings.SELECT_RUN} WHERE model_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2`,
            [modelId, limit],
          ),
    );
  }

  listRunRatings(
    runId: string,
    after: RunRatingKey | null,
    limit: number,
  ): Promise<StoredRating[]> {
    const { subjectId, id } = after ?? { subjectId: '', id: '' };
    return this.run(() =>
      this.rows<StoredRating>(
        `${ratings.SELECT_RATING} WHERE run_id = $1 AND subject_id >= $2 AND (subject_id > $2 OR id > $3)
         ORDER BY subject_id, id LIMIT $4`,
        [runId, subjectId, id, limit],
      ),
    );
  }

  listRatingsOf(subjectIds: readonly string[], modelId?: string): Promise<StoredRating[]> {
    return this.run(async () => {
      if (subjectIds.length === 0) return [];
      return this.rows<StoredRating>(
        `${ratings.SELECT_RATING} WHERE subject_id = ANY($1::text[])
           AND ($2::text IS NULL OR model_id = $2) ORDER BY rated_at DESC, id DESC`,
        [[...new Set(subjectIds)], modelId ?? null],
        'credence_ratings_of',
      );
    });
  }

  previousRatings(
    subjectIds: readonly string[],
    modelId: string,
    periodEndBefore: string,
  ): Promise<StoredRating[]> {
    return this.run(async () => {
      if (subjectIds.length === 0) return [];
      return this.rows<StoredRating>(ratings.PREVIOUS_RATINGS, [
        [...new Set(subjectIds)],
        modelId,
        periodEndBefore,
      ]);
    });
  }

  insertRatingRun(run: RatingRun): Promise<void> {
    return this.run(async () => {
      await this.query(ratings.INSERT_RUN, ratings.runValues(run));
    });
  }

  updateRatingRun(run: RatingRun): Promise<void> {
    return this.run(async () => {
      const { rowCount } = await this.query(ratings.UPDATE_RUN, ratings.runValues(run));
      if (rowCount !== 1) throw ratingRunNotFound(run.id);
    });
  }

  insertRatings(rows: readonly StoredRating[]): Promise<void> {
    return this.run(async () => {
      if (rows.length === 0) return;
      // a run writes a page of results at a time: COPY spares the array encoding of their JSON
      if (await this.copyRows(ratings.COPY_RATINGS, rows, ratings.ratingCopyValues)) return;
      await this.query(ratings.INSERT_RATINGS, ratings.ratingColumnsOf(rows));
    });
  }

  pendingFollowUps(subjectIds: readonly string[] | null, limit: number): Promise<FollowUp[]> {
    return this.run(() =>
      subjectIds === null
        ? this.rows<FollowUp>(followUps.PENDING_ANY, [limit])
        : this.rows<FollowUp>(followUps.PENDING_OF, [[...new Set(subjectIds)], limit]),
    );
  }

  lockSubjectLists(subjectIds: readonly string[]): Promise<void> {
    return this.run(async () => {
      if (subjectIds.length > 0) await this.query(LOCK_SUBJECT_LISTS, [[...new Set(subjectIds)]]);
    });
  }

  addFollowUps(rows: readonly FollowUp[]): Promise<void> {
    return this.run(async () => {
      if (rows.length === 0) return;
      await this.query(followUps.INSERT, [
        rows.map((f) => f.id),
        rows.map((f) => f.subjectId),
        rows.map((f) => f.recordType),
        rows.map((f) => f.createdAt),
      ]);
    });
  }

  deleteFollowUps(ids: readonly string[]): Promise<void> {
    return this.run(async () => {
      if (ids.length > 0) await this.query(followUps.DELETE, [[...ids]]);
    });
  }

  checkpointJob({ id, owner, progress, report }: JobCheckpoint): Promise<void> {
    return this.run(async () => {
      const { rowCount } = await this.query(jobs.CHECKPOINT, [id, owner, progress]);
      if (rowCount !== 1) throw leaseLost(id);
      if (report.length === 0) return;
      const rows = numberedReport(report);
      await this.query(jobs.INSERT_REPORT, [
        id,
        rows.map((r) => r.line),
        rows.map((r) => r.n),
        rows.map((r) => r.field),
        rows.map((r) => r.code),
        rows.map((r) => r.message),
      ]);
    });
  }

  findReach(keys: readonly IdentifierKey[]): Promise<Map<string, SubjectReach>> {
    return this.run(async () => {
      if (keys.length === 0) return new Map();
      if (this.state && !this.state.open) throw new Error('the transaction has finished');
      const { rows } = await this.db.query(reachQuery(keys));
      return toReach(keys, rows);
    });
  }

  scanRecordVersions({ types, afterId = '', limit }: RecordScan): Promise<RecordVersion[]> {
    return this.run(async () => {
      if (types.length === 0 || limit <= 0) return [];
      return this.rows<RecordVersion>(SCAN_RECORDS, [[...new Set(types)], afterId, limit]);
    });
  }

  recentRecordVersions({
    types,
    from,
    to,
    before,
    limit,
  }: RecentRecordScan): Promise<RecordVersion[]> {
    return this.run(async () => {
      if (types.length === 0 || limit <= 0) return [];
      const values: unknown[] = [[...new Set(types)]];
      const where = ['type = ANY($1::text[])'];
      const add = (condition: (param: string) => string, value: unknown): void => {
        values.push(value);
        where.push(condition(`$${values.length}`));
      };
      if (from !== undefined) add((p) => `decision_date >= ${p}::date`, from);
      if (to !== undefined) add((p) => `decision_date <= ${p}::date`, to);
      if (before !== undefined) {
        values.push(before.date, before.id);
        where.push(`(decision_date, id) < ($${values.length - 1}::date, $${values.length})`);
      }
      values.push(limit);
      return this.rows<RecordVersion>(
        `SELECT ${RECORD_SELECT} FROM record_versions WHERE ${where.join(' AND ')}
         ORDER BY decision_date DESC, id DESC LIMIT $${values.length}`,
        values,
      );
    });
  }

  getListEntry(id: string): Promise<ListEntry | null> {
    return this.run(async () => {
      const sql = `SELECT ${LIST_ENTRY_SELECT} FROM list_entries WHERE id = $1`;
      return (await this.rows<ListEntry>(sql, [id]))[0] ?? null;
    });
  }

  listEntriesOf(subjectIds: readonly string[]): Promise<ListEntry[]> {
    return this.run(async () => {
      if (subjectIds.length === 0) return [];
      return this.rows<ListEntry>(
        `SELECT ${LIST_ENTRY_SELECT} FROM list_entries WHERE subject_id = ANY($1::text[]) ORDER BY id`,
        [[...subjectIds]],
        'credence_entries_of',
      );
    });
  }

  findListEntries(query: ListEntryQuery, limit: number, afterId = ''): Promise<ListEntry[]> {
    return this.run(() => {
      const values: unknown[] = [afterId];
      const where = ['id > $1'];
      const add = (condition: (param: string) => string, value: unknown): void => {
        values.push(value);
        where.push(condition(`$${values.length}`));
      };
      if (query.listType !== undefined) add((p) => `list_type = ${p}`, query.listType);
      if (query.states !== undefined) add((p) => `state = ANY(${p}::text[])`, [...query.states]);
      if (query.endsOnOrBefore !== undefined) {
        add((p) => `ends_on <= ${p}::date`, query.endsOnOrBefore);
      }
      if (query.effectiveFromOnOrBefore !== undefined) {
        add((p) => `effective_from <= ${p}::date`, query.effectiveFromOnOrBefore);
      }
      values.push(limit);
      return this.rows<ListEntry>(
        `SELECT ${LIST_ENTRY_SELECT} FROM list_entries WHERE ${where.join(' AND ')}
         ORDER BY id LIMIT $${values.length}`,
        values,
      );
    });
  }

  listTransitions(entryId: string): Promise<ListTransition[]> {
    return this.run(() =>
      this.rows<ListTransition>(
        `SELECT ${TRANSITION_SELECT} FROM list_transitions WHERE entry_id = $1 ORDER BY seq`,
        [entryId],
      ),
    );
  }

  readFeed(afterSeq: number, limit: number): Promise<ListTransition[]> {
    return this.run(() =>
      this.rows<ListTransition>(
        `SELECT ${TRANSITION_SELECT} FROM list_transitions WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [afterSeq, limit],
      ),
    );
  }

  counts(): Promise<{ subjects: number; records: number; versions: number; audit: number }> {
    return this.run(async () => {
      const [row] = await this.rows<{
        subjects: number;
        records: number;
        versions: number;
        audit: number;
      }>(
        `SELECT (SELECT count(*) FROM subjects WHERE merged_into IS NULL) AS subjects,
           (SELECT count(DISTINCT record_id) FROM record_versions) AS records,
           (SELECT count(*) FROM record_versions) AS versions,
           (SELECT count(*) FROM audit_log) AS audit`,
      );
      return row!;
    });
  }

  insertSubjects(subjects: readonly Subject[]): Promise<void> {
    return this.run(async () => {
      if (subjects.length === 0) return;
      // subjects first, so relations may point at subjects later in the same batch
      await this.query(INSERT_SUBJECTS, subjectColumns(subjects));
      await this.insertSubjectParts(subjects);
    });
  }

  createSubjects(subjects: readonly Subject[]): Promise<string[]> {
    return this.run(async () => {
      if (subjects.length === 0) return [];
      // a concurrent creator of the same id makes this wait for its outcome, then skip the row
      const { rows } = await this.query<{ id: string }>(
        `${INSERT_SUBJECTS} ON CONFLICT (id) DO NOTHING RETURNING id`,
        subjectColumns(subjects),
      );
      const created = new Set(rows.map((r) => r.id));
      await this.insertSubjectParts(subjects.filter((s) => created.has(s.id)));
      return subjects.filter((s) => !created.has(s.id)).map((s) => s.id);
    });
  }

  /** identifiers, names, relations and search keys of subjects just inserted */
  private async insertSubjectParts(subjects: readonly Subject[]): Promise<void> {
    if (subjects.length === 0) return;
    const ids = subjects.flatMap((s) => s.identifiers.map((i, pos) => ({ s, i, pos })));
    if (ids.length > 0) {
      await this.query(
        `INSERT INTO subject_identifiers (subject_id, position, scheme, value, valid_from, valid_to)
           SELECT * FROM unnest($1::text[], $2::int4[], $3::text[], $4::text[], $5::date[], $6::date[])`,
        [
          ids.map((x) => x.s.id),
          ids.map((x) => x.pos),
          ids.map((x) => x.i.scheme),
          ids.map((x) => x.i.value),
          ids.map((x) => x.i.validFrom),
          ids.map((x) => x.i.validTo),
        ],
      );
    }
    const names = subjects.flatMap((s) => s.names.map((n, pos) => ({ s, n, pos })));
    if (names.length > 0) {
      await this.query(
        `INSERT INTO subject_names (subject_id, position, name, lang, script, current)
           SELECT * FROM unnest($1::text[], $2::int4[], $3::text[], $4::text[], $5::text[], $6::bool[])`,
        [
          names.map((x) => x.s.id),
          names.map((x) => x.pos),
          names.map((x) => x.n.name),
          names.map((x) => x.n.lang),
          names.map((x) => x.n.script),
          names.map((x) => x.n.current),
        ],
      );
    }
    const relations = subjects.flatMap((s) => s.relations.map((r) => ({ id: s.id, ...r })));
    if (relations.length > 0) await this.insertRelations(relations);
    await this.insertSearchKeys(subjects);
  }

  private async insertSearchKeys(subjects: readonly Subject[]): Promise<void> {
    const rows = searchKeyRows(subjects);
    if (rows.length === 0) return;
    // an import batch writes a dozen keys a subject: COPY spares encoding them as arrays
    if (await this.copyRows(search.COPY_SEARCH_KEYS, rows, search.searchKeyCopyValues)) return;
    await this.query(search.INSERT_SEARCH_KEYS, [
      rows.map((r) => r.subjectId),
      rows.map((r) => r.kind),
      rows.map((r) => r.key),
      rows.map((r) => r.fuzzy),
    ]);
  }

  clearSearchKeys(): Promise<void> {
    return this.run(async () => {
      await this.query('DELETE FROM search_keys');
    });
  }

  indexSearchKeys(subjects: readonly Subject[]): Promise<void> {
    return this.run(() => this.insertSearchKeys(subjects));
  }

  matchSearchKeys(
    values: readonly string[],
    filter: SearchFilter,
    limit: number,
    kinds?: readonly string[],
  ): Promise<KeyMatch[]> {
    const distinct = [...new Set(values)];
    const kindsValue = kinds ?? null;
    if (distinct.length <= FEW_VALUES)
      return this.run(() =>
        this.statementRows(search.matchKeys(distinct, filter, limit, kindsValue)),
      );
    return this.run(async () => {
      const keys = await this.rows<KeyMatch>(search.MATCH_MANY_KEYS, [distinct, kindsValue]);
      if (keys.length === 0) return [];
      const check = search.searchable([...new Set(keys.map((k) => k.subjectId))], filter);
      const searchable =
        check && new Set((await this.statementRows<{ id: string }>(check)).map((r) => r.id));
      const taken = new Map<string, number>();
      return keys.filter((k) => {
        if (searchable && !searchable.has(k.subjectId)) return false;
        taken.set(k.key, (taken.get(k.key) ?? 0) + 1);
        return taken.get(k.key)! <= limit;
      });
    });
  }

  fragmentSearchKeys(
    groups: readonly (readonly string[])[],
    length: number,
    filter: SearchFilter,
    limit: number,
  ): Promise<KeyMatch[]> {
    if (groups.length === 0) return Promise.resolve([]);
    return this.run(() => this.statementRows(search.fragmentKeys(groups, length, filter, limit)));
  }

  dropSearchKeys(subjects: ReadonlyArray<Pick<Subject, 'id' | 'kind' | 'names'>>): Promise<void> {
    return this.run(async () => {
      const rows = searchKeyRows(subjects);
      if (rows.length === 0) return;
      await this.query(merges.DROP_SEARCH_KEYS, [
        rows.map((r) => r.key),
        rows.map((r) => r.subjectId),
        rows.map((r) => r.kind),
      ]);
    });
  }

  /** the merge and rename steps run several statements inside one operation */
  private readonly statements: merges.Query = (sql, params) => this.rows(sql, params);

  setCurrentName(subjectId: string, name: SubjectName): Promise<void> {
    return this.run(() => merges.setCurrentName(this.statements, subjectId, name));
  }

  getMerge(id: string): Promise<SubjectMerge | null> {
    return this.run(async () => {
      const [row] = await this.rows<MergeRow>(`${merges.SELECT_MERGE} WHERE id = $1`, [id]);
      return row ? toMerge(row) : null;
    });
  }

  listMerges(subjectId: string): Promise<SubjectMerge[]> {
    return this.run(async () =>
      (await this.rows<MergeRow>(merges.LIST_MERGES, [subjectId])).map(toMerge),
    );
  }

  mergeSubject(plan: MergePlan): Promise<SubjectMerge> {
    return this.run(() => merges.mergeSubject(this.statements, plan));
  }

  undoMerge(merge: SubjectMerge, undo: Omit<MergeUndo, 'followers'>): Promise<SubjectMerge> {
    return this.run(() => merges.undoMerge(this.statements, merge, undo));
  }

  addRelation(subjectId: string, relation: SubjectRelation): Promise<void> {
    return this.run(() => this.insertRelations([{ id: subjectId, ...relation }]));
  }

  private async insertRelations(relations: (SubjectRelation & { id: string })[]): Promise<void> {
    await this.query(
      `INSERT INTO subject_relations (subject_id, kind, other_id, valid_from, valid_to, basis)
       SELECT subject_id, kind, other_id, valid_from, valid_to, basis
       FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[], $6::text[])
         WITH ORDINALITY AS u (subject_id, kind, other_id, valid_from, valid_to, basis, ord)
       ORDER BY ord`,
      [
        relations.map((r) => r.id),
        relations.map((r) => r.kind),
        relations.map((r) => r.otherId),
        relations.map((r) => r.validFrom),
        relations.map((r) => r.validTo),
        relations.map((r) => r.basis ?? null),
      ],
    );
  }

  upsertAuthority(a: Authority): Promise<void> {
    return this.run(async () => {
      await this.query(
        `INSERT INTO authorities (id, name, name_en, domains, regions) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en,
           domains = excluded.domains, regions = excluded.regions`,
        [a.id, a.name, a.nameEn, JSON.stringify(a.domains), JSON.stringify(a.regions)],
      );
    });
  }

  insertRecordVersions(rows: readonly RecordVersion[]): Promise<void> {
    return this.run(async () => {
      if (rows.length === 0) return;
      if (await this.copyRows(COPY_RECORDS, rows, (r) => recordValues(r))) return;
      const values = rows.map((row) => recordValues(row));
      const columns = RECORD_COLUMNS.map((_, c) => values.map((row) => row[c]));
      await this.query(INSERT_RECORDS_UNNEST, columns);
    });
  }

  getAccount(id: string): Promise<Account | null> {
    return this.run(
      async () =>
        (await this.rows<Account>(`${accounts.ACCOUNT_SELECT} WHERE id = $1`, [id]))[0] ?? null,
    );
  }

  listAccounts(afterId: string, limit: number): Promise<Account[]> {
    return this.run(() =>
      this.rows<Account>(`${accounts.ACCOUNT_SELECT} WHERE id > $1 ORDER BY id LIMIT $2`, [
        afterId,
        limit,
      ]),
    );
  }

  listInquiries(subjectId: string, afterSeq: number, limit: number): Promise<Inquiry[]> {
    return this.run(() =>
      this.rows<Inquiry>(
        `${accounts.INQUIRY_SELECT} WHERE subject_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [subjectId, afterSeq, limit],
      ),
    );
  }

  insertAccount(account: Account): Promise<void> {
    return this.run(async () => {
      await this.query(accounts.INSERT_ACCOUNT, accounts.accountValues(account));
    });
  }

  disableAccount(id: string, at: string): Promise<boolean> {
    return this.run(async () => {
      const { rowCount } = await this.query(accounts.DISABLE_ACCOUNT, [at, id]);
      return (rowCount ?? 0) > 0;
    });
  }

  appendInquiry(inquiry: NewInquiry): Promise<Inquiry> {
    return this.run(async () => {
      const [row] = await this.rows<{ seq: number }>(
        accounts.INSERT_INQUIRY,
        accounts.inquiryValues(inquiry),
      );
      if (!row) throw new Error('INSERT … RETURNING gave no row');
      return { seq: row.seq, ...inquiry };
    });
  }

  getWebhook(id: string): Promise<Webhook | null> {
    return this.run(
      async () =>
        (await this.rows<Webhook>(`${webhooks.WEBHOOK_SELECT} WHERE id = $1`, [id]))[0] ?? null,
    );
  }

  listWebhooks(filter: { accountId: string } | { dueBy: string }): Promise<Webhook[]> {
    return this.run(() =>
      'accountId' in filter
        ? this.rows<Webhook>(`${webhooks.WEBHOOK_SELECT} WHERE account_id = $1 ORDER BY id`, [
            filter.accountId,
          ])
        : this.rows<Webhook>(
            `${webhooks.WEBHOOK_SELECT} WHERE disabled_at IS NULL AND next_attempt_at <= $1 ORDER BY id`,
            [filter.dueBy],
          ),
    );
  }

  insertWebhook(webhook: Webhook): Promise<void> {
    return this.run(async () => {
      await this.query(webhooks.INSERT_WEBHOOK, webhooks.insertValues(webhook));
    });
  }

  updateWebhook(webhook: Webhook): Promise<void> {
    return this.run(async () => {
      await this.query(webhooks.UPDATE_WEBHOOK, webhooks.updateValues(webhook));
    });
  }

  getObjection(id: string): Promise<Objection | null> {
    return this.run(
      async () =>
        (await this.rows<Objection>(`${objections.OBJECTION_SELECT} WHERE id = $1`, [id]))[0] ??
        null,
    );
  }

  listObjectionsOf(subjectIds: readonly string[]): Promise<Objection[]> {
    return this.run(() =>
      this.rows<Objection>(
        `${objections.OBJECTION_SELECT} WHERE subject_id = ANY($1::text[]) ORDER BY id COLLATE "C"`,
        [[...new Set(subjectIds)]],
      ),
    );
  }

  findOpenObjections(query: OpenObjectionQuery, limit: number): Promise<Objection[]> {
    return this.run(() =>
      this.rows<Objection>(objections.OPEN_OBJECTIONS, objections.openValues(query, limit)),
    );
  }

  insertObjection(objection: Objection): Promise<void> {
    return this.run(async () => {
      await this.query(objections.INSERT_OBJECTION, objectionValues(objection));
    });
  }

  updateObjection(objection: Objection): Promise<void> {
    return this.run(async () => {
      await this.query(objections.UPDATE_OBJECTION, [...answerValues(objection), objection.id]);
    });
  }

  getRepair(id: string): Promise<RepairApplication | null> {
    return this.run(
      async () =>
        (await this.rows<RepairApplication>(`${repairs.REPAIR_SELECT} WHERE id = $1`, [id]))[0] ??
        null,
    );
  }

  listRepairsOf(subjectIds: readonly string[]): Promise<RepairApplication[]> {
    return this.run(() =>
      this.rows<RepairApplication>(
        `${repairs.REPAIR_SELECT} WHERE subject_id = ANY($1::text[]) ORDER BY id COLLATE "C"`,
        [[...new Set(subjectIds)]],
      ),
    );
  }

  findOpenRepairs(query: OpenRepairQuery, limit: number): Promise<RepairApplication[]> {
    return this.run(() =>
      this.rows<RepairApplication>(repairs.OPEN_REPAIRS, repairs.openValues(query, limit)),
    );
  }

  insertRepair(repair: RepairApplication): Promise<void> {
    return this.run(async () => {
      await this.query(repairs.INSERT_REPAIR, repairValues(repair));
    });
  }

  updateRepair(repair: RepairApplication): Promise<void> {
    return this.run(async () => {
      await this.query(repairs.UPDATE_REPAIR, [...repairStepValues(repair), repair.id]);
    });
  }

  appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    return this.run(async () => {
      // held to commit: a concurrent appender waits, then reads the entry this one adds
      await this.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
      const [last] = await this.rows<{ seq: number; hash: string }>(AUDIT_HEAD);
      const seq = (last?.seq ?? 0) + 1;
      const prevHash = last?.hash ?? GENESIS_HASH;
      const stored = normaliseAudit(entry);
      const hash = chainHash(prevHash, seq, stored);
      await this.query(
        `INSERT INTO audit_log (seq, at, actor, action, subject_ids, payload, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        auditValues(seq, stored, prevHash, hash),
      );
      return { seq, ...stored, prevHash, hash };
    });
  }

  insertListEntry(entry: ListEntry): Promise<void> {
    return this.run(async () => {
      await this.query(INSERT_ENTRY, listEntryValues(entry));
    });
  }

  updateListEntry(entry: ListEntry): Promise<void> {
    return this.run(async () => {
      const { rowCount } = await this.query(UPDATE_ENTRY, listEntryValues(entry));
      if (rowCount === 0) throw entryNotFound(entry);
    });
  }

  appendTransition(transition: NewListTransition): Promise<ListTransition> {
    return this.run(async () => {
      // held to commit: a concurrent appender waits, then reads the seq this one adds,
      // so seqs follow commit order and a rolled-back seq is taken by the next commit
      await this.query('SELECT pg_advisory_xact_lock($1)', [FEED_LOCK]);
      const [last] = await this.rows<{ seq: number }>(
        'SELECT seq FROM list_transitions ORDER BY seq DESC LIMIT 1',
      );
      const seq = (last?.seq ?? 0) + 1;
      const [stored] = await this.rows<ListTransition>(
        INSERT_TRANSITION,
        transitionValues({ ...transition, seq }),
      );
      return stored!;
    });
  }
}
