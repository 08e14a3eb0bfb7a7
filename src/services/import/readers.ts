import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { CredenceError } from '../../errors.js';
import type { Problem, SubmissionInput } from '../records/submission.js';

/** One row of an import file, or the reason it could not be read. */
export type SourceRow =
  { line: number; input: SubmissionInput } | { line: number; problems: Problem[] };

export interface RowSource {
  rows: AsyncIterable<SourceRow>;
  /** bytes of the file read so far, for progress */
  bytesRead(): number;
}

export type ImportFormat = 'csv' | 'jsonl';

export function formatOf(path: string, format?: string): ImportFormat {
  const f = (format ?? extname(path).slice(1)).toLowerCase();
  if (f === 'csv') return 'csv';
  if (f === 'jsonl' || f === 'ndjson') return 'jsonl';
  throw new CredenceError(
    'IMPORT_FORMAT',
    `cannot import "${path}": use .csv, .jsonl or .ndjson (or --format)`,
    {
      field: 'file',
    },
  );
}

/**
 * Refuses a file that is not UTF-8 before any row of it is read: its rows would be stored with
 * U+FFFD in place of the bytes. One pass over the file, a chunk at a time.
 */
export async function assertUtf8File(path: string): Promise<void> {
  let line = 1;
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path)) {
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    // a character cut by the chunk's end is checked with the next chunk
    const whole = completeLength(bytes);
    if (!isUtf8(bytes.subarray(0, whole))) throw notUtf8File(path, line);
    for (let i = bytes.indexOf(10); i !== -1 && i < whole; i = bytes.indexOf(10, i + 1)) line += 1;
    carry = bytes.subarray(whole);
  }
  if (carry.length > 0) throw notUtf8File(path, line);
}

/** The length of `bytes` without a last UTF-8 sequence its lead byte says is incomplete. */
function completeLength(bytes: Buffer): number {
  const end = bytes.length;
  for (let i = end - 1; i >= Math.max(0, end - 4); i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue;
    const needs = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return end - i < needs ? i : end;
  }
  return end;
}

const notUtf8File = (path: string, line: number) =>
  new CredenceError(
    'ENCODING_INVALID',
    `"${path}" is not UTF-8 text (at line ${line} or soon after): save it as UTF-8`,
    { field: 'file' },
  );

/** Streams the rows of a CSV or JSON Lines file; memory stays flat whatever the file size. */
export function readRows(path: string, format: ImportFormat): RowSource {
  let bytes = 0;
  // count in a pass-through stage: a 'data' listener on the file would start it flowing before the parser is attached
  const counted = createReadStream(path).pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    }),
  );
  return { rows: format === 'csv' ? csvRows(counted) : jsonlRows(counted), bytesRead: () => bytes };
}

const malformed = (line: number, message: string): SourceRow => ({
  line,
  problems: [{ field: 'line', code: 'IMPORT_ROW_MALFORMED', message }],
});

async function* csvRows(stream: NodeJS.ReadableStream): AsyncIterable<SourceRow> {
  const skipped: SourceRow[] = [];
  const parser = stream.pipe(
    parse({
      columns: uniqueColumns,
      bom: true,
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
    }),
  );
  // a malformed line is skipped by the parser and reported here, the rest goes on; the parser
  // tells of each stray quote in a line, and a line is one row however many it holds
  let lastSkipped = -1;
  parser.on('skip', (error: { lines?: number; message: string }) => {
    const line = error.lines ?? 0;
    if (line === lastSkipped) return;
    lastSkipped = line;
    skipped.push(malformed(line, `malformed CSV: ${error.message}`));
  });
  for await (const item of parser as AsyncIterable<{
    record: SubmissionInput;
    info: { lines: number };
  }>) {
    // the parser tells of a skipped line before it hands over the records read before it
    while (skipped.length > 0 && skipped[0]!.line < item.info.lines) yield skipped.shift()!;
    yield { line: item.info.lines, input: item.record };
  }
  while (skipped.length > 0) yield skipped.shift()!;
}

/**
 * The header's names, or IMPORT_HEADER_DUPLICATE: with a name twice, one of its cells would be
 * dropped unread. A blank name (a spreadsheet's trailing empty columns) is named by position.
 */
function uniqueColumns(header: string[]): string[] {
  const seen = new Set<string>();
  return header.map((given, i) => {
    const name = given.trim() === '' ? `column ${i + 1}` : given;
    if (seen.has(name)) {
      throw new CredenceError(
        'IMPORT_HEADER_DUPLICATE',
        `the header names the column "${name}" twice: keep one, so each row has one value for it`,
        { field: name },
      );
    }
    seen.add(name);
    return name;
  });
}

async function* jsonlRows(stream: NodeJS.ReadableStream): AsyncIterable<SourceRow> {
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line += 1;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield malformed(line, `malformed JSON: ${(error as Error).message}`);
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      yield malformed(line, 'each line must be one JSON object');
      continue;
    }
    yield { line, input: value as SubmissionInput };
  }
}
