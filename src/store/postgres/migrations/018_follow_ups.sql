-- What a write owes after its commit (automatic lists, re-rating), recorded in the write's own
-- transaction and deleted in the transaction that finishes it: a crash in between leaves the
-- row here, and a retry, a sweep or the next start runs it (issue 17). Distribution column:
-- subject_id.
CREATE TABLE pending_follow_ups (
  id text PRIMARY KEY,
  subject_id text NOT NULL,
  record_type text,
  created_at timestamptz NOT NULL
);
CREATE INDEX pending_follow_ups_subject ON pending_follow_ups (subject_id);
