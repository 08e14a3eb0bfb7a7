import { describe, expect, it } from 'vitest';
import type { ServiceDeps } from '../../src/services/deps.js';
import { importFile } from '../../src/services/import/import.service.js';
import type { Store } from '../../src/store/store.js';
import { BACKENDS } from '../support/backends.js';
import { penaltyRows, tempDir, writeCsv } from '../support/import-files.js';
import { registryPerTest } from '../support/registry.js';

/** The store as a full disk leaves it: from the `failAt`-th transaction on, every write fails. */
function fillsUpAt(store: Store, failAt: number): Store {
  let transactions = 0;
  return new Proxy(store, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (prop !== 'transaction') return value.bind(target);
      return (fn: Parameters<Store['transaction']>[0]) => {
        transactions += 1;
        if (transactions < failAt) return target.transaction(fn);
        return Promise.reject(
          Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }),
        );
      };
    },
  });
}

describe.each(BACKENDS)('an import whose store fills up on $name', (backend) => {
  const registry = registryPerTest(backend);

  it('ends with a coded error saying how far it got and that a re-run resumes, which it does', async () => {
    const path = writeCsv(tempDir(), 'rows.csv', penaltyRows(20));
    const full: ServiceDeps = { ...registry(), store: fillsUpAt(registry().store, 3) };
    const failed = importFile(full, path, { actor: 'importer', batchSize: 5 });
    await expect(failed).rejects.toMatchObject({
      code: 'IMPORT_WRITE_FAILED',
      message: expect.stringMatching(
        /^the disk is full: 2 batches \(10 records created, through line 11\) are committed; .*run the import again to resume/,
      ),
    });
    expect(await registry().store.counts()).toMatchObject({ records: 10 });
    const again = await importFile(registry(), path, { actor: 'importer', batchSize: 5 });
    expect(again).toMatchObject({ created: 10, unchanged: 10, rejected: 0 });
  });
});
