import type { ServiceDeps } from '../deps.js';
import type { Job } from '../../store/store.js';

/** Runs one claimed job; `signal` aborts it at its next batch boundary (a shutdown, a lost lease). */
export type JobHandler = (job: Job, run: { owner: string; signal: AbortSignal }) => Promise<void>;

export interface JobRunnerOptions {
  /** this process's name in leases: unique among the processes sharing the store */
  owner: string;
  handlers: Record<string, JobHandler>;
  /** how long a claim holds without a heartbeat: a dead process's jobs are free after this */
  leaseMs?: number;
  /** how often a running job's lease is renewed */
  heartbeatMs?: number;
  /** how often the store is asked for a job to claim */
  pollMs?: number;
  /** jobs one process runs at a time */
  concurrency?: number;
  /** takes each job's work, so that a close waits for it (`Jobs.track`) */
  track: (work: Promise<unknown>, stop: AbortController, job: Job) => void;
  onError: (error: unknown, job: Job | null) => void;
}

/**
 * Claims jobs from the store and runs them, one worker of many: a claim holds a lease that a
 * heartbeat renews while the job runs, so the jobs of a process that dies are claimed again
 * (and resumed) by another once their lease runs out.
 */
export class JobRunner {
  private readonly leaseMs: number;
  private readonly heartbeatMs: number;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private running = 0;
  private claims = 0;
  private stopped = true;
  private timer: NodeJS.Timeout | undefined;
  private claiming: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly options: JobRunnerOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 30_000;
    this.heartbeatMs = options.heartbeatMs ?? Math.floor(this.leaseMs / 3);
    this.pollMs = options.pollMs ?? 1000;
    this.concurrency = options.concurrency ?? 2;
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** looks for work now (a job was just queued), and again every `pollMs` */
  kick(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.claiming = this.claiming.then(() => this.claimAll());
    this.timer = setTimeout(() => this.kick(), this.pollMs);
    this.timer.unref();
  }

  /** claims no more; running jobs are the tracker's to wait for or stop */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.claiming;
  }

  private async claimAll(): Promise<void> {
    const kinds = Object.keys(this.options.handlers);
    while (!this.stopped && this.running < this.concurrency) {
      let job: Job | null;
      // a lease is a claim's, not the process's: a job this process claims again (its own lease
      // ran out while it stalled) is not run twice, the first run loses its lease
      const owner = `${this.options.owner}#${++this.claims}`;
      try {
        job = await this.deps.store.claimJob(kinds, owner, this.now(), this.leaseMs);
      } catch (error) {
        this.options.onError(error, null);
        return;
      }
      if (!job) return;
      this.runOne(job, owner);
    }
  }

  private runOne(job: Job, owner: string): void {
    const stop = new AbortController();
    this.running += 1;
    const beat = setInterval(() => {
      this.deps.store.renewJobLease(job.id, owner, this.now() + this.leaseMs).then(
        (held) => {
          if (!held) stop.abort();
        },
        (error: unknown) => this.options.onError(error, job),
      );
    }, this.heartbeatMs);
    beat.unref();
    const handler = this.options.handlers[job.kind]!;
    const work = handler(job, { owner, signal: stop.signal }).finally(() => {
      clearInterval(beat);
      this.running -= 1;
      this.kick();
    });
    this.options.track(work, stop, job);
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }
}
