import {
  leaseLost,
  numberedReport,
  type CounterWindow,
  type Job,
  type JobCheckpoint,
  type JobReportRow,
  type JobStore,
} from '../job-store.js';
import type { StatementCache } from './sqlite-tx.js';

/** Jobs, leases and shared counters on SQLite (issue 21); writers run in a write transaction. */

interface JobRow {
  id: string;
  kind: string;
  account_id: string;
  state: Job['state'];
  params: string;
  progress: string;
  summary: string | null;
  error: string | null;
  attempts: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  lease_owner: string | null;
  lease_until: number | null;
}

const jobOf = (r: JobRow): Job => ({
  id: r.id,
  kind: r.kind,
  accountId: r.account_id,
  state: r.state,
  params: JSON.parse(r.params) as Job['params'],
  progress: JSON.parse(r.progress) as Job['progress'],
  summary: r.summary === null ? null : (JSON.parse(r.summary) as Job['summary']),
  error: r.error,
  attempts: r.attempts,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  leaseOwner: r.lease_owner,
  leaseUntil: r.lease_until,
});

export function insertJob(sql: StatementCache, job: Job, input: Buffer | null): void {
  sql
    .get(
      `INSERT INTO jobs (id, kind, account_id, state, params, progress, summary, error, attempts,
        created_at, started_at, finished_at, lease_owner, lease_until)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      job.id,
      job.kind,
      job.accountId,
      job.state,
      JSON.stringify(job.params),
      JSON.stringify(job.progress),
      job.summary === null ? null : JSON.stringify(job.summary),
      job.error,
      job.attempts,
      job.createdAt,
      job.startedAt,
      job.finishedAt,
      job.leaseOwner,
      job.leaseUntil,
    );
  if (input) sql.get('INSERT INTO job_inputs (job_id, body) VALUES (?, ?)').run(job.id, input);
}

export function getJob(sql: StatementCache, id: string): Job | null {
  const row = sql.get('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
  return row ? jobOf(row) : null;
}

export function jobInput(sql: StatementCache, id: string): Buffer | null {
  const row = sql.get('SELECT body FROM job_inputs WHERE job_id = ?').get(id) as
    { body: Buffer } | undefined;
  return row?.body ?? null;
}

/** in a write transaction: no other process can claim between the read and the update */
export function claimJob(
  sql: StatementCache,
  kinds: readonly string[],
  owner: string,
  now: number,
  leaseMs: number,
  at: string,
): Job | null {
  const open = sql
    .get(
      `SELECT * FROM jobs WHERE state IN ('queued', 'running')
      ORDER BY created_at, id`,
    )
    .all() as JobRow[];
  const free = open.find(
    (r) => kinds.includes(r.kind) && (r.state === 'queued' || (r.lease_until ?? 0) < now),
  );
  if (!free) return null;
  sql
    .get(
      `UPDATE jobs SET state = 'running', lease_owner = ?, lease_until = ?, attempts = attempts + 1,
        started_at = coalesce(started_at, ?) WHERE id = ?`,
    )
    .run(owner, now + leaseMs, at, free.id);
  return getJob(sql, free.id);
}

export function renewJobLease(sql: StatementCache, id: string, owner: string, until: number) {
  return (
    sql
      .get(`UPDATE jobs SET lease_until = ? WHERE id = ? AND lease_owner = ? AND state = 'running'`)
      .run(until, id, owner).changes > 0
  );
}

export function finishJob(
  sql: StatementCache,
  id: string,
  owner: string,
  end: Parameters<JobStore['finishJob']>[2],
): boolean {
  const changed = sql
    .get(
      `UPDATE jobs SET state = ?, summary = ?, error = ?, finished_at = ?, lease_owner = NULL,
        lease_until = NULL WHERE id = ? AND lease_owner = ? AND state = 'running'`,
    )
    .run(
      end.state,
      end.summary === null ? null : JSON.stringify(end.summary),
      end.error,
      end.at,
      id,
      owner,
    ).changes;
  if (changed > 0) sql.get('DELETE FROM job_inputs WHERE job_id = ?').run(id);
  return changed > 0;
}

export function checkpointJob(sql: StatementCache, c: JobCheckpoint): void {
  const held = sql
    .get(`UPDATE jobs SET progress = ? WHERE id = ? AND lease_owner = ? AND state = 'running'`)
    .run(JSON.stringify(c.progress), c.id, c.owner).changes;
  if (held === 0) throw leaseLost(c.id);
  const insert = sql.get(
    `INSERT OR IGNORE INTO job_report_rows (job_id, line, n, field, code, message)
    VALUES (?, ?, ?, ?, ?, ?)`,
  );
  for (const r of numberedReport(c.report))
    insert.run(c.id, r.line, r.n, r.field, r.code, r.message);
}

export function jobReport(sql: StatementCache, id: string): JobReportRow[] {
  return sql
    .get('SELECT line, field, code, message FROM job_report_rows WHERE job_id = ? ORDER BY line, n')
    .all(id) as JobReportRow[];
}

export function takeLease(
  sql: StatementCache,
  name: string,
  owner: string,
  now: number,
  until: number,
): boolean {
  const row = sql
    .get(
      `INSERT INTO leases (name, owner, until) VALUES (?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until
      WHERE leases.owner = excluded.owner OR leases.until < ?
      RETURNING owner`,
    )
    .get(name, owner, until, now);
  return row !== undefined;
}

export function releaseLease(sql: StatementCache, name: string, owner: string): void {
  sql.get('DELETE FROM leases WHERE name = ? AND owner = ?').run(name, owner);
}

export function addToCounter(
  sql: StatementCache,
  key: string,
  events: number,
  now: number,
  windowMs: number,
): CounterWindow {
  return sql
    .get(
      `INSERT INTO rate_counters (key, ends_at, count) VALUES (?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN rate_counters.ends_at > ? THEN rate_counters.count + excluded.count ELSE excluded.count END,
        ends_at = CASE WHEN rate_counters.ends_at > ? THEN rate_counters.ends_at ELSE excluded.ends_at END
      RETURNING count, ends_at AS endsAt`,
    )
    .get(key, now + windowMs, events, now, now) as CounterWindow;
}

export function subtractFromCounter(
  sql: StatementCache,
  key: string,
  events: number,
  endsAt: number,
): void {
  sql
    .get('UPDATE rate_counters SET count = MAX(count - ?, 0) WHERE key = ? AND ends_at = ?')
    .run(events, key, endsAt);
}

export function readCounter(sql: StatementCache, key: string, now: number): CounterWindow | null {
  const row = sql
    .get('SELECT count, ends_at AS endsAt FROM rate_counters WHERE key = ? AND ends_at > ?')
    .get(key, now) as CounterWindow | undefined;
  return row ?? null;
}

export function sweepCounters(sql: StatementCache, now: number): void {
  sql.get('DELETE FROM rate_counters WHERE ends_at <= ?').run(now);
}
