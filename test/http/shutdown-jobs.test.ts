import { describe, expect, it } from 'vitest';
import { serve } from '../../src/http/serve.js';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { importFile } from '../../src/services/import/import.service.js';
import type { Store } from '../../src/store/store.js';
import { BACKENDS } from '../support/backends.js';
import { COLUMNS, csvLine, penaltyRows, tempDir, writeCsv } from '../support/import-files.js';
import { BEIJING_MARKET, registry } from '../support/registry.js';
import { HTTP_DEFAULTS } from '../../src/config.js';

const ROWS = 400;
const BATCH = 20;

/**
 * The store as the server uses it, each transaction a little slow (so an import is still
 * running when the close comes), and counting what is asked of it once `closed` says it may go.
 */
function watchedStore(store: Store, delayMs: number) {
  const state = { released: false, usedAfterRelease: 0 };
  const sut = new Proxy(store, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function' || prop === 'close') return value;
      return async (...args: unknown[]) => {
        if (state.released) state.usedAfterRelease += 1;
        if (prop === 'transaction') await new Promise((resolve) => setTimeout(resolve, delayMs));
        return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      };
    },
  });
  return { store: sut, state };
}

describe.each(BACKENDS)('closing the server during an import job on $name', (backend) => {
  async function startImport(deps: ServiceDeps, closeGraceMs: number) {
    const { apiKey } = await createAccount(
      deps,
      { name: 'furnisher', role: 'furnisher', authority: BEIJING_MARKET },
      'test',
    );
    const http = {
      ...HTTP_DEFAULTS,
      host: '127.0.0.1',
      port: 0,
      jwtSecret: null,
      rateLimit: 0,
      logLevel: 'silent',
    };
    const serving = await serve(deps, http, BATCH, closeGraceMs);
    const body = [COLUMNS.join(','), ...penaltyRows(ROWS).map(csvLine)].join('\n') + '\n';
    const posted = await fetch(`${serving.url}/v1/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'text/csv' },
      body,
    });
    expect(posted.status).toBe(202);
    const { id } = (await posted.json()) as { id: string };
    // the job has committed a batch or more: it is running when the close comes
    for (let i = 0; i < 200 && (await deps.store.counts()).records === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    return { serving, id };
  }

  it('waits for a running import before the store may close', async () => {
    const opened = await backend.open();
    const watched = watchedStore(opened.store, 5);
    try {
      const deps = { ...(await registry(opened.store)), store: watched.store };
      const { serving } = await startImport(deps, 60_000);
      void serving.app.close();
      await serving.closed;
      watched.state.released = true;
      expect(await opened.store.counts()).toMatchObject({ records: ROWS });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(watched.state.usedAfterRelease).toBe(0);
    } finally {
      await opened.cleanup();
    }
  }, 60_000);

  it('stops the import at a batch boundary once the grace is over; a re-run resumes it', async () => {
    const opened = await backend.open();
    const watched = watchedStore(opened.store, 40);
    try {
      const deps = { ...(await registry(opened.store)), store: watched.store };
      const { serving } = await startImport(deps, 100);
      void serving.app.close();
      await serving.closed;
      watched.state.released = true;
      const { records } = await opened.store.counts();
      expect(records).toBeGreaterThan(0);
      expect(records).toBeLessThan(ROWS);
      expect(records % BATCH).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(watched.state.usedAfterRelease).toBe(0);

      const plain = { ...deps, store: opened.store };
      const path = writeCsv(tempDir(), 'again.csv', penaltyRows(ROWS));
      const again = await importFile(plain, path, { actor: 'importer', batchSize: BATCH });
      expect(again).toMatchObject({ created: ROWS - records, unchanged: records, rejected: 0 });
    } finally {
      await opened.cleanup();
    }
  }, 60_000);
});
