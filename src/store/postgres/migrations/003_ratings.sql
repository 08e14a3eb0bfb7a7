-- Ratings (SPEC 4.6): runs of a model as of a date, and every result, kept as history.

-- reference table under Citus: one row per run, read with every comparison
CREATE TABLE rating_runs (
  id text PRIMARY KEY,
  model_id text NOT NULL,
  model_version text NOT NULL,
  as_of date NOT NULL,
  draft boolean NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  started_by text NOT NULL,
  rated integer NOT NULL,
  grades jsonb NOT NULL
);

-- distribution column: subject_id; run_id is null for a re-rating after a record change.
-- under Citus the primary key widens to (subject_id, id). subject_id sorts bytewise whatever
-- the database's collation, so that a comparison can merge two runs in the order JS compares
CREATE TABLE ratings (
  id text PRIMARY KEY,
  run_id text REFERENCES rating_runs (id),
  subject_id text COLLATE "C" NOT NULL REFERENCES subjects (id),
  model_id text NOT NULL,
  model_version text NOT NULL,
  as_of date NOT NULL,
  period_end date,
  published boolean NOT NULL,
  score double precision,
  grade text NOT NULL,
  rated_at timestamptz NOT NULL,
  -- json, not jsonb: a result is written once and read whole, and its text form costs less to write
  result json NOT NULL
);
-- a subject's ratings, and a run's look back to the subject's latest one of an earlier period
CREATE INDEX ratings_subject ON ratings (subject_id, model_id, period_end);
CREATE INDEX ratings_run ON ratings (run_id, subject_id);
