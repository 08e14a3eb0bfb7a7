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
      columns: true,
      bom: true,
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
    }),
  );
  // a malformed line is skipped by the parser and reported here, the rest goes on
  parser.on('skip', (error: { lines?: number; message: string }) =>
    skipped.push(malformed(error.lines ?? 0, `malformed CSV: ${error.message}`)),
  );
  for await (const item of parser as AsyncIterable<{
    record: SubmissionInput;
    info: { lines: number };
  }>) {
    while (skipped.length > 0) yield skipped.shift()!;
    yield { line: item.info.lines, input: item.record };
  }
  while (skipped.length > 0) yield skipped.shift()!;
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
