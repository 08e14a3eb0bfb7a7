import type { FastifyRequest } from 'fastify';
import type { Clock } from '../domain/clock.js';
import { CredenceError } from '../errors.js';
import { secondsLeft, type Counters } from './counters.js';

const WINDOW_MS = 60_000;

/**
 * The queries an account may screen or reconcile a minute, counted per query, not per request
 * (issue 19): a batch of 100 is 100, and these requests are apart from the account's request
 * limit, so that a screening client does not use up its other calls. A fixed window, in the one
 * store of counters every process counts in: a batch is counted first, atomically, and taken
 * back when it went past the quota, so that two processes never let more through than it allows.
 */
export class QueryQuota {
  /** `perMinute` 0: no limit */
  constructor(
    private readonly perMinute: number,
    private readonly counters: Counters,
    private readonly clock: Clock,
  ) {}

  /** Counts `queries` for the account, or refuses them all (SCREENING_RATE_LIMITED) and counts none. */
  async take(account: string, queries: number): Promise<void> {
    if (this.perMinute === 0) return;
    const key = `screening:${account}`;
    const window = await this.counters.add(key, queries, WINDOW_MS);
    if (window.count <= this.perMinute) return;
    await this.counters.subtract(key, queries, window.endsAt);
    const before = window.count - queries;
    // a batch larger than the whole quota opened the window: it waits all of it, and is refused again
    const retryAfter = secondsLeft(window, this.clock.now().getTime());
    throw new CredenceError(
      'SCREENING_RATE_LIMITED',
      `this account may screen or reconcile ${this.perMinute} queries a minute, ${Math.max(0, this.perMinute - before)} left; retry in ${retryAfter} s`,
      { retryAfter, field: 'queries' },
    );
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
