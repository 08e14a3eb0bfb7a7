import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { recordCheckpoint, verifyAudit } from '../../src/services/audit/audit.service.js';
import { backupStore } from '../../src/services/backup/backup.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { submitRecord } from '../../src/services/records/records.service.js';
import { openStore } from '../../src/store/open.js';
import { restoreBackup } from '../../src/store/restore.js';
import type { Store } from '../../src/store/store.js';
import { BACKENDS } from '../support/backends.js';
import { penaltyRows, tempDir } from '../support/import-files.js';
import { registryPerTest } from '../support/registry.js';

const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A place to restore into: a new SQLite path, or a new empty PostgreSQL database. */
async function restoreTarget(backend: string, dir: string) {
  if (backend === 'sqlite') return { url: join(dir, 'restored.db'), drop: async () => undefined };
  const name = `credence_restore_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

describe.each(BACKENDS)('backup and restore on $name', (backend) => {
  const registry = registryPerTest(backend);

  it('backs up while records are written; the restored copy verifies and reaches its checkpoint, and a later published checkpoint shows it is older', async () => {
    const sut = registry();
    const rows = penaltyRows(60);
    for (const row of rows.slice(0, 10)) await submitRecord(sut, row, 'furnisher');
    const dir = tempDir();
    const destination = join(dir, backend.name === 'sqlite' ? 'copy.db' : 'copy.dump');
    // writers go on during the backup
    const writing = (async () => {
      for (const row of rows.slice(10)) await submitRecord(sut, row, 'furnisher');
    })();
    const backup = await backupStore(sut, destination, 'operator');
    await writing;
    const later = await recordCheckpoint(sut, 'operator');

    const target = await restoreTarget(backend.name, dir);
    let restored: Store | undefined;
    try {
      await restoreBackup(target.url, destination, false);
      restored = await openStore(target.url);
      await restored.migrate();
      const copy: ServiceDeps = { ...sut, store: restored };
      const verified = await verifyAudit(copy, [backup.checkpoint]);
      expect(verified.finding).toBeNull();
      expect(verified.ok).toBe(true);
      expect(verified.head.seq).toBeGreaterThan(backup.checkpoint.seq);
      const { records } = await restored.counts();
      expect(records).toBeGreaterThanOrEqual(10);
      expect(records).toBeLessThanOrEqual(60);
      // restoring this older copy is detected by the checkpoint published after it
      const older = await verifyAudit(copy, [later]);
      expect(older.ok).toBe(false);
      expect(older.checkpoints[0]).toMatchObject({ seq: later.seq, matches: null });
    } finally {
      await restored?.close();
      await target.drop();
    }
  }, 120_000);

  it('refuses to write a backup over an existing file and to restore over a store in use', async () => {
    const sut = registry();
    await submitRecord(sut, penaltyRows(1)[0]!, 'furnisher');
    const dir = tempDir();
    const destination = join(dir, 'copy.bak');
    await backupStore(sut, destination, 'operator');
    await expect(backupStore(sut, destination, 'operator')).rejects.toMatchObject({
      code: 'BACKUP_TARGET_EXISTS',
    });
    if (backend.name === 'sqlite') {
      const existing = join(dir, 'existing.db');
      const store = await openStore(existing);
      await store.migrate();
      await store.close();
      await expect(restoreBackup(existing, destination, false)).rejects.toMatchObject({
        code: 'BACKUP_TARGET_EXISTS',
      });
    }
  }, 60_000);
});
