import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { ServiceDeps } from '../services/deps.js';
import { rateBatch, type BatchedCounts } from './batched-counts.js';

/**
 * What several server processes on one store must share (issue 21, `serve --workers`): who does
 * the work that must run once (the views loop, webhook delivery), and the request counters of
 * the rate limit. One process alone keeps both in its memory, as before.
 */
export interface Leadership {
  /**
   * whether this process holds the named lease for the next `forMs` (taking or renewing it);
   * another process takes it over only once it has run out (this process died or stalled)
   */
  held(name: string, forMs: number): Promise<boolean>;
  /** gives up the leases this process holds (a close), so another takes them at its next turn */
  release(): Promise<void>;
}

/** One process: it does everything itself. */
export const soleProcess: Leadership = {
  held: async () => true,
  release: async () => undefined,
};

/** Many processes: a lease in the store, named by the work, held by one process at a time. */
export function storeLeases(deps: ServiceDeps, owner: string): Leadership {
  const taken = new Set<string>();
  return {
    async held(name, forMs) {
      const now = deps.clock.now().getTime();
      const held = await deps.store.takeLease(name, owner, now, now + forMs);
      if (held) taken.add(name);
      else taken.delete(name);
      return held;
    },
    async release() {
      for (const name of taken) await deps.store.releaseLease(name, owner);
      taken.clear();
    },
  };
}

/**
 * @fastify/rate-limit's counters in the shared store of counters (the database or Redis): every
 * process counts against the one limit, in batches (BatchedCounts: N processes let at most N ×
 * rateBatch(max) requests past it in a window). `counts` is closed with the server.
 */
export function sharedRateCounters(counts: BatchedCounts): FastifyRateLimitStoreCtor {
  const storeFor = (max: number) => {
    const batch = rateBatch(max);
    const store: FastifyRateLimitStore & {
      read: (key: string, cb: Parameters<FastifyRateLimitStore['incr']>[1]) => void;
    } = {
      incr(key, callback, timeWindow) {
        counts.add(`rate:${key}`, timeWindow, batch).then(
          (w) => callback(null, { current: w.count, ttl: Math.max(0, w.endsAt - counts.now()) }),
          (error: Error) => callback(error),
        );
      },
      read(key, callback) {
        const w = counts.read(`rate:${key}`);
        callback(null, { current: w?.count ?? 0, ttl: w ? w.endsAt - counts.now() : 0 });
      },
      // the plugin adds a route group's id to the key itself: one table holds every group; a
      // route's own limit sends in batches of its own size
      child: (options) => {
        const { max } = options as { max?: unknown };
        return typeof max === 'number' ? storeFor(max) : store;
      },
    };
    return store;
  };
  return class {
    constructor(options: { max?: unknown }) {
      return storeFor(typeof options.max === 'number' ? options.max : 1);
    }
  } as unknown as FastifyRateLimitStoreCtor;
}
