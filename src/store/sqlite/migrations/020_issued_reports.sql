-- Public credit reports issued (issue 18): the SHA-256 of each verification code and the audit
-- entry that keeps the report's digest, issue date and organisation. The code itself is not
-- kept: what is stored cannot be read back into a code that verifies.
CREATE TABLE issued_reports (
  code_hash TEXT PRIMARY KEY,
  audit_seq INTEGER NOT NULL
);
