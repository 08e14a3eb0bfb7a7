import type { FollowUp } from '../store.js';
import { inChunks, placeholders, toInstant } from './sqlite-rows.js';
import type { StatementCache } from './sqlite-tx.js';

/** Pending follow-ups on SQLite (issue 17). */

const SELECT = `SELECT id, subject_id AS subjectId, record_type AS recordType, created_at AS createdAt
  FROM pending_follow_ups`;

export function pendingFollowUps(
  sql: StatementCache,
  subjectIds: readonly string[] | null,
  limit: number,
): FollowUp[] {
  if (subjectIds === null)
    return sql.get(`${SELECT} ORDER BY created_at, id LIMIT ?`).all(limit) as FollowUp[];
  const found: FollowUp[] = [];
  for (const chunk of inChunks(subjectIds)) {
    found.push(
      ...(sql
        .get(`${SELECT} WHERE subject_id IN (${placeholders(chunk.length)})`)
        .all(...chunk) as FollowUp[]),
    );
  }
  return found
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .slice(0, limit);
}

export function addFollowUps(sql: StatementCache, followUps: readonly FollowUp[]): void {
  const insert = sql.get(
    'INSERT INTO pending_follow_ups (id, subject_id, record_type, created_at) VALUES (?, ?, ?, ?)',
  );
  for (const f of followUps) insert.run(f.id, f.subjectId, f.recordType, toInstant(f.createdAt));
}

export function deleteFollowUps(sql: StatementCache, ids: readonly string[]): void {
  for (const chunk of inChunks(ids))
    sql
      .get(`DELETE FROM pending_follow_ups WHERE id IN (${placeholders(chunk.length)})`)
      .run(...chunk);
}
