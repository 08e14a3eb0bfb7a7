-- Work a request starts and does not wait for (imports), kept in the store so that a restart
-- or another process sees it (issue 21). A worker claims a job with a lease it renews while it
-- runs (lease_until, ms since the epoch); a lease that runs out (its process died) lets another
-- worker claim the job and resume it from the progress its last committed batch saved.
CREATE TABLE jobs (
  id text PRIMARY KEY,
  kind text NOT NULL,
  account_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('queued', 'running', 'finished', 'failed')),
  params jsonb NOT NULL,
  progress jsonb NOT NULL,
  summary jsonb,
  error text,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  lease_owner text,
  lease_until bigint
);
CREATE INDEX jobs_open ON jobs (state, created_at) WHERE state IN ('queued', 'running');
-- the uploaded file, until its job has finished: any worker can resume from it
CREATE TABLE job_inputs (
  job_id text PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
  body bytea NOT NULL
);
-- the error report: saved with the batch it belongs to, so a resumed job's report is whole
CREATE TABLE job_report_rows (
  job_id text NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  line integer NOT NULL,
  n integer NOT NULL,
  field text NOT NULL,
  code text NOT NULL,
  message text NOT NULL,
  PRIMARY KEY (job_id, line, n)
);
-- work one process of many does at a time (the views loop, webhook delivery): held until `until`
CREATE TABLE leases (
  name text PRIMARY KEY,
  owner text NOT NULL,
  until bigint NOT NULL
);
-- request counters every server process shares (rate limits under `serve --workers`); none of
-- these tables is subject-owned: reference or local tables under a distribution
CREATE TABLE rate_counters (
  key text PRIMARY KEY,
  ends_at bigint NOT NULL,
  count bigint NOT NULL
);
