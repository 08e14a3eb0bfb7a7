-- Credit repair applications (SPEC 4.7); subject-owned. due_by is the deadline of the step in
-- progress (the platform's answer, then the authority's decision), for the queues.
CREATE TABLE repairs (
  id TEXT PRIMARY KEY,
  subject_id TEXT NOT NULL REFERENCES subjects (id),
  item TEXT NOT NULL,
  item_id TEXT NOT NULL,
  item_type TEXT NOT NULL,
  authority_id TEXT NOT NULL,
  rule TEXT NOT NULL,
  obligations TEXT NOT NULL,
  commitment TEXT NOT NULL,
  filed_by TEXT NOT NULL,
  filed_on TEXT NOT NULL,
  answer_by TEXT NOT NULL,
  state TEXT NOT NULL,
  forwarded_on TEXT,
  decide_by TEXT,
  decided_on TEXT,
  decided_by TEXT,
  reasons TEXT,
  outcome_ref TEXT,
  commitment_ref TEXT,
  due_by TEXT NOT NULL
);
CREATE INDEX repairs_subject ON repairs (subject_id, id);
CREATE INDEX repairs_open ON repairs (state, due_by);
