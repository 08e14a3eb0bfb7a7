-- Lists (SPEC 4.4): the current state of each entry, and its transitions, which are the change feed.

-- distribution column: subject_id; the current state, kept for indexed lookups (history: list_transitions).
-- authority_id has no foreign key: automatic lists and sweeps act as `system`.
-- under Citus the primary key widens to (subject_id, id), and updates name subject_id to reach one shard
CREATE TABLE list_entries (
  id text PRIMARY KEY,
  subject_id text NOT NULL REFERENCES subjects (id),
  list_type text NOT NULL,
  state text NOT NULL,
  authority_id text NOT NULL,
  record_ids jsonb NOT NULL,
  circumstance text,
  proposed_on date NOT NULL,
  notice_ends date,
  notice_waived boolean NOT NULL,
  effective_from date,
  ends_on date,
  removed_on date,
  removal text,
  last_seq bigint NOT NULL
);
CREATE INDEX list_entries_subject ON list_entries (subject_id);
CREATE INDEX list_entries_type_state ON list_entries (list_type, state);
CREATE INDEX list_entries_state_ends ON list_entries (state, ends_on);

-- distribution column: subject_id; the append-only change feed. seq is assigned by the store under
-- an advisory lock held to commit: gap-free, duplicate-free, in commit order. Under Citus the key
-- widens to (subject_id, seq) and the feed reads merge the shards by seq.
-- the entry key is deferred: a service appends the transition first, then writes the entry with its seq
CREATE TABLE list_transitions (
  seq bigint PRIMARY KEY,
  entry_id text NOT NULL REFERENCES list_entries (id) DEFERRABLE INITIALLY DEFERRED,
  subject_id text NOT NULL,
  list_type text NOT NULL,
  kind text NOT NULL,
  from_state text,
  to_state text NOT NULL,
  effective_date date NOT NULL,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  reason text NOT NULL,
  record_ids jsonb NOT NULL,
  data jsonb NOT NULL
);
CREATE INDEX list_transitions_entry ON list_transitions (entry_id, seq);
CREATE INDEX list_transitions_subject ON list_transitions (subject_id);

-- candidate evaluation scans versions of a few record types in id order, one index range per type
CREATE INDEX record_versions_type ON record_versions (type, id);
