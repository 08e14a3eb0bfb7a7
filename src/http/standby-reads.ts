import type { FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../services/deps.js';
import type { WriterPositions } from '../store/store.js';
import type { App } from './types.js';

/**
 * Hot standbys for the public reads (issue 21, DATABASE_READ_URL). A route with
 * `config.reads: 'standby'` (public views, search, measure checks, public lists) reads through
 * `readingDeps`; any other request of an account may write, so its client's reads stay on the
 * primary until a standby has replayed what the primary held when it answered. With Redis
 * (CREDENCE_REDIS_URL) that position is kept there too, and every process honours it.
 */
export function registerStandbyReads(
  app: App,
  deps: ServiceDeps,
  /** where every process keeps the writers' positions (Redis), or null: each its own */
  positions: WriterPositions | null = null,
): void {
  const routing = deps.reads;
  if (!routing) return;
  routing.attach(app.log);
  if (positions && routing.share && routing.recall) {
    routing.share(positions);
    const recall = routing.recall.bind(routing);
    // an account's standby read learns first what another process saw it write
    app.addHook('preHandler', async (request) => {
      if (request.routeOptions.config.reads === 'standby' && request.principal.role !== 'public')
        await recall(request.principal.id);
    });
  }
  // before the answer goes: the client's next read may come the moment it has it
  app.addHook('onSend', async (request) => {
    if (request.principal?.role === 'public' || request.routeOptions.config.reads === 'standby')
      return;
    if (request.principal) await routing.wrote(request.principal.id);
  });
}

/** The services a standby-read route uses: the store its client's reads go through. */
export const readingDeps = (deps: ServiceDeps, request: FastifyRequest): ServiceDeps =>
  deps.reads
    ? {
        ...deps,
        store: deps.reads.readsFor(
          request.principal && request.principal.role !== 'public' ? request.principal.id : null,
        ),
      }
    : deps;
