import { basename } from 'node:path';
import { stat } from 'node:fs/promises';
import { dateOf } from '../../domain/clock.js';
import { CredenceError } from '../../errors.js';
import { authorityMap } from '../authorities.service.js';
import type { ServiceDeps } from '../deps.js';
import {
  inBatchTransaction,
  writeSubmissions,
  type BatchRow,
  type RowOutcome,
} from '../records/record-writer.js';
import { prepareSubmission, type Problem } from '../records/submission.js';
import { assertUtf8File, formatOf, readRows, type ImportFormat } from './readers.js';

export interface ImportOptions {
  actor: string;
  batchSize: number;
  format?: ImportFormat;
  /** called after each batch with the bytes read so far and the file size */
  onProgress?: (progress: ImportProgress) => void;
  /** rows may only be this authority's: a missing `authority` is filled in, another one rejects the row */
  authority?: string;
  /** receives each bad row as it is found; nothing is kept in memory */
  onRejected?: (line: number, problems: readonly Problem[]) => void;
  /** once aborted, the import stops at its next batch boundary with IMPORT_STOPPED (a shutdown) */
  signal?: AbortSignal;
}

export interface ImportProgress {
  bytesRead: number;
  bytesTotal: number;
  rows: number;
}

export interface ImportSummary {
  file: string;
  rows: number;
  created: number;
  unchanged: number;
  rejected: number;
  warnings: number;
  batches: number;
}

/**
 * Imports a CSV or JSON Lines file of records: every batch of rows is one
 * transaction, bad rows are reported and skipped, rows already stored change nothing.
 * Batches are cut by input line count, so a re-run after a crash commits the same
 * batches as an uninterrupted run.
 */
export async function importFile(
  deps: ServiceDeps,
  path: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  const format = options.format ?? formatOf(path);
  const bytesTotal = (await stat(path)).size;
  await assertUtf8File(path);
  const source = readRows(path, format);
  const authorities = await authorityMap(deps);
  const today = dateOf(deps.clock.now());
  const summary: ImportSummary = {
    file: path,
    rows: 0,
    created: 0,
    unchanged: 0,
    rejected: 0,
    warnings: 0,
    batches: 0,
  };

  const tally = (outcomes: readonly RowOutcome[]) => {
    for (const o of outcomes) {
      if (o.status === 'rejected') {
        summary.rejected += 1;
        options.onRejected?.(o.line, o.problems);
      } else {
        summary[o.status] += 1;
        if (o.warnings.length > 0) summary.warnings += 1;
      }
    }
  };

  let batch: BatchRow[] = [];
  let inBatch = 0;
  let firstLine = 0;
  // one batch is written while the next is read and validated: the database and the
  // parser then work at the same time (on PostgreSQL they are separate processes)
  let writing: Promise<void> = Promise.resolve();
  const flush = async (lastLine: number) => {
    if (options.signal?.aborted) {
      await writing;
      throw stopped(summary);
    }
    const rows = batch;
    const lines = [firstLine, lastLine];
    batch = [];
    inBatch = 0;
    await writing;
    writing = (async () => {
      if (rows.length > 0) {
        const outcomes = await inBatchTransaction(deps.store, (tx) =>
          writeSubmissions(tx, rows, {
            actor: options.actor,
            at: deps.clock.now().toISOString(),
            authorities,
            source: { via: 'import', file: basename(path), lines },
          }),
        );
        tally(outcomes);
      }
      committedThrough = lines[1]!;
      summary.batches += 1;
      options.onProgress?.({ bytesRead: source.bytesRead(), bytesTotal, rows: summary.rows });
    })();
    // a failed write is rethrown at the next flush or at the end, not left unhandled
    writing.catch(() => undefined);
  };

  let lastLine = 0;
  let committedThrough = 0;
  try {
    await readAndWrite();
  } catch (error) {
    throw writeFailed(error, summary, committedThrough);
  }
  return summary;

  async function readAndWrite() {
    for await (const row of source.rows) {
      if (inBatch === 0) firstLine = row.line;
      summary.rows += 1;
      inBatch += 1;
      lastLine = row.line;
      if ('problems' in row) {
        tally([{ line: row.line, status: 'rejected', problems: row.problems }]);
      } else if (options.authority && !ownRow(row.input, options.authority)) {
        tally([{ line: row.line, status: 'rejected', problems: [notOwn(options.authority)] }]);
      } else {
        const input = options.authority
          ? { ...row.input, authority: options.authority }
          : row.input;
        const prepared = prepareSubmission(deps.catalog, input, today);
        if (prepared.ok) batch.push({ line: row.line, prepared: prepared.value });
        else tally([{ line: row.line, status: 'rejected', problems: prepared.problems }]);
      }
      if (inBatch >= options.batchSize) await flush(lastLine);
    }
    if (inBatch > 0) await flush(lastLine);
    await writing;
  }
}

/**
 * A batch that could not be written (a full disk, the store gone): the error says how far the
 * import got and that a re-run resumes. Refusals of the input and a stop are passed on as they are.
 */
function writeFailed(error: unknown, summary: ImportSummary, committedThrough: number): unknown {
  if (error instanceof CredenceError && (error.status < 500 || error.code === 'IMPORT_STOPPED'))
    return error;
  const code = (error as { code?: unknown } | null)?.code;
  const full = ['SQLITE_FULL', 'ENOSPC', '53100', 'STORE_DISK_FULL'].includes(String(code));
  const cause = full
    ? 'the disk is full'
    : error instanceof CredenceError
      ? error.message
      : `the store failed (${typeof code === 'string' ? code : 'unexpected error'})`;
  return new CredenceError(
    'IMPORT_WRITE_FAILED',
    `${cause}: ${summary.batches} batches (${summary.created} records created, through line ${committedThrough}) are committed; free the cause and run the import again to resume: rows already stored are skipped`,
    { batches: summary.batches, created: summary.created, committedThrough },
  );
}

/** The import was told to stop (a server shutting down): what is committed stays, a re-run resumes. */
const stopped = (summary: ImportSummary) =>
  new CredenceError(
    'IMPORT_STOPPED',
    `the import stopped at a batch boundary after ${summary.batches} batches (${summary.created} records created); run it again to resume: rows already stored are skipped`,
    { batches: summary.batches, created: summary.created },
  );

const ownRow = (input: Record<string, unknown>, authority: string): boolean =>
  input.authority === undefined ||
  input.authority === '' ||
  String(input.authority).trim().toUpperCase() === authority;

const notOwn = (authority: string): Problem => ({
  field: 'authority',
  code: 'AUTHORITY_MISMATCH',
  message: `this import may carry records of ${authority} only`,
});
