-- Lists (SPEC 4.4): the current state of each entry, and its transitions, which are the change feed.
-- Both tables carry subject_id, the Citus distribution column of the PostgreSQL schema.

-- the current state, kept for indexed lookups; the history is in list_transitions.
-- authority_id has no foreign key: automatic lists and sweeps act as `system`
CREATE TABLE list_entries (
  id TEXT PRIMARY KEY,
  subject_id TEXT NOT NULL REFERENCES subjects (id),
  list_type TEXT NOT NULL,
  state TEXT NOT NULL,
  authority_id TEXT NOT NULL,
  record_ids TEXT NOT NULL,
  circumstance TEXT,
  proposed_on TEXT NOT NULL,
  notice_ends TEXT,
  notice_waived INTEGER NOT NULL,
  effective_from TEXT,
  ends_on TEXT,
  removed_on TEXT,
  removal TEXT,
  last_seq INTEGER NOT NULL
);
CREATE INDEX list_entries_subject ON list_entries (subject_id);
CREATE INDEX list_entries_type_state ON list_entries (list_type, state);
CREATE INDEX list_entries_state_ends ON list_entries (state, ends_on);

-- append-only change feed; seq is assigned by the store under the write lock: gap-free, in commit order.
-- the entry key is deferred: a service appends the transition first, then writes the entry with its seq
CREATE TABLE list_transitions (
  seq INTEGER PRIMARY KEY,
  entry_id TEXT NOT NULL REFERENCES list_entries (id) DEFERRABLE INITIALLY DEFERRED,
  subject_id TEXT NOT NULL,
  list_type TEXT NOT NULL,
  kind TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  effective_date TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT NOT NULL,
  record_ids TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX list_transitions_entry ON list_transitions (entry_id, seq);
CREATE INDEX list_transitions_subject ON list_transitions (subject_id);

-- candidate evaluation scans versions of a few record types in id order, one index range per type
CREATE INDEX record_versions_type ON record_versions (type, id);
