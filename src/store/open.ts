import { CredenceError } from '../errors.js';
import type { DiskCheck } from './sqlite/sqlite-disk.js';
import type { ReadRouting, Store } from './store.js';

/** How a store is opened for the process at hand. */
export interface OpenOptions {
  /**
   * a server answering many reads: a SQLite file is read through a memory map of its first
   * 2 GiB, a page fault where a read would be a system call (the mapped pages read count in
   * the process's resident set); no effect on PostgreSQL
   */
  memoryMap?: boolean;
  /** SQLite: NORMAL (default; a power loss may lose the last transactions) or FULL (an fsync each) */
  synchronous?: 'NORMAL' | 'FULL';
  /** SQLite: how long a write waits for another process's write lock (default 5 s), off the event loop */
  lockWaitMs?: number;
  /** SQLite: readiness fails with less free space than this in the store's directory (none when absent) */
  minFreeBytes?: number;
  /** SQLite: how readiness asks the file system for room (tests inject a full one) */
  disk?: DiskCheck;
  /** PostgreSQL: how long a new connection may take (an outage answers in this time) */
  connectTimeoutMs?: number;
  /** PostgreSQL: how long one statement may run; none when absent (long imports and runs) */
  statementTimeoutMs?: number;
}

/** Opens the store a URL names: postgres:// or postgresql:// for PostgreSQL, anything else is a SQLite file. */
export async function openStore(url: string, options: OpenOptions = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { PostgresStore } = await import('./postgres/postgres-store.js');
    return PostgresStore.connect(url, {
      ...(options.connectTimeoutMs ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
      ...(options.statementTimeoutMs ? { statementTimeoutMs: options.statementTimeoutMs } : {}),
    });
  }
  if (/^[a-z]+:\/\//i.test(url)) {
    throw new CredenceError('DB_URL_INVALID', `unsupported database URL: ${url}`, { field: 'db' });
  }
  const { SqliteStore } = await import('./sqlite/sqlite-store.js');
  return SqliteStore.open(url.replace(/^sqlite:/, ''), options);
}

/**
 * The hot standbys (DATABASE_READ_URL) that answer the public reads of a PostgreSQL primary;
 * a standby down at start is tried again by the routing's probe.
 */
export async function openStandbys(
  primary: Store,
  urls: readonly string[],
  options: { maxLagMs: number; connectTimeoutMs?: number; statementTimeoutMs?: number },
): Promise<ReadRouting> {
  const [{ PostgresStore }, { PostgresStandbys }] = await Promise.all([
    import('./postgres/postgres-store.js'),
    import('./postgres/postgres-standbys.js'),
  ]);
  if (!(primary instanceof PostgresStore)) {
    throw new CredenceError(
      'CONFIG_INVALID',
      'DATABASE_READ_URL: standbys need a PostgreSQL primary (DATABASE_URL or --db postgres://…)',
      { problems: ['DATABASE_READ_URL: standbys need a PostgreSQL primary'] },
    );
  }
  return PostgresStandbys.open(primary, urls, options);
}
