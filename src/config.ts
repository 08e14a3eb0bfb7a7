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
}

export interface HttpConfig {
  host: string;
  port: number;
  /** HS256 secret for signed tokens; null: a random one per process, so tokens end with it */
  jwtSecret: string | null;
  /** requests per minute per account (per address for the public); 0 turns the limit off */
  rateLimit: number;
  logLevel: string;
  /** public lookups that find no subject, per client address and window, before it waits */
  lookupThrottle: LookupThrottleConfig;
}

/** How many public lookups one address may miss in a window (SPEC 4.9: misses are throttled). */
export interface LookupThrottleConfig {
  misses: number;
  windowSeconds: number;
}

/** the throttle where none is configured: 10 misses in 10 minutes */
export const DEFAULT_LOOKUP_THROTTLE: LookupThrottleConfig = { misses: 10, windowSeconds: 600 };

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
  const lookupMisses = Number(env.CREDENCE_LOOKUP_MISSES ?? DEFAULT_LOOKUP_THROTTLE.misses);
  if (!Number.isInteger(lookupMisses) || lookupMisses < 1 || lookupMisses > 10_000) {
    problems.push('CREDENCE_LOOKUP_MISSES: an integer from 1 to 10000');
  }
  const lookupWindow = Number(env.CREDENCE_LOOKUP_WINDOW ?? DEFAULT_LOOKUP_THROTTLE.windowSeconds);
  if (!Number.isInteger(lookupWindow) || lookupWindow < 1 || lookupWindow > 86_400) {
    problems.push('CREDENCE_LOOKUP_WINDOW: a whole number of seconds from 1 to 86400');
  }
  const jwtSecret = env.CREDENCE_JWT_SECRET || null;
  if (jwtSecret !== null && jwtSecret.length < 32) {
    problems.push('CREDENCE_JWT_SECRET: at least 32 characters');
  }
  const logLevel = env.CREDENCE_LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`CREDENCE_LOG_LEVEL: one of ${LOG_LEVELS.join(', ')}`);
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
    http: {
      host: env.CREDENCE_HOST || '127.0.0.1',
      port,
      jwtSecret,
      rateLimit,
      logLevel,
      lookupThrottle: { misses: lookupMisses, windowSeconds: lookupWindow },
    },
  };
}
