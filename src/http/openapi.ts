import { loadCatalog } from '../catalog/load.js';
import { systemClock } from '../domain/clock.js';
import { openStore } from '../store/open.js';
import { buildApp } from './app.js';

/**
 * The OpenAPI 3.1 document, generated from the zod schemas that validate requests. It does not
 * depend on data, so it is built over an empty in-memory store.
 */
export async function openApiDocument(catalogDir: string): Promise<Record<string, unknown>> {
  const store = await openStore(':memory:');
  try {
    await store.migrate();
    const deps = { store, catalog: await loadCatalog(catalogDir), clock: systemClock };
    const app = await buildApp(deps, {
      http: { jwtSecret: null, rateLimit: 1, logLevel: 'silent' },
      logger: false,
      webhooks: false,
    });
    await app.ready();
    const document = app.swagger() as unknown as Record<string, unknown>;
    await app.close();
    return document;
  } finally {
    await store.close();
  }
}

export const openApiText = (document: Record<string, unknown>): string =>
  `${JSON.stringify(document, null, 2)}\n`;
