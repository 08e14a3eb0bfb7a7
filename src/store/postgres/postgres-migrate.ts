import { readdir, readFile } from 'node:fs/promises';
import type { Pool, PoolClient } from 'pg';
import { rekeySubjectsPostgres } from './postgres-rekey.js';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../config.js';

/** Steps in code a migration runs after its SQL, in its transaction (what SQL cannot do). */
export type CodeSteps = Readonly<Record<string, (client: PoolClient) => Promise<void>>>;
const CODE_STEPS: CodeSteps = { '015_person_keys.sql': rekeySubjectsPostgres };

// from the package root, so that the compiled code in dist/ reads the same files as the sources
const MIGRATIONS_DIR = pathToFileURL(
  join(PROJECT_ROOT, 'src', 'store', 'postgres', 'migrations', '/'),
);
// an arbitrary constant: one migration runner at a time per database
const MIGRATION_LOCK = 7_265_481_001;

/** The migration files beside this module, in the order they apply. */
export async function migrationFiles(
  dir: URL = MIGRATIONS_DIR,
): Promise<{ name: string; sql: string }[]> {
  const names = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  return Promise.all(
    names.map(async (name) => ({ name, sql: await readFile(new URL(name, dir), 'utf8') })),
  );
}

/**
 * Applies pending migrations, each in its own transaction, and returns the names applied.
 * Safe on every start: an advisory lock makes concurrent runners take turns.
 */
export async function migratePostgres(
  pool: Pool,
  dir: URL = MIGRATIONS_DIR,
  steps: CodeSteps = CODE_STEPS,
): Promise<string[]> {
  const files = await migrationFiles(dir);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations
         (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = await client.query<{ name: string }>('SELECT name FROM schema_migrations');
    const applied = new Set(done.rows.map((r) => r.name));
    const ran: string[] = [];
    for (const { name, sql } of files) {
      if (applied.has(name)) continue;
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await steps[name]?.(client);
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      ran.push(name);
    }
    return ran;
  } finally {
    // a client that cannot unlock is dropped, so the session lock dies with it
    const unlocked = await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).then(
      () => true,
      () => false,
    );
    client.release(!unlocked);
  }
}
