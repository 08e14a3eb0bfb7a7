import { CredenceError } from '../errors.js';
import type { Store } from './store.js';

/** Opens the store a URL names: postgres:// or postgresql:// for PostgreSQL, anything else is a SQLite file. */
export async function openStore(url: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { PostgresStore } = await import('./postgres/postgres-store.js');
    return PostgresStore.connect(url);
  }
  if (/^[a-z]+:\/\//i.test(url)) {
    throw new CredenceError('DB_URL_INVALID', `unsupported database URL: ${url}`, { field: 'db' });
  }
  const { SqliteStore } = await import('./sqlite/sqlite-store.js');
  return SqliteStore.open(url.replace(/^sqlite:/, ''));
}
