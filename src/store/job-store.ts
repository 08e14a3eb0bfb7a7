/**
 * Jobs, leases and shared counters (issue 21): what many server processes must agree on lives in
 * the store, not in one process's memory. Times are ms since the epoch where processes compare
 * them (leases, windows), ISO instants where a person reads them.
 */

import { CredenceError } from '../errors.js';

export type JobState = 'queued' | 'running' | 'finished' | 'failed';

export interface Job {
  id: string;
  /** what runs it: `import` */
  kind: string;
  accountId: string;
  state: JobState;
  /** what the job was asked to do (JSON) */
  params: Record<string, unknown>;
  /** how far its committed work has got (JSON): a resumed job starts from here */
  progress: Record<string, unknown>;
  /** its outcome once finished (JSON) */
  summary: Record<string, unknown> | null;
  error: string | null;
  /** how many times a worker has claimed it */
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  leaseOwner: string | null;
  leaseUntil: number | null;
}

/** One problem of one bad row of a job's input, as the error report lists it. */
export interface JobReportRow {
  line: number;
  field: string;
  code: string;
  message: string;
}

/** A counter's value in its running window. */
export interface CounterWindow {
  count: number;
  /** ms since the epoch when the window closes */
  endsAt: number;
}

/** Where shared counts are kept: the database's `rate_counters`, or Redis (store/redis.ts). */
export type CounterStore = Pick<JobStore, 'addToCounter' | 'subtractFromCounter' | 'readCounter'>;

export interface JobStore {
  /** stores a new job, queued, with its input (an uploaded file) when it has one */
  insertJob(job: Job, input: Buffer | null): Promise<void>;
  getJob(id: string): Promise<Job | null>;
  /** the input stored with a job; null once the job has finished or when it had none */
  jobInput(id: string): Promise<Buffer | null>;
  /**
   * claims the oldest job of these kinds that is queued or whose lease ran out before `now`, for
   * `owner` until `now + leaseMs`, counting the attempt; null when there is none. Two claimers
   * never get the same job.
   */
  claimJob(
    kinds: readonly string[],
    owner: string,
    now: number,
    leaseMs: number,
  ): Promise<Job | null>;
  /** extends the owner's lease to `until`; false when the owner holds it no more */
  renewJobLease(id: string, owner: string, until: number): Promise<boolean>;
  /** ends the owner's job (finished or failed) and drops its input; false when the owner holds it no more */
  finishJob(
    id: string,
    owner: string,
    end: {
      state: 'finished' | 'failed';
      summary: Record<string, unknown> | null;
      error: string | null;
      at: string;
    },
  ): Promise<boolean>;
  /** the job's error report rows, by line */
  jobReport(id: string): Promise<JobReportRow[]>;
  /**
   * takes or renews the named lease for `owner` until `until`, if it is free, ran out before
   * `now`, or is the owner's already; false while another owner holds it
   */
  takeLease(name: string, owner: string, now: number, until: number): Promise<boolean>;
  /** gives the named lease up, if the owner holds it */
  releaseLease(name: string, owner: string): Promise<void>;
  /** counts `events` against the key in its window, opening one of `windowMs` where none runs */
  addToCounter(key: string, events: number, now: number, windowMs: number): Promise<CounterWindow>;
  /**
   * takes `events` back from the key's window that ends at `endsAt` (a quota's refused batch);
   * a window closed since, or another, is left alone
   */
  subtractFromCounter(key: string, events: number, endsAt: number): Promise<void>;
  /** the key's running window, or null when none runs at `now` */
  readCounter(key: string, now: number): Promise<CounterWindow | null>;
  /** drops the counters whose window closed before `now` */
  sweepCounters(now: number): Promise<void>;
}

/** What a committed batch of a job saves in its own transaction (`StoreWrites.checkpointJob`). */
export interface JobCheckpoint {
  id: string;
  owner: string;
  progress: Record<string, unknown>;
  /** the bad rows the batch's lines hold */
  report: readonly JobReportRow[];
}

/** a checkpoint or an end by a worker whose lease another has taken over */
export const leaseLost = (id: string) =>
  new CredenceError('JOB_LEASE_LOST', `another worker holds the job ${id} now`, { field: 'id' });

/** each row with its place among the problems of its line: with the line, the row's key */
export function numberedReport(
  report: readonly JobReportRow[],
): Array<JobReportRow & { n: number }> {
  let n = 0;
  let line = -1;
  return report.map((r) => {
    n = r.line === line ? n + 1 : 0;
    line = r.line;
    return { ...r, field: storable(r.field), message: storable(r.message), n };
  });
}

/**
 * A report echoes the cells it refuses, which may hold U+0000 or a lone surrogate that no
 * PostgreSQL text can keep: written out as an escape, as the report's reader sees it anyway.
 */
const storable = (text: string): string => text.replaceAll('\u0000', '\\u0000').toWellFormed();
