/** Objections on PostgreSQL: statements and parameters (documents are jsonb). */
import {
  OBJECTION_ANSWER,
  OBJECTION_COLUMNS,
  OBJECTION_SELECT,
  type OpenObjectionQuery,
} from '../objection-columns.js';
import { insertInto, postgresPlaceholder, updateById } from '../table-columns.js';

export { OBJECTION_SELECT };

export const INSERT_OBJECTION = insertInto('objections', OBJECTION_COLUMNS, postgresPlaceholder);
export const UPDATE_OBJECTION = updateById('objections', OBJECTION_ANSWER, postgresPlaceholder);

export const OPEN_OBJECTIONS = `${OBJECTION_SELECT} WHERE state = 'open'
  AND ($1::date IS NULL OR answer_by < $1) AND ($2::text IS NULL OR authority_id = $2)
  ORDER BY answer_by, id LIMIT $3`;
export const openValues = (q: OpenObjectionQuery, limit: number): unknown[] => [
  q.answerByBefore ?? null,
  q.authorityId ?? null,
  limit,
];
