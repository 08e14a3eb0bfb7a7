-- Webhook subscriptions to the list change feed (SPEC 4.5), with their delivery state.
CREATE TABLE webhooks (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  cursor INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  failures INTEGER NOT NULL,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  disabled_at TEXT
);
CREATE INDEX webhooks_account ON webhooks (account_id);
