import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addBeijingMarket, credence } from '../support/cli.js';
import { penaltyRows, tempDir, writeCsv } from '../support/import-files.js';

describe('credence backup and restore on a SQLite file', () => {
  it('writes a copy with a checkpoint, restores it into a new file that verifies, and refuses to overwrite', () => {
    const dir = tempDir();
    const db = join(dir, 'live.db');
    expect(credence(db, 'init').code).toBe(0);
    addBeijingMarket(db);
    expect(credence(db, 'import', writeCsv(dir, 'rows.csv', penaltyRows(20))).code).toBe(0);

    const copy = join(dir, 'copy.db');
    const backup = credence(db, 'backup', copy);
    expect(backup.code, backup.stderr).toBe(0);
    const checkpoint = /checkpoint (\d+:[0-9a-f]{64})/.exec(backup.stdout)?.[1];
    expect(checkpoint).toBeDefined();
    expect(credence(db, 'backup', copy)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('BACKUP_TARGET_EXISTS'),
    });

    const restoredDb = join(dir, 'restored.db');
    const restored = credence(restoredDb, 'restore', copy, '--checkpoint', checkpoint!);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('the chain holds');
    expect(credence(restoredDb, 'restore', copy)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('BACKUP_TARGET_EXISTS'),
    });
    expect(credence(restoredDb, 'restore', copy, '--force').code).toBe(0);
  }, 120_000);

  it('names a folder that does not exist as the mistake, and records no checkpoint for it', () => {
    const dir = tempDir();
    const db = join(dir, 'live.db');
    expect(credence(db, 'init').code).toBe(0);
    const before = credence(db, 'audit', 'verify').stdout;
    const missing = credence(db, 'backup', join(dir, 'backups', 'copy.db'));
    expect(missing).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('BACKUP_FOLDER_MISSING'),
    });
    expect(missing.stderr).toContain(join(dir, 'backups'));
    expect(credence(db, 'audit', 'verify').stdout).toBe(before);
  }, 60_000);
});
