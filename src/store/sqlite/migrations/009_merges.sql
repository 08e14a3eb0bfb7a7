-- Merges of duplicate subjects (SPEC 4.1): the duplicate's row stays, marked with the subject it
-- was merged into (no foreign key, as for relations' other_id); each merge keeps exactly what
-- moved (JSON: row keys by table), so that an undo moves back exactly that.
ALTER TABLE subjects ADD COLUMN merged_into TEXT;

CREATE TABLE subject_merges (
  id TEXT PRIMARY KEY,
  subject_id TEXT NOT NULL REFERENCES subjects (id),
  duplicate_id TEXT NOT NULL REFERENCES subjects (id),
  reason TEXT NOT NULL,
  merged_at TEXT NOT NULL,
  merged_by TEXT NOT NULL,
  moved TEXT NOT NULL,
  undone_at TEXT,
  undone_by TEXT,
  undo_reason TEXT,
  followers TEXT
);
CREATE INDEX subject_merges_subject ON subject_merges (subject_id);
CREATE INDEX subject_merges_duplicate ON subject_merges (duplicate_id);
