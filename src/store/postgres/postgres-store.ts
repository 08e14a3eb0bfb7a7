import pg from 'pg';
import type { Pool, QueryResultRow } from 'pg';
import { ReadsDelegate } from '../reads-delegate.js';
import type { SubjectIdKeyCache } from '../subject-rekey.js';
import type { PublicViewStore, Store, StoreTx } from '../store.js';
import { migratePostgres } from './postgres-migrate.js';
import { PG_TYPES } from './postgres-rows.js';
import { inTransaction } from './postgres-transaction.js';
import { asOutage } from './postgres-outage.js';
import { runTool } from './postgres-tools.js';
import { PostgresTx } from './postgres-tx.js';
import type { TxState } from './postgres-tx.js';
import * as views from './postgres-views.js';
import * as jobs from './postgres-jobs.js';
import type { Job, JobReportRow, JobStore } from '../job-store.js';

/** The server store: a pool of connections; each transaction holds one client from BEGIN to COMMIT. */
export class PostgresStore extends ReadsDelegate implements Store {
  readonly label: string;

  private constructor(
    private readonly pool: Pool,
    private readonly url: string,
    private readonly idKey: SubjectIdKeyCache = { key: null },
  ) {
    super(new PostgresTx(pool, null, idKey));
    this.label = `postgres:${redact(url)}`;
  }

  /** Connects, checking the server answers; call `migrate()` before use. */
  static async connect(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
    const { connectTimeoutMs, statementTimeoutMs, probe = true } = options;
    const pool = new pg.Pool({
      connectionString: url,
      types: PG_TYPES,
      // an outage is answered in this time, not after the system's TCP timeout
      ...(connectTimeoutMs ? { connectionTimeoutMillis: connectTimeoutMs } : {}),
      // the server's limit, and the client's own for a server that does not answer at all
      ...(statementTimeoutMs
        ? { statement_timeout: statementTimeoutMs, query_timeout: statementTimeoutMs + 1000 }
        : {}),
    });
    // an idle client that loses its connection is dropped by the pool; the next query reports it
    pool.on('error', () => undefined);
    try {
      if (probe) await pool.query('SELECT 1');
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStore(pool, url);
  }

  readPublicView: PublicViewStore['readPublicView'] = (key, stamp) =>
    outages(views.readPublicView(this.pool, key, stamp));
  scanViewless: PublicViewStore['scanViewless'] = (stamp, afterId, limit) =>
    outages(views.scanViewless(this.pool, stamp, afterId, limit));
  hasViewPass: PublicViewStore['hasViewPass'] = (stamp) =>
    outages(views.hasViewPass(this.pool, stamp));
  recordViewPass: PublicViewStore['recordViewPass'] = (stamp, at) =>
    outages(views.recordViewPass(this.pool, stamp, at));
  renderPublicViews: PublicViewStore['renderPublicViews'] = (keys, stamp, render) =>
    outages(views.renderPublicViews(this.pool, keys, stamp, render));

  private async rows<R extends QueryResultRow>(sql: string, values: unknown[]): Promise<R[]> {
    return outages(this.pool.query<R>(sql, values)).then((r) => r.rows);
  }

  insertJob: JobStore['insertJob'] = (job, input) =>
    inTransaction(this.pool, async (client) => {
      await client.query(jobs.INSERT_JOB, [
        job.id,
        job.kind,
        job.accountId,
        job.state,
        job.params,
        job.progress,
        job.summary,
        job.error,
        job.attempts,
        job.createdAt,
        job.startedAt,
        job.finishedAt,
        job.leaseOwner,
        job.leaseUntil,
      ]);
      if (input) await client.query(jobs.INSERT_INPUT, [job.id, input]);
    });
  getJob: JobStore['getJob'] = async (id) => (await this.rows<Job>(jobs.GET_JOB, [id]))[0] ?? null;
  jobInput: JobStore['jobInput'] = async (id) =>
    (await this.rows<{ body: Buffer }>(jobs.JOB_INPUT, [id]))[0]?.body ?? null;
  claimJob: JobStore['claimJob'] = async (kinds, owner, now, leaseMs) =>
    (
      await this.rows<Job>(jobs.CLAIM_JOB, [
        [...kinds],
        owner,
        now,
        leaseMs,
        new Date(now).toISOString(),
      ])
    )[0] ?? null;
  renewJobLease: JobStore['renewJobLease'] = async (id, owner, until) =>
    (await outages(this.pool.query(jobs.RENEW_LEASE, [id, owner, until]))).rowCount === 1;
  finishJob: JobStore['finishJob'] = (id, owner, end) =>
    inTransaction(this.pool, async (client) => {
      const { rowCount } = await client.query(jobs.FINISH_JOB, [
        id,
        owner,
        end.state,
        end.summary,
        end.error,
        end.at,
      ]);
      if (rowCount === 1) await client.query(jobs.DROP_INPUT, [id]);
      return rowCount === 1;
    });
  jobReport: JobStore['jobReport'] = (id) => this.rows<JobReportRow>(jobs.JOB_REPORT, [id]);
  takeLease: JobStore['takeLease'] = async (name, owner, now, until) =>
    (await this.rows(jobs.TAKE_LEASE, [name, owner, until, now])).length === 1;
  releaseLease: JobStore['releaseLease'] = async (name, owner) => {
    await this.rows(jobs.RELEASE_LEASE, [name, owner]);
  };
  addToCounter: JobStore['addToCounter'] = async (key, events, now, windowMs) =>
    (
      await this.rows<{ count: number; endsAt: number }>(jobs.ADD_TO_COUNTER, [
        key,
        events,
        now,
        windowMs,
      ])
    )[0]!;
  subtractFromCounter: JobStore['subtractFromCounter'] = async (key, events, endsAt) => {
    await this.rows(jobs.SUBTRACT_FROM_COUNTER, [key, events, endsAt]);
  };
  readCounter: JobStore['readCounter'] = async (key, now) =>
    (await this.rows<{ count: number; endsAt: number }>(jobs.READ_COUNTER, [key, now]))[0] ?? null;
  sweepCounters: JobStore['sweepCounters'] = async (now) => {
    await this.rows(jobs.SWEEP_COUNTERS, [now]);
  };

  // the server's disk is its own to watch: a read that answers is ready
  async ready(): Promise<void> {
    await this.getSubject('sub_readiness_probe');
  }

  /** the primary's WAL position now: a write committed before this call lies at or before it */
  async walPosition(): Promise<bigint> {
    const { rows } = await outages(
      this.pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn'),
    );
    return lsnValue(rows[0]!.lsn);
  }

  /** a standby's last replayed WAL position (what its reads see); null on a server that is no standby */
  async replayPosition(): Promise<bigint | null> {
    const { rows } = await outages(
      this.pool.query<{ lsn: string | null }>('SELECT pg_last_wal_replay_lsn()::text AS lsn'),
    );
    return rows[0]?.lsn ? lsnValue(rows[0].lsn) : null;
  }

  async migrate(): Promise<void> {
    await migratePostgres(this.pool);
    // a migration may have drawn the key: read it once now, for every write after
    this.idKey.key = null;
    await this.subjectIdKey();
  }

  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      const state: TxState = { open: true, failure: null };
      try {
        const result = await fn(new PostgresTx(client, state, this.idKey));
        // COMMIT after an error would quietly roll back: report the error instead
        if (state.failure) throw state.failure;
        return result;
      } finally {
        // closed first, so a statement of an operation still running cannot follow COMMIT
        state.open = false;
      }
    });
  }

  // pg_dump reads one snapshot (a repeatable-read transaction) while writers go on
  async backup(destination: string): Promise<void> {
    await runTool('pg_dump', ['--format=custom', `--file=${destination}`, `--dbname=${this.url}`]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Limits of the server store's connections (issue 17: outages answer in time). */
export interface PostgresOptions {
  /** how long a new connection may take before the store counts as unavailable */
  connectTimeoutMs?: number;
  /** how long one statement may run (server-side, and client-side for a hung server) */
  statementTimeoutMs?: number;
  /** whether connecting first checks the server answers (default); a standby may be down at start */
  probe?: boolean;
}

/** A pg_lsn's text (`16/B374D848`) as a number that orders as the log does. */
export const lsnValue = (text: string): bigint => {
  const [high = '0', low = '0'] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
};

const outages = <T>(work: Promise<T>): Promise<T> =>
  work.catch((error: unknown) => {
    throw asOutage(error);
  });

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}
