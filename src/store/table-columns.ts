/**
 * Column lists shared by both adapters for the tables that hold one domain object per row
 * (objections, repairs): the SELECT with property aliases, INSERT and UPDATE statements with
 * the adapter's placeholders, and the row values, JSON columns as text.
 */

export type Columns<T> = readonly (readonly [string, keyof T & string])[];

/** `?` for SQLite, `$n` for PostgreSQL (n from 1). */
export type Placeholder = (n: number) => string;
export const sqlitePlaceholder: Placeholder = () => '?';
export const postgresPlaceholder: Placeholder = (n) => `$${n}`;

export const selectFrom = <T>(table: string, columns: Columns<T>): string =>
  `SELECT ${columns.map(([c, p]) => (c === p ? c : `${c} AS "${p}"`)).join(', ')} FROM ${table}`;

export const insertInto = (
  table: string,
  columns: readonly (readonly [string, string])[],
  ph: Placeholder,
): string =>
  `INSERT INTO ${table} (${columns.map(([c]) => c).join(', ')}) VALUES (${columns.map((_, i) => ph(i + 1)).join(', ')})`;

/** UPDATE of the named columns by id; the id is the last value. */
export const updateById = (table: string, columns: readonly string[], ph: Placeholder): string =>
  `UPDATE ${table} SET ${columns.map((c, i) => `${c} = ${ph(i + 1)}`).join(', ')} WHERE id = ${ph(columns.length + 1)}`;

/** The values of an object in column order; the `json` properties as JSON text. */
export const valuesOf = <T>(columns: Columns<T>, json: readonly string[], o: T): unknown[] =>
  columns.map(([, p]) => (json.includes(p) ? JSON.stringify(o[p]) : o[p]));

/** A SQLite row back to its object: the `json` properties parsed. */
export function parseJsonColumns<T>(row: Record<string, unknown>, json: readonly string[]): T {
  const out: Record<string, unknown> = { ...row };
  for (const p of json) out[p] = JSON.parse(row[p] as string);
  return out as T;
}
