/**
 * Work a request starts and does not wait for (imports, rating runs): the server's close
 * waits for it, so a shutdown never cuts a transaction off from its store.
 */
export class Jobs {
  private readonly running = new Set<Promise<unknown>>();

  track(job: Promise<unknown>, onError: (error: unknown) => void): void {
    const settled = job.catch(onError).finally(() => this.running.delete(settled));
    this.running.add(settled);
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
