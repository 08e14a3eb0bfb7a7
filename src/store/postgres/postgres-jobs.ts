/** Jobs, leases and shared counters on PostgreSQL (issue 21). */

export const JOB_SELECT = `id, kind, account_id AS "accountId", state, params, progress, summary,
  error, attempts, created_at AS "createdAt", started_at AS "startedAt",
  finished_at AS "finishedAt", lease_owner AS "leaseOwner", lease_until AS "leaseUntil"`;

export const INSERT_JOB = `INSERT INTO jobs (id, kind, account_id, state, params, progress,
  summary, error, attempts, created_at, started_at, finished_at, lease_owner, lease_until)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`;

export const INSERT_INPUT = 'INSERT INTO job_inputs (job_id, body) VALUES ($1, $2)';

export const GET_JOB = `SELECT ${JOB_SELECT} FROM jobs WHERE id = $1`;

export const JOB_INPUT = 'SELECT body FROM job_inputs WHERE job_id = $1';

// SKIP LOCKED: a job another claimer has locked is passed over, never waited for nor claimed twice
export const CLAIM_JOB = `UPDATE jobs SET state = 'running', lease_owner = $2, lease_until = $3::bigint + $4::bigint,
    attempts = attempts + 1, started_at = coalesce(started_at, $5)
  WHERE id = (
    SELECT id FROM jobs
    WHERE state IN ('queued', 'running') AND kind = ANY($1::text[])
      AND (state = 'queued' OR lease_until < $3::bigint)
    ORDER BY created_at, id COLLATE "C"
    FOR UPDATE SKIP LOCKED LIMIT 1)
  RETURNING ${JOB_SELECT}`;

export const RENEW_LEASE = `UPDATE jobs SET lease_until = $3
  WHERE id = $1 AND lease_owner = $2 AND state = 'running'`;

export const FINISH_JOB = `UPDATE jobs SET state = $3, summary = $4, error = $5, finished_at = $6,
    lease_owner = NULL, lease_until = NULL
  WHERE id = $1 AND lease_owner = $2 AND state = 'running'`;

export const DROP_INPUT = 'DELETE FROM job_inputs WHERE job_id = $1';

export const CHECKPOINT = `UPDATE jobs SET progress = $3
  WHERE id = $1 AND lease_owner = $2 AND state = 'running'`;

export const INSERT_REPORT = `INSERT INTO job_report_rows (job_id, line, n, field, code, message)
  SELECT $1, * FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[])
  ON CONFLICT DO NOTHING`;

export const JOB_REPORT = `SELECT line, field, code, message FROM job_report_rows
  WHERE job_id = $1 ORDER BY line, n`;

export const TAKE_LEASE = `INSERT INTO leases (name, owner, until) VALUES ($1, $2, $3)
  ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until
  WHERE leases.owner = excluded.owner OR leases.until < $4
  RETURNING owner`;

export const RELEASE_LEASE = 'DELETE FROM leases WHERE name = $1 AND owner = $2';

export const ADD_TO_COUNTER = `INSERT INTO rate_counters (key, ends_at, count) VALUES ($1, $3::bigint + $4::bigint, $2)
  ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN rate_counters.ends_at > $3 THEN rate_counters.count + excluded.count
      ELSE excluded.count END,
    ends_at = CASE WHEN rate_counters.ends_at > $3 THEN rate_counters.ends_at
      ELSE excluded.ends_at END
  RETURNING count, ends_at AS "endsAt"`;

export const SUBTRACT_FROM_COUNTER = `UPDATE rate_counters SET count = GREATEST(count - $2, 0)
  WHERE key = $1 AND ends_at = $3`;

export const READ_COUNTER = `SELECT count, ends_at AS "endsAt" FROM rate_counters
  WHERE key = $1 AND ends_at > $2`;

export const SWEEP_COUNTERS = 'DELETE FROM rate_counters WHERE ends_at <= $1';
