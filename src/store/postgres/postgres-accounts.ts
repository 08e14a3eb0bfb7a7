/** Accounts and the inquiry log on PostgreSQL: statements and parameters. */
import type { Account } from '../../domain/account.js';
import type { NewInquiry } from '../../domain/inquiry.js';

export const ACCOUNT_SELECT = `SELECT id, name, role, authority_id AS "authorityId",
  subject_id AS "subjectId", key_hash AS "keyHash", created_at AS "createdAt",
  disabled_at AS "disabledAt" FROM accounts`;
export const INQUIRY_SELECT = `SELECT seq, subject_id AS "subjectId", account_id AS "accountId",
  account_name AS "accountName", authority_id AS "authorityId", purpose, at, read, consent FROM inquiries`;

export const INSERT_ACCOUNT = `INSERT INTO accounts
  (id, name, role, authority_id, subject_id, key_hash, created_at, disabled_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
export const accountValues = (a: Account): unknown[] => [
  a.id,
  a.name,
  a.role,
  a.authorityId,
  a.subjectId,
  a.keyHash,
  a.createdAt,
  a.disabledAt,
];

export const DISABLE_ACCOUNT =
  'UPDATE accounts SET disabled_at = coalesce(disabled_at, $1) WHERE id = $2';

export const INSERT_INQUIRY = `INSERT INTO inquiries
  (subject_id, account_id, account_name, authority_id, purpose, at, read, consent)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING seq`;
export const inquiryValues = (q: NewInquiry): unknown[] => [
  q.subjectId,
  q.accountId,
  q.accountName,
  q.authorityId,
  q.purpose,
  q.at,
  JSON.stringify(q.read),
  q.consent ? JSON.stringify(q.consent) : null,
];
