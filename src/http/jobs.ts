import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceDeps } from '../services/deps.js';
import { IMPORT_JOB, importJobHandler } from '../services/jobs/import-jobs.service.js';
import { JobRunner, type JobRunnerOptions } from '../services/jobs/job-runner.js';
import type { App } from './types.js';

/**
 * Work a request starts and does not wait for (imports, rating runs): the server's close
 * waits for it, so a shutdown never cuts a transaction off from its store. A close waits up to
 * `graceMs`; then the jobs that can stop are told to, and stop at their next batch boundary.
 */
export class Jobs {
  private readonly running = new Map<Promise<unknown>, AbortController>();

  constructor(private readonly graceMs = 30_000) {}

  /** tracks a job; `stop` aborts it at a batch boundary once a close has waited long enough */
  track(job: Promise<unknown>, onError: (error: unknown) => void, stop?: AbortController): void {
    const settled = job.catch(onError).finally(() => this.running.delete(settled));
    this.running.set(settled, stop ?? new AbortController());
  }

  async drain(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'over'>((resolve) => {
      timer = setTimeout(() => resolve('over'), this.graceMs);
    });
    try {
      while (this.running.size > 0) {
        const done = Promise.allSettled([...this.running.keys()]);
        if ((await Promise.race([done, graceOver])) === 'over') {
          for (const stop of this.running.values()) stop.abort();
          await done;
        }
      }
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * The worker of stored jobs in this process: it claims from the store once the app is ready, and
 * on close claims no more, then waits for (or after the grace stops) what it runs.
 */
export function runStoredJobs(
  app: App,
  deps: ServiceDeps,
  jobs: Jobs,
  options: Partial<Pick<JobRunnerOptions, 'leaseMs' | 'heartbeatMs' | 'pollMs' | 'concurrency'>> & {
    owner: string;
    importBatchSize: number;
  },
): JobRunner {
  const dir = mkdtempSync(join(tmpdir(), 'credence-jobs-'));
  const runner = new JobRunner(deps, {
    ...options,
    handlers: {
      [IMPORT_JOB]: importJobHandler(deps, dir, options.importBatchSize),
    },
    track: (work, stop, job) =>
      jobs.track(work, (error) => app.log.error({ err: error, jobId: job.id }, 'job failed'), stop),
    onError: (error, job) =>
      app.log.error({ err: error, jobId: job?.id }, 'job runner: the store failed; it tries again'),
  });
  app.addHook('onReady', async () => runner.start());
  app.addHook('onClose', async () => {
    await runner.stop();
    await jobs.drain();
    await rm(dir, { recursive: true, force: true });
  });
  return runner;
}
