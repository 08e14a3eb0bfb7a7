import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { TrainingColumn } from '../../domain/scorecard/fit.js';
import { CredenceError } from '../../errors.js';

/** Reading labelled training data: CSV with a header row, or the German credit layout. */

export type TrainingFormat = 'csv' | 'german';

/**
 * A data file as trimmed text cells, column by column (`lines[i]` is the file line of row i).
 * Columns, not rows: a 30,000-row file is read straight into 25 arrays, never into 30,000.
 */
export interface DataTable {
  format: TrainingFormat;
  header: string[];
  columns: string[][];
  lines: number[];
}

/** The 20 attributes of the Statlog German credit data (german.doc) and the class, in order. */
export const GERMAN_COLUMNS: ReadonlyArray<{ name: string; label: string }> = [
  { name: 'checking_status', label: 'Status of existing checking account' },
  { name: 'duration_months', label: 'Duration in months' },
  { name: 'credit_history', label: 'Credit history' },
  { name: 'purpose', label: 'Purpose' },
  { name: 'credit_amount', label: 'Credit amount' },
  { name: 'savings', label: 'Savings account/bonds' },
  { name: 'employment_since', label: 'Present employment since' },
  { name: 'installment_rate', label: 'Installment rate in % of disposable income' },
  { name: 'personal_status_sex', label: 'Personal status and sex' },
  { name: 'other_debtors', label: 'Other debtors / guarantors' },
  { name: 'residence_since', label: 'Present residence since' },
  { name: 'property', label: 'Property' },
  { name: 'age_years', label: 'Age in years' },
  { name: 'other_installment_plans', label: 'Other installment plans' },
  { name: 'housing', label: 'Housing' },
  { name: 'existing_credits', label: 'Number of existing credits at this bank' },
  { name: 'job', label: 'Job' },
  { name: 'dependents', label: 'Number of people liable to provide maintenance for' },
  { name: 'telephone', label: 'Telephone' },
  { name: 'foreign_worker', label: 'Foreign worker' },
  { name: 'class', label: 'Class: 1 = good, 2 = bad' },
];

/** in the German layout class 1 is good and 2 is bad (german.doc) */
export const GERMAN_GOOD = '1';

/** `.csv` is CSV; anything else is read in the German layout. */
export function formatOf(path: string, format?: string): TrainingFormat {
  const f = format ?? (extname(path).toLowerCase() === '.csv' ? 'csv' : 'german');
  if (f === 'csv' || f === 'german') return f;
  throw new CredenceError('SCORECARD_DATA_FORMAT', `unknown format "${f}": use csv or german`, {
    field: 'format',
  });
}

export async function readDataTable(path: string, format: TrainingFormat): Promise<DataTable> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new CredenceError('SCORECARD_DATA_FORMAT', `cannot read ${path}`, { field: 'data' });
  }
  return format === 'csv' ? csvTable(text) : germanTable(text);
}

function csvTable(text: string): DataTable {
  let header: string[] | null = null;
  const columns: string[][] = [];
  const lines: number[] = [];
  try {
    // every record goes into the columns as it is parsed; none is kept as a row
    parse(text, {
      bom: true,
      skip_empty_lines: true,
      trim: true,
      on_record: (record: string[], context) => {
        if (header === null) {
          header = record;
          for (let j = 0; j < record.length; j++) columns.push([]);
        } else {
          for (let j = 0; j < columns.length; j++) columns[j]!.push(record[j] ?? '');
          lines.push(context.lines);
        }
        return null;
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CredenceError('SCORECARD_DATA_FORMAT', `malformed CSV: ${message}`, {
      field: 'data',
    });
  }
  if (header === null)
    throw new CredenceError('SCORECARD_DATA_FORMAT', 'the CSV file is empty', { field: 'data' });
  return { format: 'csv', header, columns, lines };
}

function germanTable(text: string): DataTable {
  const columns: string[][] = GERMAN_COLUMNS.map(() => []);
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const cells = line.trim().split(/\s+/);
    if (cells.length !== GERMAN_COLUMNS.length) {
      throw new CredenceError(
        'SCORECARD_DATA_FORMAT',
        `line ${i + 1}: the German credit layout has ${GERMAN_COLUMNS.length} space-separated values, this line has ${cells.length}`,
        { field: 'data', line: i + 1 },
      );
    }
    cells.forEach((c, j) => columns[j]!.push(c));
    lines.push(i + 1);
  });
  return { format: 'german', header: GERMAN_COLUMNS.map((c) => c.name), columns, lines };
}

/**
 * Column j as a characteristic named `name` (a valid id), labelled with the file's own name
 * (or the German attribute's description). A column is numeric when every non-empty value
 * parses as a number; empty cells are missing.
 */
export function trainingColumn(table: DataTable, j: number, name: string): TrainingColumn {
  const cells = table.columns[j]!;
  let numeric = false;
  for (const c of cells) {
    if (c === '') continue;
    if (!Number.isFinite(Number(c))) {
      numeric = false;
      break;
    }
    numeric = true;
  }
  const label =
    table.format === 'german' ? (GERMAN_COLUMNS[j]?.label ?? name) : (table.header[j] ?? name);
  return {
    name,
    label,
    kind: numeric ? 'numeric' : 'categorical',
    values: cells.map((c) => (c === '' ? null : numeric ? Number(c) : c)),
  };
}
