import { CredenceError } from '../../errors.js';

/**
 * Which columns of a data file a scorecard is trained on, and under what names. Any column
 * name is accepted: it becomes a characteristic id (lower-case letters, digits, underscores)
 * and the name as written stays the characteristic's label. All of it is decided before
 * the fit, so a bad option fails at once.
 */

export interface ColumnChoice {
  /** the column's index in the file */
  index: number;
  /** the characteristic id */
  name: string;
  /** the column's name as the file writes it */
  column: string;
}

export interface ExcludedColumn {
  column: string;
  reason: string;
}

export interface ColumnSelection {
  kept: ColumnChoice[];
  excluded: ExcludedColumn[];
}

export const DEFAULT_EXCLUDE_REASON = 'left out by the operator (--exclude)';
export const NOT_INCLUDED_REASON = 'not named by --include';

/** `LIMIT_BAL` → `limit_bal`, `default.payment.next.month` → `default_payment_next_month`, `1st` → `c_1st` */
export function characteristicId(column: string): string {
  const id = column
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (id === '') return 'column';
  return /^[a-z]/.test(id) ? id : `c_${id}`;
}

/** Ids for every header name, made unique by a suffix (`pay`, `pay_2`) in file order. */
export function characteristicIds(header: readonly string[]): string[] {
  const used = new Set<string>();
  return header.map((column) => {
    const base = characteristicId(column);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    return id;
  });
}

/** `SEX:protected attribute` → the column and its reason; a column whose name has a colon wins. */
export function parseExclusion(
  option: string,
  header: readonly string[],
): { column: string; reason: string } {
  if (header.includes(option)) return { column: option, reason: DEFAULT_EXCLUDE_REASON };
  const colon = option.indexOf(':');
  if (colon < 0) return { column: option, reason: DEFAULT_EXCLUDE_REASON };
  const reason = option
    .slice(colon + 1)
    .trim()
    .replace(/^"(.*)"$/, '$1');
  return { column: option.slice(0, colon).trim(), reason: reason || DEFAULT_EXCLUDE_REASON };
}

/**
 * The columns to train on: every column but the target, or those `include` names, less those
 * `exclude` names. A column may be named as the file writes it or by its characteristic id.
 * Unknown columns, the target, and a column both included and excluded are refused.
 */
export function selectColumns(
  header: readonly string[],
  target: number,
  include: readonly string[] | undefined,
  exclude: readonly string[] | undefined,
): ColumnSelection {
  const ids = characteristicIds(header);
  const problems: string[] = [];
  const indexOf = (name: string, option: string): number => {
    const at = header.indexOf(name);
    const j = at >= 0 ? at : ids.indexOf(name);
    if (j < 0) problems.push(`${option}: no column "${name}" (columns: ${header.join(', ')})`);
    else if (j === target)
      problems.push(`${option}: "${name}" is the target, which is never a characteristic`);
    return j;
  };
  const excluded = new Map<number, string>();
  for (const option of exclude ?? []) {
    const { column, reason } = parseExclusion(option, header);
    const j = indexOf(column, 'exclude');
    if (j >= 0 && j !== target) excluded.set(j, reason);
  }
  const included = include === undefined ? null : new Set<number>();
  for (const name of include ?? []) {
    const j = indexOf(name, 'include');
    if (j < 0 || j === target) continue;
    if (excluded.has(j)) problems.push(`include: "${name}" is also excluded`);
    included!.add(j);
  }
  if (problems.length > 0)
    throw new CredenceError('SCORECARD_COLUMN_INVALID', problems.join('; '), {
      field: problems[0]!.split(':')[0],
      problems,
    });
  const selection: ColumnSelection = { kept: [], excluded: [] };
  header.forEach((column, j) => {
    if (j === target) return;
    const reason = excluded.get(j) ?? (included && !included.has(j) ? NOT_INCLUDED_REASON : null);
    if (reason !== null) selection.excluded.push({ column, reason });
    else selection.kept.push({ index: j, name: ids[j]!, column });
  });
  if (selection.kept.length === 0)
    throw new CredenceError('SCORECARD_COLUMN_INVALID', 'no column is left to train on', {
      field: include ? 'include' : 'exclude',
    });
  return selection;
}
