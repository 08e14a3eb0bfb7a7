import type { FastifyRequest } from 'fastify';
import type { Clock } from '../domain/clock.js';
import { CredenceError } from '../errors.js';
import { WindowCounter } from './throttle.js';

const WINDOW_MS = 60_000;

/**
 * The queries an account may screen or reconcile a minute, counted per query, not per request
 * (issue 19): a batch of 100 is 100, and these requests are apart from the account's request
 * limit, so that a screening client does not use up its other calls. A fixed window, kept in the
 * process: each server counts its own.
 */
export class QueryQuota {
  private readonly counter: WindowCounter;

  /** `perMinute` 0: no limit */
  constructor(
    private readonly perMinute: number,
    clock: Clock,
  ) {
    this.counter = new WindowCounter(WINDOW_MS, () => clock.now().getTime());
  }

  /** Counts `queries` for the account, or refuses them all (SCREENING_RATE_LIMITED) and counts none. */
  take(account: string, queries: number): void {
    if (this.perMinute === 0) return;
    const { count, secondsLeft } = this.counter.count(account);
    if (count + queries > this.perMinute) {
      // a batch larger than the whole quota waits a whole window, and is refused again
      const retryAfter = secondsLeft || WINDOW_MS / 1000;
      throw new CredenceError(
        'SCREENING_RATE_LIMITED',
        `this account may screen or reconcile ${this.perMinute} queries a minute, ${this.perMinute - count} left; retry in ${retryAfter} s`,
        { retryAfter, field: 'queries' },
      );
    }
    this.counter.add(account, queries);
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
