import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CredenceError } from './errors.js';

/** Configuration, read from the environment once at start-up; nothing else reads process.env. */
export interface Config {
  /** a SQLite file path or a postgres:// URL */
  databaseUrl: string;
  catalogDir: string;
  /** rows per import transaction */
  importBatchSize: number;
}

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_CATALOG_DIR = join(PROJECT_ROOT, 'catalogs', 'default');
export const DEFAULT_DATABASE = join(PROJECT_ROOT, '.data', 'credence.db');

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const batch = Number(env.CREDENCE_IMPORT_BATCH ?? 1000);
  if (!Number.isInteger(batch) || batch < 1 || batch > 100_000) {
    problems.push('CREDENCE_IMPORT_BATCH: an integer from 1 to 100000');
  }
  if (problems.length > 0) {
    throw new CredenceError('CONFIG_INVALID', `invalid configuration: ${problems.join('; ')}`, {
      problems,
    });
  }
  return {
    databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE,
    catalogDir: env.CREDENCE_CATALOG || DEFAULT_CATALOG_DIR,
    importBatchSize: batch,
  };
}
