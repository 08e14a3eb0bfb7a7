import type { Objection } from '../../domain/objection.js';
import {
  answerValues,
  OBJECTION_ANSWER,
  OBJECTION_COLUMNS,
  OBJECTION_SELECT,
  objectionValues,
  type OpenObjectionQuery,
} from '../objection-columns.js';
import { inChunks, placeholders } from './sqlite-rows.js';
import type { StatementCache } from './sqlite-tx.js';

/** Objections on SQLite: documents are JSON text. */

type Row = Omit<Objection, 'documents'> & { documents: string };
const toObjection = (r: Row): Objection => ({
  ...r,
  documents: JSON.parse(r.documents) as string[],
});

export function getObjection(sql: StatementCache, id: string): Objection | null {
  const row = sql.get(`${OBJECTION_SELECT} WHERE id = ?`).get(id) as Row | undefined;
  return row ? toObjection(row) : null;
}

export function listObjectionsOf(sql: StatementCache, subjectIds: readonly string[]): Objection[] {
  const found: Objection[] = [];
  for (const chunk of inChunks(subjectIds)) {
    const rows = sql
      .get(`${OBJECTION_SELECT} WHERE subject_id IN (${placeholders(chunk.length)})`)
      .all(...chunk) as Row[];
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
      ) as Row[]
  ).map(toObjection);
}

export function insertObjection(sql: StatementCache, o: Objection): void {
  sql
    .get(
      `INSERT INTO objections (${OBJECTION_COLUMNS.map(([c]) => c).join(', ')}) VALUES (${placeholders(OBJECTION_COLUMNS.length)})`,
    )
    .run(...objectionValues(o));
}

export function updateObjection(sql: StatementCache, o: Objection): void {
  sql
    .get(`UPDATE objections SET ${OBJECTION_ANSWER.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`)
    .run(...answerValues(o), o.id);
}

export function openObjectionsOf(sql: StatementCache, subjectId: string): Objection[] {
  return (
    sql
      .get(`${OBJECTION_SELECT} WHERE subject_id = ? AND state = 'open' ORDER BY id`)
      .all(subjectId) as Row[]
  ).map(toObjection);
}
