-- Objections against records, list entries and ratings (SPEC 4.7); distribution column subject_id.
CREATE TABLE objections (
  id text PRIMARY KEY,
  subject_id text NOT NULL REFERENCES subjects (id),
  item text NOT NULL,
  item_id text NOT NULL,
  item_type text NOT NULL,
  authority_id text,
  grounds text NOT NULL,
  documents jsonb NOT NULL,
  filed_by text NOT NULL,
  filed_on date NOT NULL,
  rule text NOT NULL,
  answer_by date NOT NULL,
  state text NOT NULL,
  decided_on date,
  decided_by text,
  reasons text,
  outcome_ref text,
  reconsiders text
);
CREATE INDEX objections_subject ON objections (subject_id, id);
CREATE INDEX objections_open ON objections (state, answer_by);
