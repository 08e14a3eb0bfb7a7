import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isIP } from 'node:net';
import { CredenceError } from './errors.js';

/** Configuration, read from the environment once at start-up; nothing else reads process.env. */
export interface Config {
  /** a SQLite file path or a postgres:// URL */
  databaseUrl: string;
  /**
   * PostgreSQL hot standbys (DATABASE_READ_URL, comma-separated) that answer the public reads:
   * public views, search, measure checks and public lists; empty: the primary answers all
   */
  databaseReadUrls: string[];
  /** a standby whose replay is more than this behind the primary is skipped (CREDENCE_STANDBY_MAX_LAG_MS) */
  standbyMaxLagMs: number;
  catalogDir: string;
  /** rows per import transaction */
  importBatchSize: number;
  /** how long a server's close waits for running jobs before stopping them at a batch boundary */
  closeGraceMs: number;
  /** how long a claimed job holds without a heartbeat: a dead server's jobs are resumed after it */
  jobLeaseMs: number;
  http: HttpConfig;
  /** PostgreSQL connection limits: an outage or a hung server answers in this time */
  store: {
    connectTimeoutMs: number;
    statementTimeoutMs: number;
    sqliteSynchronous: 'NORMAL' | 'FULL';
    /** readiness fails with less free space than this where the SQLite file lies */
    sqliteMinFreeBytes: number;
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
  /** addresses (CIDR ranges) webhooks may reach although they are loopback, private or internal */
  webhookAllow: string[];
  /** failed sign-ins allowed per client address and per API-key prefix within a window */
  authThrottle: AuthThrottle;
  /** the longest lifetime (exp - iat) a token may have, in seconds */
  tokenMaxSeconds: number;
  /** public lookups that find no subject, per client address and window, before it waits */
  lookupThrottle: LookupThrottleConfig;
  /** screening and reconciliation queries per minute per account, apart from rateLimit; 0: none */
  screeningQueries: number;
  /**
   * where every server process counts the rate limits, throttles and quotas (CREDENCE_REDIS_URL,
   * CREDENCE_REDIS_PREFIX); null: the database under `serve --workers`, else the process itself
   */
  redis: RedisSettings | null;
}

export interface RedisSettings {
  /** redis:// or rediss:// */
  url: string;
  /** put before every key, so that several registries can share one Redis */
  prefix: string;
}

export interface AuthThrottle {
  failures: number;
  windowSeconds: number;
}

/** How many public lookups one address may miss in a window (SPEC 4.9: misses are throttled). */
export interface LookupThrottleConfig {
  misses: number;
  windowSeconds: number;
}

/** What the settings above are when the environment leaves them out. */
export const HTTP_DEFAULTS = {
  webhookAllow: [] as string[],
  authThrottle: { failures: 20, windowSeconds: 300 } as AuthThrottle,
  tokenMaxSeconds: 3600,
  // 10 misses in 10 minutes
  lookupThrottle: { misses: 10, windowSeconds: 600 } as LookupThrottleConfig,
  // 100 batches of 100 a minute: about what one core screens
  screeningQueries: 12_000,
  redis: null as RedisSettings | null,
};

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
  const closeGraceMs = Number(env.CREDENCE_CLOSE_GRACE_MS ?? 30_000);
  if (!Number.isInteger(closeGraceMs) || closeGraceMs < 0 || closeGraceMs > 3_600_000) {
    problems.push('CREDENCE_CLOSE_GRACE_MS: a whole number of milliseconds from 0 to 3600000');
  }
  const jobLeaseMs = Number(env.CREDENCE_JOB_LEASE_MS ?? 30_000);
  if (!Number.isInteger(jobLeaseMs) || jobLeaseMs < 1000 || jobLeaseMs > 600_000) {
    problems.push('CREDENCE_JOB_LEASE_MS: a whole number of milliseconds from 1000 to 600000');
  }
  const port = Number(env.CREDENCE_PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    problems.push('CREDENCE_PORT: an integer from 0 to 65535');
  }
  const rateLimit = Number(env.CREDENCE_RATE_LIMIT ?? 1200);
  if (!Number.isInteger(rateLimit) || rateLimit < 0) {
    problems.push('CREDENCE_RATE_LIMIT: a whole number of requests per minute, 0 for none');
  }
  const lookupMisses = Number(env.CREDENCE_LOOKUP_MISSES ?? HTTP_DEFAULTS.lookupThrottle.misses);
  if (!Number.isInteger(lookupMisses) || lookupMisses < 1 || lookupMisses > 10_000) {
    problems.push('CREDENCE_LOOKUP_MISSES: an integer from 1 to 10000');
  }
  const lookupWindow = Number(
    env.CREDENCE_LOOKUP_WINDOW ?? HTTP_DEFAULTS.lookupThrottle.windowSeconds,
  );
  if (!Number.isInteger(lookupWindow) || lookupWindow < 1 || lookupWindow > 86_400) {
    problems.push('CREDENCE_LOOKUP_WINDOW: a whole number of seconds from 1 to 86400');
  }
  const screeningQueries = Number(env.CREDENCE_SCREENING_QUERIES ?? HTTP_DEFAULTS.screeningQueries);
  if (!Number.isInteger(screeningQueries) || screeningQueries < 0) {
    problems.push(
      'CREDENCE_SCREENING_QUERIES: a whole number of screening queries per minute per account, 0 for none',
    );
  }
  const redisUrl = env.CREDENCE_REDIS_URL || null;
  if (redisUrl !== null && !/^rediss?:\/\/\S+$/.test(redisUrl)) {
    problems.push('CREDENCE_REDIS_URL: a redis:// or rediss:// URL');
  }
  const redisPrefix = env.CREDENCE_REDIS_PREFIX ?? 'credence:';
  if (!/^[\x21-\x7e]{0,64}$/.test(redisPrefix)) {
    problems.push('CREDENCE_REDIS_PREFIX: at most 64 printable ASCII characters, no spaces');
  }
  const jwtSecret = env.CREDENCE_JWT_SECRET || null;
  if (jwtSecret !== null && jwtSecret.length < 32) {
    problems.push('CREDENCE_JWT_SECRET: at least 32 characters');
  }
  const logLevel = env.CREDENCE_LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`CREDENCE_LOG_LEVEL: one of ${LOG_LEVELS.join(', ')}`);
  }
  const webhookAllow = (env.CREDENCE_WEBHOOK_ALLOW ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of webhookAllow) {
    if (!isAddressRange(entry)) {
      problems.push(
        `CREDENCE_WEBHOOK_ALLOW: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8, ::1/128)`,
      );
    }
  }
  const failures = Number(env.CREDENCE_AUTH_FAILURES ?? HTTP_DEFAULTS.authThrottle.failures);
  if (!Number.isInteger(failures) || failures < 1) {
    problems.push('CREDENCE_AUTH_FAILURES: a whole number of failed sign-ins, at least 1');
  }
  const windowSeconds = Number(
    env.CREDENCE_AUTH_WINDOW ?? HTTP_DEFAULTS.authThrottle.windowSeconds,
  );
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1 || windowSeconds > 86_400) {
    problems.push('CREDENCE_AUTH_WINDOW: seconds from 1 to 86400');
  }
  const tokenMaxSeconds = Number(env.CREDENCE_TOKEN_MAX_SECONDS ?? HTTP_DEFAULTS.tokenMaxSeconds);
  if (!Number.isInteger(tokenMaxSeconds) || tokenMaxSeconds < 60 || tokenMaxSeconds > 86_400) {
    problems.push('CREDENCE_TOKEN_MAX_SECONDS: seconds from 60 to 86400');
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
  const minFreeMb = Number(env.CREDENCE_SQLITE_MIN_FREE_MB ?? 64);
  if (!Number.isInteger(minFreeMb) || minFreeMb < 0 || minFreeMb > 1_048_576) {
    problems.push('CREDENCE_SQLITE_MIN_FREE_MB: a whole number of MiB from 0 to 1048576');
  }
  const databaseReadUrls = (env.DATABASE_READ_URL ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of databaseReadUrls) {
    if (!/^postgres(ql)?:\/\//.test(entry))
      problems.push('DATABASE_READ_URL: postgres:// URLs of hot standbys, comma-separated');
  }
  if (
    databaseReadUrls.length > 0 &&
    env.DATABASE_URL &&
    !/^postgres(ql)?:\/\//.test(env.DATABASE_URL)
  )
    problems.push('DATABASE_READ_URL: standbys need a PostgreSQL primary in DATABASE_URL');
  const standbyMaxLagMs = Number(env.CREDENCE_STANDBY_MAX_LAG_MS ?? 5000);
  if (!Number.isInteger(standbyMaxLagMs) || standbyMaxLagMs < 100 || standbyMaxLagMs > 3_600_000) {
    problems.push(
      'CREDENCE_STANDBY_MAX_LAG_MS: a whole number of milliseconds from 100 to 3600000',
    );
  }
  if (problems.length > 0) {
    throw new CredenceError('CONFIG_INVALID', `invalid configuration: ${problems.join('; ')}`, {
      problems,
    });
  }
  return {
    databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE,
    databaseReadUrls,
    standbyMaxLagMs,
    catalogDir: env.CREDENCE_CATALOG || DEFAULT_CATALOG_DIR,
    importBatchSize: batch,
    closeGraceMs,
    jobLeaseMs,
    http: {
      host: env.CREDENCE_HOST || '127.0.0.1',
      port,
      jwtSecret,
      rateLimit,
      logLevel,
      webhookAllow,
      authThrottle: { failures, windowSeconds },
      tokenMaxSeconds,
      lookupThrottle: { misses: lookupMisses, windowSeconds: lookupWindow },
      screeningQueries,
      redis: redisUrl === null ? null : { url: redisUrl, prefix: redisPrefix },
    },
    store: {
      connectTimeoutMs,
      statementTimeoutMs,
      sqliteSynchronous: sqliteSynchronous as 'NORMAL' | 'FULL',
      sqliteMinFreeBytes: minFreeMb * 2 ** 20,
    },
  };
}

/** An IP address, or a CIDR range of one (`10.0.0.0/8`, `fd00::/8`). */
export function isAddressRange(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n <= (family === 4 ? 32 : 128);
}
