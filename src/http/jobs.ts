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
