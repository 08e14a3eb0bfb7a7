-- Credence schema for SQLite: dates are 'YYYY-MM-DD' text, instants ISO 8601 text with Z, JSON is text.
-- Every subject-owned table carries subject_id, the Citus distribution column of the PostgreSQL schema.

-- keyed by its text id itself (no rowid): a lookup by id is one B-tree descent
CREATE TABLE subjects (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  region TEXT,
  created_at TEXT NOT NULL
) WITHOUT ROWID;

-- the primary key (subject_id, position) doubles as the index on subject_id
CREATE TABLE subject_identifiers (
  subject_id TEXT NOT NULL REFERENCES subjects (id),
  position INTEGER NOT NULL,
  scheme TEXT NOT NULL,
  value TEXT NOT NULL,
  valid_from TEXT,
  valid_to TEXT,
  PRIMARY KEY (subject_id, position),
  CONSTRAINT subject_identifiers_scheme_value_key UNIQUE (scheme, value)
) WITHOUT ROWID;

CREATE TABLE subject_names (
  subject_id TEXT NOT NULL REFERENCES subjects (id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  lang TEXT NOT NULL,
  script TEXT NOT NULL,
  current INTEGER NOT NULL,
  PRIMARY KEY (subject_id, position)
) WITHOUT ROWID;

-- id keeps relations in the order they were added
CREATE TABLE subject_relations (
  id INTEGER PRIMARY KEY,
  subject_id TEXT NOT NULL REFERENCES subjects (id),
  kind TEXT NOT NULL,
  other_id TEXT NOT NULL,
  valid_from TEXT,
  valid_to TEXT
);
CREATE INDEX subject_relations_subject ON subject_relations (subject_id);
CREATE INDEX subject_relations_other ON subject_relations (other_id);

-- domains and regions are JSON arrays of strings
CREATE TABLE authorities (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_en TEXT,
  domains TEXT NOT NULL,
  regions TEXT NOT NULL
);

-- immutable: a correction or revocation is a new version
CREATE TABLE record_versions (
  id TEXT PRIMARY KEY,
  record_id TEXT NOT NULL,
  subject_id TEXT NOT NULL REFERENCES subjects (id),
  version INTEGER NOT NULL,
  supersedes TEXT,
  action TEXT NOT NULL,
  reason TEXT,
  type TEXT NOT NULL,
  authority_id TEXT NOT NULL REFERENCES authorities (id),
  legal_basis TEXT NOT NULL,
  document_number TEXT,
  decision_date TEXT NOT NULL,
  effective_date TEXT,
  end_date TEXT,
  facts TEXT,
  severity TEXT,
  disclosure TEXT NOT NULL,
  fields TEXT NOT NULL,
  amounts TEXT NOT NULL,
  source_ref TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  CONSTRAINT record_versions_source_version_key UNIQUE (authority_id, source_ref, version)
);
CREATE INDEX record_versions_subject ON record_versions (subject_id);
CREATE INDEX record_versions_record ON record_versions (record_id);

-- append-only hash chain; seq is assigned by the store, never reused
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject_ids TEXT NOT NULL,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
