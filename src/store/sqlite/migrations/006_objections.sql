-- Objections against records, list entries and ratings (SPEC 4.7); subject-owned.
CREATE TABLE objections (
  id TEXT PRIMARY KEY,
  subject_id TEXT NOT NULL REFERENCES subjects (id),
  item TEXT NOT NULL,
  item_id TEXT NOT NULL,
  item_type TEXT NOT NULL,
  authority_id TEXT,
  grounds TEXT NOT NULL,
  documents TEXT NOT NULL,
  filed_by TEXT NOT NULL,
  filed_on TEXT NOT NULL,
  rule TEXT NOT NULL,
  answer_by TEXT NOT NULL,
  state TEXT NOT NULL,
  decided_on TEXT,
  decided_by TEXT,
  reasons TEXT,
  outcome_ref TEXT,
  reconsiders TEXT
);
CREATE INDEX objections_subject ON objections (subject_id, id);
CREATE INDEX objections_open ON objections (state, answer_by);
