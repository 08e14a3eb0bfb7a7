import { z } from 'zod';
import { ANYONE } from '../access.js';
import type { RegisterRoutes } from '../types.js';

/** Liveness and readiness for the orchestrator: readiness also reaches the store. */
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
      await deps.store.getSubject('sub_readiness_probe');
      return { status: 'ready' as const, store: deps.store.label.split(':')[0] ?? 'store' };
    },
  );
};
