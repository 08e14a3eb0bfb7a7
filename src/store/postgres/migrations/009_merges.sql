-- Merges of duplicate subjects (SPEC 4.1): the duplicate's row stays, marked with the subject it
-- was merged into (no foreign key: Citus cannot enforce one outside the distribution column);
-- each merge keeps exactly what moved (row keys by table), so that an undo moves back exactly
-- that. Distribution column: subject_id (the subject kept). Under Citus a merge cannot update
-- the distribution column of the rows it moves: it would delete and insert them instead.
ALTER TABLE subjects ADD COLUMN merged_into text;

CREATE TABLE subject_merges (
  id text PRIMARY KEY,
  subject_id text NOT NULL REFERENCES subjects (id),
  duplicate_id text NOT NULL REFERENCES subjects (id),
  reason text NOT NULL,
  merged_at timestamptz NOT NULL,
  merged_by text NOT NULL,
  moved jsonb NOT NULL,
  undone_at timestamptz,
  undone_by text,
  undo_reason text,
  followers jsonb
);
CREATE INDEX subject_merges_subject ON subject_merges (subject_id);
CREATE INDEX subject_merges_duplicate ON subject_merges (duplicate_id);
