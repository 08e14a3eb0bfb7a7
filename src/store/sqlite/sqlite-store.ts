import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Connection } from 'better-sqlite3';
import { ReadsDelegate } from '../reads-delegate.js';
import type { Store, StoreReads, StoreTx } from '../store.js';
import { migrateSqlite } from './sqlite-migrate.js';
import { SqliteTx, StatementCache } from './sqlite-tx.js';
import type { TxState } from './sqlite-tx.js';

/**
 * The embedded store: one SQLite file in WAL mode on one synchronous connection.
 * Transactions are serialised by a promise chain; reads outside a transaction go straight
 * to the connection (and so, while a transaction awaits, see its uncommitted writes).
 */
export class SqliteStore extends ReadsDelegate implements Store {
  readonly label: string;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly inTransaction = new AsyncLocalStorage<true>();
  private closed = false;

  private constructor(
    private readonly db: Connection,
    private readonly statements: StatementCache,
    path: string,
  ) {
    super(new SqliteTx(statements));
    this.label = `sqlite:${path}`;
  }

  /** Opens (and creates) the file; call `migrate()` before use. */
  static open(path: string): SqliteStore {
    const file = path === ':memory:' ? path : resolve(path);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file, { timeout: 5000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    return new SqliteStore(db, new StatementCache(db), file);
  }

  // a feed reader must not see (and move its cursor past) a transition that may yet roll back
  // and have its seq reused, so it waits for the open transaction; inside one it reads its own
  override readFeed: StoreReads['readFeed'] = (after, limit) =>
    this.inTransaction.getStore()
      ? this.reads.readFeed(after, limit)
      : this.serialised(() => this.reads.readFeed(after, limit));

  migrate(): Promise<void> {
    return this.serialised(async () => {
      migrateSqlite(this.db);
    });
  }

  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    // a nested call would wait for itself forever on the one connection
    if (this.inTransaction.getStore()) {
      return Promise.reject(new Error('store.transaction() called inside a transaction'));
    }
    return this.serialised(() => this.inTransaction.run(true, () => this.runTransaction(fn)));
  }

  private async runTransaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    const state: TxState = { open: true, failure: null };
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await fn(new SqliteTx(this.statements, state));
      if (state.failure) throw state.failure;
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    } finally {
      state.open = false;
    }
  }

  /** runs `op` after every operation queued before it, whether those succeed or fail */
  private serialised<T>(op: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`${this.label} is closed`));
    const result = this.queue.then(op, op);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const pending = this.queue;
    this.closed = true;
    await pending;
    this.db.close();
  }
}
