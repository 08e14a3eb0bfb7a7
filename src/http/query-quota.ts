import type { FastifyRequest } from 'fastify';
import type { Clock } from '../domain/clock.js';
import { CredenceError } from '../errors.js';

/** accounts remembered before the ones whose window has ended are swept out */
const SWEEP_AT = 10_000;
const WINDOW_MS = 60_000;

interface Window {
  start: number;
  used: number;
}

/**
 * The queries an account may screen or reconcile a minute, counted per query, not per request
 * (issue 19): a batch of 100 is 100, and these requests are apart from the account's request
 * limit, so that a screening client does not use up its other calls. A fixed window, kept in the
 * process: each server counts its own.
 */
export class QueryQuota {
  private readonly windows = new Map<string, Window>();

  /** `perMinute` 0: no limit */
  constructor(
    private readonly perMinute: number,
    private readonly clock: Clock,
  ) {}

  /** Counts `queries` for the account, or refuses them all (SCREENING_RATE_LIMITED) and counts none. */
  take(account: string, queries: number): void {
    if (this.perMinute === 0) return;
    const now = this.clock.now().getTime();
    let window = this.windows.get(account);
    if (!window || now - window.start >= WINDOW_MS) {
      if (this.windows.size >= SWEEP_AT) this.sweep(now);
      window = { start: now, used: 0 };
      this.windows.set(account, window);
    }
    if (window.used + queries > this.perMinute) {
      const retryAfter = Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
      throw new CredenceError(
        'SCREENING_RATE_LIMITED',
        `this account may screen or reconcile ${this.perMinute} queries a minute, ${this.perMinute - window.used} left; retry in ${retryAfter} s`,
        { retryAfter, field: 'queries' },
      );
    }
    window.used += queries;
  }

  private sweep(now: number): void {
    for (const [account, w] of this.windows)
      if (now - w.start >= WINDOW_MS) this.windows.delete(account);
  }
}

/**
 * The request limit of the routes that screen or reconcile: a group of its own, so that their
 * requests are counted apart from a caller's others; an account may send as many requests as it
 * has queries (the quota binds first), the public as many as the general limit allows.
 */
export function screeningRequestLimit(requestsPerMinute: number, queriesPerMinute: number) {
  const forAccounts =
    queriesPerMinute > 0 ? Math.max(requestsPerMinute, queriesPerMinute) : requestsPerMinute;
  return {
    groupId: 'screening',
    max: (request: FastifyRequest): number =>
      request.principal.role === 'public' ? requestsPerMinute : forAccounts,
  };
}
