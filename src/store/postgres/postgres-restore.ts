import pg from 'pg';
import { CredenceError } from '../../errors.js';
import { runTool } from './postgres-tools.js';

/** Restores a pg_dump archive (custom format) into a database that holds no tables yet. */
export async function restorePostgres(url: string, backup: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    if ((rows[0]?.n ?? 0) > 0)
      throw new CredenceError(
        'BACKUP_TARGET_EXISTS',
        'the database already holds tables: restore into a new, empty database',
        { field: '--db' },
      );
  } finally {
    await client.end();
  }
  await runTool('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${url}`, backup]);
}
