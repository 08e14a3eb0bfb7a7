-- Accounts (SPEC 1, 4.2) and the inquiry log (SPEC 4.8).

-- reference table under Citus; the API key's secret is stored as its sha256 only
CREATE TABLE accounts (
  id text PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL,
  authority_id text REFERENCES authorities (id),
  subject_id text REFERENCES subjects (id),
  key_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  disabled_at timestamptz
);

-- distribution column: subject_id; every read of a subject's restricted data
CREATE TABLE inquiries (
  seq bigserial,
  subject_id text NOT NULL REFERENCES subjects (id),
  account_id text NOT NULL,
  account_name text NOT NULL,
  authority_id text,
  purpose text NOT NULL,
  at timestamptz NOT NULL,
  read jsonb NOT NULL,
  PRIMARY KEY (seq)
);
CREATE INDEX inquiries_subject ON inquiries (subject_id, seq);
