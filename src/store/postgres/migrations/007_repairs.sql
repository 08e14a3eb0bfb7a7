-- Credit repair applications (SPEC 4.7); distribution column subject_id. due_by is the
-- deadline of the step in progress (the platform's answer, then the authority's decision).
CREATE TABLE repairs (
  id text PRIMARY KEY,
  subject_id text NOT NULL REFERENCES subjects (id),
  item text NOT NULL,
  item_id text NOT NULL,
  item_type text NOT NULL,
  authority_id text NOT NULL,
  rule text NOT NULL,
  obligations jsonb NOT NULL,
  commitment text NOT NULL,
  filed_by text NOT NULL,
  filed_on date NOT NULL,
  answer_by date NOT NULL,
  state text NOT NULL,
  forwarded_on date,
  decide_by date,
  decided_on date,
  decided_by text,
  reasons text,
  outcome_ref text,
  commitment_ref text,
  due_by date NOT NULL
);
CREATE INDEX repairs_subject ON repairs (subject_id, id);
CREATE INDEX repairs_open ON repairs (state, due_by);
