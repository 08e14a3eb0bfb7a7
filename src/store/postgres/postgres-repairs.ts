/** Repair applications on PostgreSQL: statements and parameters (obligations are jsonb). */
import {
  REPAIR_INSERT_COLUMNS,
  REPAIR_SELECT,
  REPAIR_STEP,
  type OpenRepairQuery,
} from '../repair-columns.js';
import { insertInto, postgresPlaceholder, updateById } from '../table-columns.js';

export { REPAIR_SELECT };

export const INSERT_REPAIR = insertInto('repairs', REPAIR_INSERT_COLUMNS, postgresPlaceholder);
export const UPDATE_REPAIR = updateById('repairs', REPAIR_STEP, postgresPlaceholder);

export const OPEN_REPAIRS = `${REPAIR_SELECT} WHERE state IN ('submitted', 'forwarded')
  AND ($1::text IS NULL OR state = $1) AND ($2::date IS NULL OR due_by < $2)
  AND ($3::text IS NULL OR authority_id = $3)
  ORDER BY due_by, id COLLATE "C" LIMIT $4`;
export const openValues = (q: OpenRepairQuery, limit: number): unknown[] => [
  q.state ?? null,
  q.dueBefore ?? null,
  q.authorityId ?? null,
  limit,
];
