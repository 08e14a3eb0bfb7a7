-- Work a request starts and does not wait for (imports), kept in the store so that a restart
-- or another process sees it (issue 21). A worker claims a job with a lease it renews while it
-- runs (lease_until, ms since the epoch); a lease that runs out (its process died) lets another
-- worker claim the job and resume it from the progress its last committed batch saved.
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  account_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'finished', 'failed')),
  params TEXT NOT NULL,
  progress TEXT NOT NULL,
  summary TEXT,
  error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  lease_owner TEXT,
  lease_until INTEGER
);
CREATE INDEX jobs_open ON jobs (state, created_at) WHERE state IN ('queued', 'running');
-- the uploaded file, until its job has finished: any worker can resume from it
CREATE TABLE job_inputs (
  job_id TEXT PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
  body BLOB NOT NULL
);
-- the error report: saved with the batch it belongs to, so a resumed job's report is whole
CREATE TABLE job_report_rows (
  job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  line INTEGER NOT NULL,
  n INTEGER NOT NULL,
  field TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (job_id, line, n)
);
-- work one process of many does at a time (the views loop, webhook delivery): held until `until`
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  until INTEGER NOT NULL
);
-- request counters every server process shares (rate limits under `serve --workers`)
CREATE TABLE rate_counters (
  key TEXT PRIMARY KEY,
  ends_at INTEGER NOT NULL,
  count INTEGER NOT NULL
);
