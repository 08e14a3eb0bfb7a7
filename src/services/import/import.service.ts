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
import type { JobReportRow, StoreTx } from '../../store/store.js';

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
  /** where an earlier run of the file stopped: its lines through `through` are skipped */
  resume?: ImportCheckpoint;
  /**
   * runs in each batch's transaction (or in one of its own for a batch with nothing to write),
   * with the checkpoint the batch's commit reaches and the bad rows of its lines: a job saves
   * them there, so what it records never runs ahead of or behind what is committed
   */
  onBatch?: (tx: StoreTx, checkpoint: ImportCheckpoint, report: JobReportRow[]) => Promise<void>;
}

/** How far an import's committed batches reach: the last line, and the counts through it. */
export interface ImportCheckpoint {
  through: number;
  counts: ImportCounts;
  /** bytes of the file read when the batch committed (reading runs a batch ahead) */
  bytesRead: number;
}

export type ImportCounts = Omit<ImportSummary, 'file'>;

interface BatchTally {
  counts: ImportCounts;
  report: JobReportRow[];
}

const noCounts = (): ImportCounts => ({
  rows: 0,
  created: 0,
  unchanged: 0,
  rejected: 0,
  warnings: 0,
  batches: 0,
});

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
  const summary: ImportSummary = { file: path, ...(options.resume?.counts ?? noCounts()) };
  // what the committed batches hold: a checkpoint never counts a row its batch has not committed
  const committed: ImportCounts = { ...(options.resume?.counts ?? noCounts()) };
  let pending: BatchTally = { counts: noCounts(), report: [] };

  // counts the outcomes into the summary (as found) and a batch's tally (as committed)
  const tally = (outcomes: readonly RowOutcome[], into: BatchTally) => {
    count(outcomes, summary, null);
    count(outcomes, into.counts, options.onBatch ? into.report : null);
    for (const o of outcomes) if (o.status === 'rejected') options.onRejected?.(o.line, o.problems);
  };
  const checkpoint = async (tx: StoreTx, through: number, batch: BatchTally) => {
    if (!options.onBatch) return;
    const counts = { ...committed };
    for (const key of Object.keys(counts) as Array<keyof ImportCounts>)
      counts[key] += batch.counts[key];
    counts.batches += 1;
    await options.onBatch(tx, { through, counts, bytesRead: source.bytesRead() }, batch.report);
  };
  const commit = (batch: BatchTally) => {
    for (const key of Object.keys(committed) as Array<keyof ImportCounts>)
      committed[key] += batch.counts[key];
    committed.batches += 1;
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
    const read = pending;
    batch = [];
    inBatch = 0;
    pending = { counts: noCounts(), report: [] };
    await writing;
    writing = (async () => {
      if (rows.length > 0) {
        const outcomes = await inBatchTransaction(deps.store, async (tx) => {
          const written = await writeSubmissions(tx, rows, {
            actor: options.actor,
            at: deps.clock.now().toISOString(),
            authorities,
            source: { via: 'import', file: basename(path), lines },
          });
          // the checkpoint counts what this attempt commits; a retried one counts afresh
          const done: BatchTally = { counts: { ...read.counts }, report: [...read.report] };
          count(written, done.counts, options.onBatch ? done.report : null);
          await checkpoint(tx, lines[1]!, done);
          return written;
        });
        tally(outcomes, read);
      } else if (options.onBatch) {
        await deps.store.transaction((tx) => checkpoint(tx, lines[1]!, read));
      }
      commit(read);
      committedThrough = lines[1]!;
      summary.batches += 1;
      options.onProgress?.({ bytesRead: source.bytesRead(), bytesTotal, rows: summary.rows });
    })();
    // a failed write is rethrown at the next flush or at the end, not left unhandled
    writing.catch(() => undefined);
  };

  let lastLine = 0;
  let committedThrough = options.resume?.through ?? 0;
  try {
    await readAndWrite();
  } catch (error) {
    throw writeFailed(error, summary, committedThrough);
  }
  return summary;

  async function readAndWrite() {
    const skipThrough = options.resume?.through ?? 0;
    for await (const row of source.rows) {
      if (row.line <= skipThrough) continue;
      if (inBatch === 0) firstLine = row.line;
      summary.rows += 1;
      pending.counts.rows += 1;
      inBatch += 1;
      lastLine = row.line;
      if ('problems' in row) {
        tally([{ line: row.line, status: 'rejected', problems: row.problems }], pending);
      } else if (options.authority && !ownRow(row.input, options.authority)) {
        tally(
          [{ line: row.line, status: 'rejected', problems: [notOwn(options.authority)] }],
          pending,
        );
      } else {
        const input = options.authority
          ? { ...row.input, authority: options.authority }
          : row.input;
        const prepared = prepareSubmission(deps.catalog, input, today);
        if (prepared.ok) batch.push({ line: row.line, prepared: prepared.value });
        else tally([{ line: row.line, status: 'rejected', problems: prepared.problems }], pending);
      }
      if (inBatch >= options.batchSize) await flush(lastLine);
    }
    if (inBatch > 0) await flush(lastLine);
    await writing;
  }
}

/** adds outcomes to counts, and each problem of a bad row to `report` when given */
function count(
  outcomes: readonly RowOutcome[],
  counts: ImportCounts,
  report: JobReportRow[] | null,
): void {
  for (const o of outcomes) {
    if (o.status === 'rejected') {
      counts.rejected += 1;
      for (const p of o.problems)
        report?.push({ line: o.line, field: p.field, code: p.code, message: p.message });
    } else {
      counts[o.status] += 1;
      if (o.warnings.length > 0) counts.warnings += 1;
    }
  }
}

/**
 * A batch that could not be written (a full disk, the store gone): the error says how far the
 * import got and that a re-run resumes. Refusals of the input and a stop are passed on as they are.
 */
function writeFailed(error: unknown, summary: ImportSummary, committedThrough: number): unknown {
  if (
    error instanceof CredenceError &&
    (error.status < 500 || error.code === 'IMPORT_STOPPED' || error.code === 'JOB_LEASE_LOST')
  )
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
