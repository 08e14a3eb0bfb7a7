import type { RepairApplication } from '../../domain/repair.js';
import {
  REPAIR_INSERT_COLUMNS,
  REPAIR_JSON,
  REPAIR_SELECT,
  REPAIR_STEP,
  repairStepValues,
  repairValues,
  type OpenRepairQuery,
} from '../repair-columns.js';
import { insertInto, parseJsonColumns, sqlitePlaceholder, updateById } from '../table-columns.js';
import { inChunks, placeholders } from './sqlite-rows.js';
import type { StatementCache } from './sqlite-tx.js';

/** Repair applications on SQLite: obligations are JSON text. */

type Row = Record<string, unknown>;
const toRepair = (r: Row): RepairApplication => parseJsonColumns<RepairApplication>(r, REPAIR_JSON);

export function getRepair(sql: StatementCache, id: string): RepairApplication | null {
  const row = sql.get(`${REPAIR_SELECT} WHERE id = ?`).get(id) as Row | undefined;
  return row ? toRepair(row) : null;
}

export function listRepairsOf(
  sql: StatementCache,
  subjectIds: readonly string[],
): RepairApplication[] {
  const found: RepairApplication[] = [];
  for (const chunk of inChunks(subjectIds)) {
    const rows = sql
      .get(`${REPAIR_SELECT} WHERE subject_id IN (${placeholders(chunk.length)})`)
      .all(...chunk) as Row[];
    found.push(...rows.map(toRepair));
  }
  return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function findOpenRepairs(
  sql: StatementCache,
  q: OpenRepairQuery,
  limit: number,
): RepairApplication[] {
  return (
    sql
      .get(
        `${REPAIR_SELECT} WHERE state IN ('submitted', 'forwarded') AND (? IS NULL OR state = ?)
         AND (? IS NULL OR due_by < ?) AND (? IS NULL OR authority_id = ?)
         ORDER BY due_by, id LIMIT ?`,
      )
      .all(
        q.state ?? null,
        q.state ?? null,
        q.dueBefore ?? null,
        q.dueBefore ?? null,
        q.authorityId ?? null,
        q.authorityId ?? null,
        limit,
      ) as Row[]
  ).map(toRepair);
}

export function insertRepair(sql: StatementCache, r: RepairApplication): void {
  sql.get(insertInto('repairs', REPAIR_INSERT_COLUMNS, sqlitePlaceholder)).run(...repairValues(r));
}

export function updateRepair(sql: StatementCache, r: RepairApplication): void {
  sql.get(updateById('repairs', REPAIR_STEP, sqlitePlaceholder)).run(...repairStepValues(r), r.id);
}
