import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CredenceError } from '../../errors.js';
import type { Job } from '../../store/store.js';
import type { ServiceDeps } from '../deps.js';
import { importFile, type ImportCheckpoint, type ImportCounts } from '../import/import.service.js';
import type { ImportFormat } from '../import/readers.js';
import type { JobHandler } from './job-runner.js';

export const IMPORT_JOB = 'import';

/** a job a worker's process died under this many times is failed, not claimed again */
const MAX_ATTEMPTS = 5;

interface ImportParams {
  authority: string | null;
  format: ImportFormat;
  bytesTotal: number;
}

/** What an import job's progress holds: how far its committed batches reach. */
interface ImportProgress {
  bytesRead: number;
  bytesTotal: number;
  rows: number;
  checkpoint: ImportCheckpoint | null;
}

/** An import job as the API shows it. */
export interface ImportJobView {
  id: string;
  accountId: string;
  status: 'running' | 'finished' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  progress: { bytesRead: number; bytesTotal: number; rows: number };
  summary: ImportCounts | null;
  error: string | null;
}

/** Queues an uploaded file for import by any server process; the file is kept in the store. */
export async function submitImport(
  deps: ServiceDeps,
  upload: { accountId: string; authority: string | null; format: ImportFormat; body: Buffer },
): Promise<ImportJobView> {
  const params: ImportParams = {
    authority: upload.authority,
    format: upload.format,
    bytesTotal: upload.body.length,
  };
  const progress: ImportProgress = {
    bytesRead: 0,
    bytesTotal: upload.body.length,
    rows: 0,
    checkpoint: null,
  };
  const job: Job = {
    id: `imp_${randomUUID()}`,
    kind: IMPORT_JOB,
    accountId: upload.accountId,
    state: 'queued',
    params: { ...params },
    progress: { ...progress },
    summary: null,
    error: null,
    attempts: 0,
    createdAt: deps.clock.now().toISOString(),
    startedAt: null,
    finishedAt: null,
    leaseOwner: null,
    leaseUntil: null,
  };
  await deps.store.insertJob(job, upload.body);
  return importView(job);
}

/** An import job as the API shows it: queued reads as running, as it did before jobs were stored. */
export function importView(job: Job): ImportJobView {
  const progress = job.progress as unknown as ImportProgress;
  return {
    id: job.id,
    accountId: job.accountId,
    status: job.state === 'queued' ? 'running' : job.state,
    startedAt: job.startedAt ?? job.createdAt,
    finishedAt: job.finishedAt,
    progress: {
      bytesRead: progress.bytesRead,
      bytesTotal: progress.bytesTotal,
      rows: progress.rows,
    },
    summary: job.summary as ImportCounts | null,
    error: job.error,
  };
}

/**
 * Runs a claimed import job from where its committed batches reached: each batch saves its
 * checkpoint and its bad rows in its own transaction, so a resumed job's counts and report are
 * those of one uninterrupted run. A stop (a shutdown) frees the job for the next process at once.
 */
export function importJobHandler(deps: ServiceDeps, dir: string, batchSize: number): JobHandler {
  return async (job, { owner, signal }) => {
    const params = job.params as unknown as ImportParams;
    const progress = job.progress as unknown as ImportProgress;
    const end = (
      state: 'finished' | 'failed',
      summary: ImportCounts | null,
      error: string | null,
    ) =>
      deps.store.finishJob(job.id, owner, {
        state,
        summary: summary ? { ...summary } : null,
        error,
        at: deps.clock.now().toISOString(),
      });
    if (job.attempts > MAX_ATTEMPTS) {
      await end(
        'failed',
        null,
        `the import was started ${MAX_ATTEMPTS} times and its process stopped each time; upload the file again`,
      );
      return;
    }
    const input = await deps.store.jobInput(job.id);
    if (!input) {
      await end('failed', null, 'the uploaded file is no longer stored; upload it again');
      return;
    }
    // named by the job, so a resumed run writes under the first one's source file name; in a
    // folder of the claim's own, so no other run of it in this process can touch it
    const folder = await mkdtemp(join(dir, 'claim-'));
    const file = join(folder, `${job.id}.${params.format}`);
    await writeFile(file, input);
    try {
      const done = await importFile(deps, file, {
        signal,
        actor: job.accountId,
        ...(params.authority ? { authority: params.authority } : {}),
        batchSize,
        format: params.format,
        ...(progress.checkpoint ? { resume: progress.checkpoint } : {}),
        onBatch: (tx, checkpoint, report) =>
          tx.checkpointJob({
            id: job.id,
            owner,
            progress: {
              bytesRead: Math.min(params.bytesTotal, checkpoint.bytesRead),
              bytesTotal: params.bytesTotal,
              rows: checkpoint.counts.rows,
              checkpoint,
            },
            report,
          }),
      });
      await end('finished', countsOf(done), null);
    } catch (error) {
      const code = error instanceof CredenceError ? error.code : null;
      // a shutdown: the next process claims it at once; a lost lease: another runs it already
      if (code === 'IMPORT_STOPPED') await deps.store.renewJobLease(job.id, owner, 0);
      else if (code !== 'JOB_LEASE_LOST')
        await end(
          'failed',
          null,
          error instanceof CredenceError
            ? error.message
            : 'the import stopped on an unexpected error',
        );
      throw error;
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  };
}

const countsOf = ({ rows, created, unchanged, rejected, warnings, batches }: ImportCounts) => ({
  rows,
  created,
  unchanged,
  rejected,
  warnings,
  batches,
});
