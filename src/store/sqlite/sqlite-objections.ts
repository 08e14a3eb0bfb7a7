import type { Objection } from '../../domain/objection.js';
import {
  answerValues,
  OBJECTION_ANSWER,
  OBJECTION_COLUMNS,
  OBJECTION_JSON,
  OBJECTION_SELECT,
  objectionValues,
  type OpenObjectionQuery,
} from '../objection-columns.js';
import { insertInto, parseJsonColumns, sqlitePlaceholder, updateById } from '../table-columns.js';
import { inChunks, placeholders } from './sqlite-rows.js';
import type { StatementCache } from './sqlite-tx.js';

/** Objections on SQLite: documents are JSON text. */

const toObjection = (r: Record<string, unknown>): Objection =>
  parseJsonColumns<Objection>(r, OBJECTION_JSON);

export function getObjection(sql: StatementCache, id: string): Objection | null {
  const row = sql.get(`${OBJECTION_SELECT} WHERE id = ?`).get(id) as
    Record<string, unknown> | undefined;
  return row ? toObjection(row) : null;
}

export function listObjectionsOf(sql: StatementCache, subjectIds: readonly string[]): Objection[] {
  const found: Objection[] = [];
  for (const chunk of inChunks(subjectIds)) {
    const rows = sql
      .get(`${OBJECTION_SELECT} WHERE subject_id IN (${placeholders(chunk.length)})`)
      .all(...chunk) as Record<string, unknown>[];
    found.push(...rows.map(toObjection));
  }
  return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function findOpenObjections(
  sql: StatementCache,
  q: OpenObjectionQuery,
  limit: number,
): Objection[] {
  return (
    sql
      .get(
        `${OBJECTION_SELECT} WHERE state = 'open' AND (? IS NULL OR answer_by < ?)
         AND (? IS NULL OR authority_id = ?) ORDER BY answer_by, id LIMIT ?`,
      )
      .all(
        q.answerByBefore ?? null,
        q.answerByBefore ?? null,
        q.authorityId ?? null,
        q.authorityId ?? null,
        limit,
      ) as Record<string, unknown>[]
  ).map(toObjection);
}

export function insertObjection(sql: StatementCache, o: Objection): void {
  sql
    .get(insertInto('objections', OBJECTION_COLUMNS, sqlitePlaceholder))
    .run(...objectionValues(o));
}

export function updateObjection(sql: StatementCache, o: Objection): void {
  sql
    .get(updateById('objections', OBJECTION_ANSWER, sqlitePlaceholder))
    .run(...answerValues(o), o.id);
}

export function openObjectionsOf(sql: StatementCache, subjectId: string): Objection[] {
  return (
    sql
      .get(`${OBJECTION_SELECT} WHERE subject_id = ? AND state = 'open' ORDER BY id`)
      .all(subjectId) as Record<string, unknown>[]
  ).map(toObjection);
}
