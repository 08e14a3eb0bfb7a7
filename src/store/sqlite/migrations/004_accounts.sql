-- Accounts (SPEC 1, 4.2) and the inquiry log (SPEC 4.8).

-- one row per account; the API key's secret is stored as its sha256 only
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  authority_id TEXT REFERENCES authorities (id),
  subject_id TEXT REFERENCES subjects (id),
  key_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  disabled_at TEXT
);

-- subject-owned: every read of a subject's restricted data; `read` is JSON
CREATE TABLE inquiries (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  subject_id TEXT NOT NULL REFERENCES subjects (id),
  account_id TEXT NOT NULL,
  account_name TEXT NOT NULL,
  authority_id TEXT,
  purpose TEXT NOT NULL,
  at TEXT NOT NULL,
  read TEXT NOT NULL
);
CREATE INDEX inquiries_subject ON inquiries (subject_id, seq);
