-- Credence schema for PostgreSQL.
-- Scale-out (Citus): every subject-owned table carries subject_id as its distribution column
-- (subjects distributes on id) and joins only on it; authorities becomes a reference table.
-- Citus needs unique keys to include the distribution column, so the global keys below
-- (identifier -> subject, source reference -> version, version id) would move to lookup tables
-- distributed on their own key, or widen to include subject_id.

CREATE TABLE subjects (
  id text PRIMARY KEY,
  kind text NOT NULL,
  region text,
  created_at timestamptz NOT NULL
);

-- distribution column: subject_id; the primary key doubles as the index on subject_id
CREATE TABLE subject_identifiers (
  subject_id text NOT NULL REFERENCES subjects (id),
  position integer NOT NULL,
  scheme text NOT NULL,
  value text NOT NULL,
  valid_from date,
  valid_to date,
  PRIMARY KEY (subject_id, position),
  CONSTRAINT subject_identifiers_scheme_value_key UNIQUE (scheme, value)
);

-- distribution column: subject_id
CREATE TABLE subject_names (
  subject_id text NOT NULL REFERENCES subjects (id),
  position integer NOT NULL,
  name text NOT NULL,
  lang text NOT NULL,
  script text NOT NULL,
  current boolean NOT NULL,
  PRIMARY KEY (subject_id, position)
);

-- distribution column: subject_id; id keeps relations in the order they were added.
-- other_id has no foreign key: Citus cannot enforce one outside the distribution column
CREATE TABLE subject_relations (
  subject_id text NOT NULL REFERENCES subjects (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  kind text NOT NULL,
  other_id text NOT NULL,
  valid_from date,
  valid_to date,
  PRIMARY KEY (subject_id, id)
);
CREATE INDEX subject_relations_other ON subject_relations (other_id);

-- reference table under Citus; domains and regions are JSON arrays of strings
CREATE TABLE authorities (
  id text PRIMARY KEY,
  name text NOT NULL,
  name_en text,
  domains jsonb NOT NULL,
  regions jsonb NOT NULL
);

-- distribution column: subject_id; immutable: a correction or revocation is a new version
CREATE TABLE record_versions (
  id text PRIMARY KEY,
  record_id text NOT NULL,
  subject_id text NOT NULL REFERENCES subjects (id),
  version integer NOT NULL,
  supersedes text,
  action text NOT NULL,
  reason text,
  type text NOT NULL,
  authority_id text NOT NULL REFERENCES authorities (id),
  legal_basis text NOT NULL,
  document_number text,
  decision_date date NOT NULL,
  effective_date date,
  end_date date,
  facts text,
  severity text,
  disclosure text NOT NULL,
  fields jsonb NOT NULL,
  amounts jsonb NOT NULL,
  source_ref text NOT NULL,
  content_hash text NOT NULL,
  recorded_at timestamptz NOT NULL,
  recorded_by text NOT NULL,
  CONSTRAINT record_versions_source_version_key UNIQUE (authority_id, source_ref, version)
);
CREATE INDEX record_versions_subject ON record_versions (subject_id);
CREATE INDEX record_versions_record ON record_versions (record_id);

-- append-only hash chain, not distributed (one chain); seq is assigned by the store
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  subject_ids jsonb NOT NULL,
  payload jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
