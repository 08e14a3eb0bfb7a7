import type { ErrorCode } from '../errors.js';
import type { RecordType } from './catalog.js';
import { parseFieldValue } from './field-values.js';
import { SUBMISSION_COLUMNS, type Amount, type FieldValue } from './record.js';

/**
 * A record type's own fields, checked against the catalog. Input values come as text
 * (CSV: empty = absent) or as typed JSON values; see `validateFields`.
 */

export interface FieldProblem {
  field: string;
  code: ErrorCode;
  message: string;
}

export interface FieldsResult {
  /** every non-money field that has a value, in its typed form */
  fields: Record<string, FieldValue>;
  /** every money field that has a value, in minor units */
  amounts: Amount[];
  problems: FieldProblem[];
}

/** the input key that sets the currency of every money field of the record */
export const CURRENCY_KEY = 'currency';
export const DEFAULT_CURRENCY = 'CNY';

/** names a record's common columns use; a catalog field may not take them */
export const RESERVED_FIELD_NAMES: readonly string[] = [
  ...SUBMISSION_COLUMNS,
  'id',
  'status',
  'disclosure',
  'fields',
  'amounts',
];

/**
 * Validates and types a record's fields. Reports every problem, naming field and rule.
 * Money fields go to `amounts` (integer minor units), not to `fields`.
 */
export function validateFields(type: RecordType, input: Record<string, unknown>): FieldsResult {
  const problems: FieldProblem[] = [];
  const add = (field: string, code: ErrorCode, message: string) =>
    problems.push({ field, code, message });
  const fields: Record<string, FieldValue> = {};
  const amounts: Amount[] = [];
  const defs = fieldNames(type);

  const currency = readCurrency(input[CURRENCY_KEY], add);
  for (const key of Object.keys(input)) {
    // an empty column of another type's field is not an error: CSV files mix types
    if (key === CURRENCY_KEY || defs.has(key) || isAbsent(input[key])) continue;
    const known = type.fields.map((f) => f.name).join(', ') || 'none';
    add(key, 'FIELD_UNKNOWN', `${key} is not a field of ${type.id} (its fields: ${known})`);
  }

  for (const def of type.fields) {
    const raw = input[def.name];
    const parsed = isAbsent(raw) ? null : parseFieldValue(def, raw);
    if (parsed && !parsed.ok) {
      add(def.name, parsed.code, `${def.name} ${parsed.message}`);
      continue;
    }
    const value = parsed?.value;
    if (value === undefined || (Array.isArray(value) && value.length === 0)) {
      if (def.required) add(def.name, 'FIELD_REQUIRED', `${def.name} is required for ${type.id}`);
      continue;
    }
    if (def.type === 'money') amounts.push({ field: def.name, minor: value as number, currency });
    else fields[def.name] = value;
  }

  for (const def of type.fields) {
    const [value, other] = [fields[def.name], def.notBefore && fields[def.notBefore]];
    if (typeof value === 'string' && typeof other === 'string' && value < other) {
      add(def.name, 'DATE_ORDER', `${def.name} ${value} is before ${def.notBefore} ${other}`);
    }
  }
  return { fields, amounts, problems };
}

// a type's field names, once per type: an import validates many rows of each
const FIELD_NAMES = new WeakMap<RecordType, ReadonlySet<string>>();
function fieldNames(type: RecordType): ReadonlySet<string> {
  let names = FIELD_NAMES.get(type);
  if (!names) FIELD_NAMES.set(type, (names = new Set(type.fields.map((f) => f.name))));
  return names;
}

/** Whether a raw input value counts as absent: undefined, null or blank text. */
export function isAbsent(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
  );
}

function readCurrency(raw: unknown, add: (f: string, c: ErrorCode, m: string) => void): string {
  if (isAbsent(raw)) return DEFAULT_CURRENCY;
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (/^[A-Z]{3}$/.test(text)) return text;
  add(
    CURRENCY_KEY,
    'CURRENCY_INVALID',
    `currency "${String(raw)}" is not 3 upper-case letters (ISO 4217, e.g. CNY)`,
  );
  return DEFAULT_CURRENCY;
}
