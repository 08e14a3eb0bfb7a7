import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { CredenceError } from '../errors.js';

/**
 * Puts a backup in place of the store a URL names (issue 17): a SQLite copy is written beside the
 * file and renamed over it (no server may have it open); a pg_dump archive is restored into an
 * empty PostgreSQL database. The caller opens the store afterwards and verifies its audit chain.
 */
export async function restoreBackup(url: string, backup: string, force: boolean): Promise<void> {
  if (!existsSync(backup))
    throw new CredenceError('BACKUP_INVALID', `no backup file ${backup}`, { field: 'backup' });
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { restorePostgres } = await import('./postgres/postgres-restore.js');
    return restorePostgres(url, backup);
  }
  const target = resolve(url.replace(/^sqlite:/, ''));
  if (existsSync(target) && !force)
    throw new CredenceError(
      'BACKUP_TARGET_EXISTS',
      `${target} exists: stop every process using it, then restore with --force`,
      { field: '--db' },
    );
  const staged = `${target}.restoring`;
  rmSync(staged, { force: true });
  let source: Database.Database;
  try {
    source = new Database(backup, { readonly: true, fileMustExist: true });
    source.pragma('schema_version');
  } catch (error) {
    throw new CredenceError('BACKUP_INVALID', `${backup} is not a SQLite store: ${String(error)}`, {
      field: 'backup',
    });
  }
  try {
    await source.backup(staged, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  // the old file's journal must not be replayed onto the restored one
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(staged, target);
}
