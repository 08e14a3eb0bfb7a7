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
  http: HttpConfig;
  /** PostgreSQL connection limits: an outage or a hung server answers in this time */
  store: {
    connectTimeoutMs: number;
    statementTimeoutMs: number;
    sqliteSynchronous: 'NORMAL' | 'FULL';
  };
}

export interface HttpConfig {
  host: string;
  port: number;
  /** HS256 secret for signed tokens; null: a random one per process, so tokens end with it */
  jwtSecret: string | null;
  /** requests per minute per account (per address for the public); 0 turns the limit off */
  rateLimit: number;
  logLevel: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_CATALOG_DIR = join(PROJECT_ROOT, 'catalogs', 'default');
export const DEFAULT_DATABASE = join(PROJECT_ROOT, '.data', 'credence.db');

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const batch = Number(env.CREDENCE_IMPORT_BATCH ?? 1000);
  if (!Number.isInteger(batch) || batch < 1 || batch > 100_000) {
    problems.push('CREDENCE_IMPORT_BATCH: an integer from 1 to 100000');
  }
  const port = Number(env.CREDENCE_PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    problems.push('CREDENCE_PORT: an integer from 0 to 65535');
  }
  const rateLimit = Number(env.CREDENCE_RATE_LIMIT ?? 1200);
  if (!Number.isInteger(rateLimit) || rateLimit < 0) {
    problems.push('CREDENCE_RATE_LIMIT: a whole number of requests per minute, 0 for none');
  }
  const jwtSecret = env.CREDENCE_JWT_SECRET || null;
  if (jwtSecret !== null && jwtSecret.length < 32) {
    problems.push('CREDENCE_JWT_SECRET: at least 32 characters');
  }
  const logLevel = env.CREDENCE_LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`CREDENCE_LOG_LEVEL: one of ${LOG_LEVELS.join(', ')}`);
  }
  const connectTimeoutMs = Number(env.CREDENCE_PG_CONNECT_TIMEOUT_MS ?? 5000);
  if (!Number.isInteger(connectTimeoutMs) || connectTimeoutMs < 100) {
    problems.push('CREDENCE_PG_CONNECT_TIMEOUT_MS: a whole number of milliseconds, at least 100');
  }
  const statementTimeoutMs = Number(env.CREDENCE_PG_STATEMENT_TIMEOUT_MS ?? 20_000);
  if (!Number.isInteger(statementTimeoutMs) || statementTimeoutMs < 0) {
    problems.push('CREDENCE_PG_STATEMENT_TIMEOUT_MS: a whole number of milliseconds, 0 for none');
  }
  const sqliteSynchronous = env.CREDENCE_SQLITE_SYNCHRONOUS ?? 'NORMAL';
  if (sqliteSynchronous !== 'NORMAL' && sqliteSynchronous !== 'FULL') {
    problems.push('CREDENCE_SQLITE_SYNCHRONOUS: NORMAL or FULL');
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
    http: { host: env.CREDENCE_HOST || '127.0.0.1', port, jwtSecret, rateLimit, logLevel },
    store: {
      connectTimeoutMs,
      statementTimeoutMs,
      sqliteSynchronous: sqliteSynchronous as 'NORMAL' | 'FULL',
    },
  };
}
