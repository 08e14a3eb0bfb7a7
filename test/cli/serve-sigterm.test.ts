import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import { verifyAudit } from '../../src/services/audit/audit.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { importFile } from '../../src/services/import/import.service.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { spawnServer } from '../support/cli.js';
import { penaltyRows, tempDir, writeCsv } from '../support/import-files.js';
import { BEIJING_MARKET, registry } from '../support/registry.js';

const ROWS = 4000;
const BATCH = 100;

/** Runs `fn` on the registry in `db` (the server's file, while no server has it open). */
async function onStore<T>(db: string, fn: (deps: ServiceDeps) => Promise<T>): Promise<T> {
  const store = SqliteStore.open(db);
  try {
    await store.migrate();
    return await fn(await registry(store));
  } finally {
    await store.close();
  }
}

describe('credence serve sent a real SIGTERM during an HTTP import', () => {
  it('stops the job at a batch boundary, exits 0, and a re-run of the file completes the store', async () => {
    const dir = tempDir();
    const db = join(dir, 'serve.db');
    const file = writeCsv(dir, 'rows.csv', penaltyRows(ROWS));
    const { apiKey } = await onStore(db, (deps) =>
      createAccount(deps, { name: 'desk', role: 'furnisher', authority: BEIJING_MARKET }, 'test'),
    );

    // a short grace: the close stops the job instead of waiting for all of it
    const { server, base, exited } = await spawnServer(db, {
      CREDENCE_IMPORT_BATCH: String(BATCH),
      CREDENCE_CLOSE_GRACE_MS: '200',
    });
    const headers = { authorization: `Bearer ${apiKey}` };
    const posted = await fetch(`${base}/v1/imports`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv' },
      body: readFileSync(file),
    });
    expect(posted.status).toBe(202);
    const { id } = (await posted.json()) as { id: string };
    // the job is well under way (rows read past a few batches) when the signal comes
    for (let i = 0; i < 600; i += 1) {
      const job = (await (await fetch(`${base}/v1/imports/${id}`, { headers })).json()) as {
        progress: { rows: number };
        status: string;
      };
      if (job.status !== 'running' || job.progress.rows >= 5 * BATCH) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    server.kill('SIGTERM');
    expect(await exited).toMatchObject({ code: 0, signal: null });

    await onStore(db, async (deps) => {
      const stopped = await deps.store.counts();
      expect(stopped.records).toBeGreaterThan(0);
      expect(stopped.records).toBeLessThan(ROWS);
      expect(stopped.records % BATCH).toBe(0);
      expect(stopped.versions).toBe(stopped.records);

      const again = await importFile(deps, file, { actor: 'importer', batchSize: BATCH });
      expect(again).toMatchObject({
        created: ROWS - stopped.records,
        unchanged: stopped.records,
        rejected: 0,
      });
      expect(await deps.store.counts()).toMatchObject({ records: ROWS, versions: ROWS });
      expect(await verifyAudit(deps)).toMatchObject({ ok: true });
    });
  }, 120_000);
});
