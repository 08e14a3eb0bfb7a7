import type { Account } from '../../domain/account.js';
import type { Inquiry, NewInquiry } from '../../domain/inquiry.js';
import type { StatementCache } from './sqlite-tx.js';

/** Accounts and the inquiry log on SQLite. */

const ACCOUNT_SELECT = `SELECT id, name, role, authority_id AS authorityId, subject_id AS subjectId,
  key_hash AS keyHash, created_at AS createdAt, disabled_at AS disabledAt FROM accounts`;
const INQUIRY_SELECT = `SELECT seq, subject_id AS subjectId, account_id AS accountId,
  account_name AS accountName, authority_id AS authorityId, purpose, at, read, consent FROM inquiries`;

type InquiryRow = Omit<Inquiry, 'read' | 'consent'> & { read: string; consent: string | null };
const toInquiry = (r: InquiryRow): Inquiry => ({
  ...r,
  read: JSON.parse(r.read) as Inquiry['read'],
  consent: r.consent === null ? null : (JSON.parse(r.consent) as Inquiry['consent']),
});

export function getAccount(sql: StatementCache, id: string): Account | null {
  return (sql.get(`${ACCOUNT_SELECT} WHERE id = ?`).get(id) as Account | undefined) ?? null;
}

export function listAccounts(sql: StatementCache, afterId: string, limit: number): Account[] {
  return sql
    .get(`${ACCOUNT_SELECT} WHERE id > ? ORDER BY id LIMIT ?`)
    .all(afterId, limit) as Account[];
}

export function insertAccount(sql: StatementCache, a: Account): void {
  sql
    .get(
      `INSERT INTO accounts (id, name, role, authority_id, subject_id, key_hash, created_at, disabled_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(a.id, a.name, a.role, a.authorityId, a.subjectId, a.keyHash, a.createdAt, a.disabledAt);
}

export function disableAccount(sql: StatementCache, id: string, at: string): boolean {
  const { changes } = sql
    .get('UPDATE accounts SET disabled_at = coalesce(disabled_at, ?) WHERE id = ?')
    .run(at, id);
  return changes > 0;
}

export function appendInquiry(sql: StatementCache, q: NewInquiry): Inquiry {
  const { lastInsertRowid } = sql
    .get(
      `INSERT INTO inquiries
         (subject_id, account_id, account_name, authority_id, purpose, at, read, consent)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      q.subjectId,
      q.accountId,
      q.accountName,
      q.authorityId,
      q.purpose,
      q.at,
      JSON.stringify(q.read),
      q.consent ? JSON.stringify(q.consent) : null,
    );
  return { seq: Number(lastInsertRowid), ...q };
}

export function listInquiries(
  sql: StatementCache,
  subjectId: string,
  afterSeq: number,
  limit: number,
): Inquiry[] {
  return (
    sql
      .get(`${INQUIRY_SELECT} WHERE subject_id = ? AND seq > ? ORDER BY seq LIMIT ?`)
      .all(subjectId, afterSeq, limit) as InquiryRow[]
  ).map(toInquiry);
}
