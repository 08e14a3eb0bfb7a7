import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';

/** A migrated, empty store and the way to throw it away. */
export interface OpenedStore {
  store: Store;
  cleanup(): Promise<void>;
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  open(): Promise<OpenedStore>;
}

export const PG_ADMIN_URL =
  process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** runs one statement on the PostgreSQL server's admin database (creating and dropping test databases) */
export async function onAdmin(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

const sqlite: Backend = {
  name: 'sqlite',
  async open() {
    const dir = await mkdtemp(join(tmpdir(), 'credence-test-'));
    const store = SqliteStore.open(join(dir, 'credence.db'));
    await store.migrate();
    return {
      store,
      async cleanup() {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: Backend = {
  name: 'postgres',
  async open() {
    const database = `credence_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await onAdmin(`CREATE DATABASE ${database}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${database}`;
    let store: Store | undefined;
    const cleanup = async (): Promise<void> => {
      await store?.close();
      await onAdmin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    };
    try {
      store = await PostgresStore.connect(url.toString());
      await store.migrate();
    } catch (error) {
      await cleanup();
      throw error;
    }
    return { store, cleanup };
  },
};

/**
 * Every backend a storage-touching test runs on: `describe.each(BACKENDS)('… on $name', …)`.
 * TEST_BACKENDS=sqlite (comma-separated names) narrows the list, e.g. where no PostgreSQL runs.
 */
export const BACKENDS: Backend[] = [sqlite, postgres].filter(
  (b) => !process.env.TEST_BACKENDS || process.env.TEST_BACKENDS.split(',').includes(b.name),
);

/** Opens a fresh store before each test of the enclosing suite and cleans it up after. */
export function storePerTest(backend: Backend): () => Store {
  let opened: OpenedStore | undefined;
  beforeEach(async () => {
    opened = await backend.open();
  });
  afterEach(async () => {
    await opened?.cleanup();
    opened = undefined;
  });
  return () => {
    if (!opened) throw new Error('the store is open only inside a test');
    return opened.store;
  };
}
