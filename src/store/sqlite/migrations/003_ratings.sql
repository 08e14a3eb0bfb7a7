-- Ratings (SPEC 4.6): runs of a model as of a date, and every result, kept as history.

-- catalog-level, not subject-owned; grades is a JSON object of counts
CREATE TABLE rating_runs (
  id TEXT PRIMARY KEY,
  model_id TEXT NOT NULL,
  model_version TEXT NOT NULL,
  as_of TEXT NOT NULL,
  draft INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  started_by TEXT NOT NULL,
  rated INTEGER NOT NULL,
  grades TEXT NOT NULL
);

-- subject-owned; run_id is null for a re-rating after a record change; result is JSON
CREATE TABLE ratings (
  id TEXT PRIMARY KEY,
  run_id TEXT REFERENCES rating_runs (id),
  subject_id TEXT NOT NULL REFERENCES subjects (id),
  model_id TEXT NOT NULL,
  model_version TEXT NOT NULL,
  as_of TEXT NOT NULL,
  period_end TEXT,
  published INTEGER NOT NULL,
  score REAL,
  grade TEXT NOT NULL,
  rated_at TEXT NOT NULL,
  result TEXT NOT NULL
);
-- a subject's ratings, and a run's look back to the subject's latest one of an earlier period
CREATE INDEX ratings_subject ON ratings (subject_id, model_id, period_end);
CREATE INDEX ratings_run ON ratings (run_id, subject_id);

