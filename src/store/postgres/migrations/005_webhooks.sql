-- Webhook subscriptions to the list change feed (SPEC 4.5), with their delivery state.
-- reference table under Citus: few rows, read by the delivery loop
CREATE TABLE webhooks (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  url text NOT NULL,
  secret text NOT NULL,
  cursor bigint NOT NULL,
  created_at timestamptz NOT NULL,
  failures integer NOT NULL,
  next_attempt_at timestamptz NOT NULL,
  last_error text,
  disabled_at timestamptz
);
CREATE INDEX webhooks_account ON webhooks (account_id);
