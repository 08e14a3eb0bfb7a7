import { readdirSync, readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { rekeySubjectsSqlite } from './sqlite-rekey.js';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../config.js';

/** Steps in code a migration runs after its SQL, in its transaction (what SQL cannot do). */
export type CodeSteps = Readonly<Record<string, (db: Database) => void>>;
const CODE_STEPS: CodeSteps = { '015_person_keys.sql': rekeySubjectsSqlite };

// from the package root, so that the compiled code in dist/ reads the same files as the sources
const MIGRATIONS_DIR = pathToFileURL(
  join(PROJECT_ROOT, 'src', 'store', 'sqlite', 'migrations', '/'),
);

/** The migration files beside this module, in the order they apply. */
export function migrationFiles(dir: URL = MIGRATIONS_DIR): { name: string; sql: string }[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => ({ name: file, sql: readFileSync(new URL(file, dir), 'utf8') }));
}

/**
 * Applies pending migrations, each in its own transaction, and returns the names applied.
 * Safe on every start: BEGIN IMMEDIATE makes a second process wait, then see the file as applied.
 */
export function migrateSqlite(
  db: Database,
  dir: URL = MIGRATIONS_DIR,
  steps: CodeSteps = CODE_STEPS,
): string[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)',
  );
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE name = ?').pluck();
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  const applied: string[] = [];
  for (const { name, sql } of migrationFiles(dir)) {
    if (isApplied.get(name) !== undefined) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      if (isApplied.get(name) === undefined) {
        db.exec(sql);
        steps[name]?.(db);
        record.run(name, new Date().toISOString());
        applied.push(name);
      }
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }
  return applied;
}
