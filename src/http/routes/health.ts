import { z } from 'zod';
import { ANYONE } from '../access.js';
import type { RegisterRoutes } from '../types.js';

/**
 * Liveness and readiness for the orchestrator: readiness also reaches the store, and fails
 * (503 with Retry-After) where the store could not take a write, its disk full included.
 */
export const healthRoutes: RegisterRoutes = (app, { deps }) => {
  const config = { access: ANYONE, rateLimit: false } as const;
  app.get(
    '/health',
    {
      config,
      schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/ready',
    {
      config,
      schema: {
        tags: ['health'],
        response: { 200: z.object({ status: z.literal('ready'), store: z.string() }) },
      },
    },
    async () => {
      await deps.store.ready();
      return { status: 'ready' as const, store: deps.store.label.split(':')[0] ?? 'store' };
    },
  );
};
