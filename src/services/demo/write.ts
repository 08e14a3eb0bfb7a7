/** Streams demo rows to a CSV or JSON Lines file, with backpressure. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { SUBMISSION_COLUMNS } from '../../domain/record.js';
import type { SubmissionInput } from '../records/submission.js';
import { DEMO_FIELDS, FIELDS_BY_TYPE } from './records.js';

export type DemoFormat = 'csv' | 'jsonl';

/** The CSV header: the common columns, then every field any demo record type uses. */
export const DEMO_COLUMNS: readonly string[] = [...SUBMISSION_COLUMNS, ...DEMO_FIELDS];

// writes go out in chunks of about this many characters
const CHUNK = 1 << 16;
const NEEDS_QUOTES = /[",\r\n]/;
const COMMON_COLUMNS: readonly string[] = SUBMISSION_COLUMNS;

// per record type, the columns its rows can fill, with their places in the header
const PLANS: ReadonlyMap<string, ReadonlyArray<readonly [number, string]>> = new Map(
  Object.entries(FIELDS_BY_TYPE).map(([type, fields]) => [
    type,
    [...COMMON_COLUMNS, ...fields]
      .map((c) => [DEMO_COLUMNS.indexOf(c), c] as const)
      .sort((a, b) => a[0] - b[0]),
  ]),
);
const COMMAS = ','.repeat(DEMO_COLUMNS.length);

function csvCell(value: unknown): string {
  if (typeof value === 'string')
    return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  return value === undefined || value === null ? '' : String(value);
}

/** One CSV line (with its newline) in DEMO_COLUMNS order, for a row of a demo record type. */
export function csvLine(row: SubmissionInput): string {
  const plan = PLANS.get(row.type as string);
  if (!plan) throw new RangeError(`no demo CSV columns for record type ${String(row.type)}`);
  let line = '';
  let at = 0;
  for (const [position, column] of plan) {
    line += COMMAS.slice(0, position - at) + csvCell(row[column]);
    at = position;
  }
  return `${line}${COMMAS.slice(0, DEMO_COLUMNS.length - 1 - at)}\n`;
}

/** Writes every row to `path`; returns the number of rows. Memory stays flat however many there are. */
export async function writeDemoFile(
  path: string,
  format: DemoFormat,
  rows: Iterable<SubmissionInput>,
  onProgress?: (rows: number) => void,
): Promise<number> {
  // a deep buffer lets the disk write one chunk while the next is generated
  const out = createWriteStream(path, { encoding: 'utf8', highWaterMark: 1 << 22 });
  const failed = once(out, 'error').then(([error]) => Promise.reject(error as Error));
  // keeps an unobserved rejection from surfacing when the write succeeds
  failed.catch(() => undefined);
  let buffer = format === 'csv' ? `${DEMO_COLUMNS.join(',')}\n` : '';
  let count = 0;
  const flush = async () => {
    const ok = out.write(buffer);
    buffer = '';
    if (!ok) await Promise.race([once(out, 'drain'), failed]);
  };
  for (const row of rows) {
    buffer += format === 'csv' ? csvLine(row) : `${JSON.stringify(row)}\n`;
    count += 1;
    if (buffer.length >= CHUNK) {
      await flush();
      if (onProgress && count % 10_000 < 200) onProgress(count);
    }
  }
  await flush();
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  onProgress?.(count);
  return count;
}
