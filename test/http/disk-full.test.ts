import { execFileSync } from 'node:child_process';
import { chownSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFile } from '../../src/services/import/import.service.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { BACKENDS, onAdmin, PG_ADMIN_URL } from '../support/backends.js';
import { penaltyRows, tempDir, writeCsv } from '../support/import-files.js';
import { countedDisk, mountTmpfs, smallDisk, type SmallDisk } from '../support/small-disk.js';
import { penalty } from '../support/registry.js';
import { apiWorld, json, submit, type ApiWorld } from './support.js';

const MIB = 2 ** 20;

/** The API on a SQLite store in `disk`, readiness failing under `floorMib` MiB free. */
async function serveOn(disk: SmallDisk, floorMib: number): Promise<ApiWorld> {
  const store = SqliteStore.open(join(disk.dir, 'credence.db'), {
    minFreeBytes: floorMib * MIB,
    ...(disk.disk ? { disk: disk.disk } : {}),
  });
  await store.migrate();
  return apiWorld(store);
}

const ready = (world: ApiWorld) => world.app.inject({ method: 'GET', url: '/ready' });

async function expectDiskFull(res: Awaited<ReturnType<typeof ready>>, message: RegExp) {
  expect(res.statusCode).toBe(503);
  expect(res.headers['retry-after']).toBe('5');
  expect(json<{ error: { code: string; message: string } }>(res).error).toMatchObject({
    code: 'STORE_DISK_FULL',
    message: expect.stringMatching(message),
  });
}

describe.each([
  { name: 'a tmpfs (or, where none can be mounted, a counted directory)', make: smallDisk },
  { name: 'an injected free-space reader', make: countedDisk },
])('readiness on a SQLite store whose disk fills up, on $name', ({ make }) => {
  let disk: SmallDisk;
  let world: ApiWorld;
  beforeEach(() => void (disk = make(16)));
  afterEach(async () => {
    await world.app.close();
    await world.deps.store.close();
    disk.destroy();
  });

  it('answers 503 STORE_DISK_FULL with Retry-After under the free-space floor, and ready once room is freed', async () => {
    world = await serveOn(disk, 4);
    expect((await ready(world)).statusCode).toBe(200);
    await disk.fill(2);
    await expectDiskFull(await ready(world), /MiB free, under the floor of 4 MiB/);
    await disk.clear();
    expect((await ready(world)).statusCode).toBe(200);
  });

  it('answers 503 STORE_DISK_FULL where a write into the store is refused for want of space, with no floor', async () => {
    world = await serveOn(disk, 0);
    await disk.fill(0);
    await expectDiskFull(await ready(world), /a write was refused for want of space/);
  });
});

const mounted = mountTmpfs(4);
if ('reason' in mounted) console.log(`full-disk write tests skipped: ${mounted.reason}`);
else mounted.disk.destroy();

describe.runIf('disk' in mounted)('writes on a full tmpfs under a SQLite store', () => {
  let disk: SmallDisk;
  let world: ApiWorld;
  beforeEach(async () => {
    const made = mountTmpfs(3);
    if (!('disk' in made)) throw new Error(made.reason);
    disk = made.disk;
    world = await serveOn(disk, 0);
  });
  afterEach(async () => {
    await world.app.close();
    await world.deps.store.close();
    disk.destroy();
  });

  it('an import that fills the disk says how many rows are committed; a request answers 503; the re-run on a larger disk completes the store', async () => {
    const rows = 4000;
    const path = writeCsv(tempDir(), 'rows.csv', penaltyRows(rows));
    const failed = await importFile(world.deps, path, { actor: 'importer', batchSize: 100 }).then(
      () => null,
      (error: unknown) => error as { code: string; message: string; detail: { created: number } },
    );
    expect(failed).toMatchObject({
      code: 'IMPORT_WRITE_FAILED',
      message: expect.stringMatching(
        /^the disk is full: \d+ batches \(\d+ records created, through line \d+\) are committed; .*run the import again to resume/,
      ),
    });
    const { created } = failed!.detail;
    expect(created % 100).toBe(0);
    expect(created).toBeLessThan(rows);
    expect((await world.deps.store.counts()).records).toBe(created);

    // the WAL keeps the room of the batch rolled back: small writes may fit in it for a while
    await disk.fill(0);
    let accepted = 0;
    let refused = await submit(world, penalty({ source_ref: 'FULL-0' }));
    while (refused.statusCode === 201 && accepted < 2000) {
      accepted += 1;
      refused = await submit(world, penalty({ source_ref: `FULL-${accepted}` }));
    }
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(json<{ error: { code: string } }>(refused).error.code).toBe('STORE_DISK_FULL');
    await expectDiskFull(await ready(world), /refused/);

    await disk.clear();
    disk.grow(64);
    expect((await ready(world)).statusCode).toBe(200);
    // the refused write, retried as a client does: the full disk stopped it before its commit
    // (created now) or after, when its owed follow-ups could not run (unchanged, and run now);
    // either way it is stored once
    const retried = await submit(world, penalty({ source_ref: `FULL-${accepted}` }));
    expect([200, 201]).toContain(retried.statusCode);
    const again = await importFile(world.deps, path, { actor: 'importer', batchSize: 100 });
    expect(again).toMatchObject({ created: rows - created, unchanged: created, rejected: 0 });
    expect((await world.deps.store.counts()).records).toBe(rows + accepted + 1);
  });
});

const withPostgres = BACKENDS.some((b) => b.name === 'postgres');

// the database lives in a tablespace on a small tmpfs, its WAL on the server's own disk
describe.runIf('disk' in mounted && withPostgres)(
  'writes on a full tablespace under a PostgreSQL store',
  () => {
    const name = `credence_full_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    let disk: SmallDisk;
    let world: ApiWorld | undefined;
    beforeEach(async () => {
      const made = mountTmpfs(48);
      if (!('disk' in made)) throw new Error(made.reason);
      disk = made.disk;
      const location = join(disk.dir, 'tablespace');
      mkdirSync(location);
      const owner = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      chownSync(location, owner, owner);
      await onAdmin(`CREATE TABLESPACE ${name} LOCATION '${location}'`);
      await onAdmin(`CREATE DATABASE ${name} TABLESPACE ${name}`);
      const url = new URL(PG_ADMIN_URL);
      url.pathname = `/${name}`;
      const store = await PostgresStore.connect(url.toString());
      await store.migrate();
      world = await apiWorld(store);
    });
    afterEach(async () => {
      await world?.app.close();
      await world?.deps.store.close();
      await onAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await onAdmin(`DROP TABLESPACE IF EXISTS ${name}`);
      disk.destroy();
    });

    it('a write the full disk refuses answers 503 STORE_DISK_FULL, and is stored once when retried after room is made', async () => {
      await disk.fill(0);
      let accepted = 0;
      let refused = await submit(world!, penalty({ source_ref: 'PG-FULL-0' }));
      while (refused.statusCode === 201 && accepted < 5000) {
        accepted += 1;
        refused = await submit(world!, penalty({ source_ref: `PG-FULL-${accepted}` }));
      }
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(json<{ error: { code: string } }>(refused).error.code).toBe('STORE_DISK_FULL');

      await disk.clear();
      const retried = await submit(world!, penalty({ source_ref: `PG-FULL-${accepted}` }));
      expect([200, 201]).toContain(retried.statusCode);
      expect((await world!.deps.store.counts()).records).toBe(accepted + 1);
    });
  },
);
