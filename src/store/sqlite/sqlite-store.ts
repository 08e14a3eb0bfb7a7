import { AsyncLocalStorage } from 'node:async_hooks';
import { makeDirs } from '../../make-dirs.js';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Connection } from 'better-sqlite3';
import { CredenceError } from '../../errors.js';
import type { OpenOptions } from '../open.js';
import { ReadsDelegate } from '../reads-delegate.js';
import type { SubjectIdKeyCache } from '../subject-rekey.js';
import type { PublicViewStore, Store, StoreReads, StoreTx } from '../store.js';
import { checkDisk, diskFull, fileSystemDisk, isNoSpace, type DiskCheck } from './sqlite-disk.js';
import { migrateSqlite } from './sqlite-migrate.js';
import { SqliteTx, StatementCache } from './sqlite-tx.js';
import type { TxState } from './sqlite-tx.js';
import * as views from './sqlite-views.js';
import * as jobs from './sqlite-jobs.js';
import type { JobStore } from '../job-store.js';

/**
 * how long one statement may wait for another process's lock, blocking the event loop: short,
 * so that a long write from a CLI beside the server does not freeze every request (issue 17)
 */
const BUSY_TIMEOUT_MS = 20;
/** how long a write waits for another process's write lock, in turns off the event loop */
const LOCK_WAIT_MS = 5000;
const MEMORY_MAP_BYTES = 2 ** 31;

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
  /** operations queued or running on `queue` */
  private pending = 0;

  private constructor(
    private readonly db: Connection,
    private readonly statements: StatementCache,
    path: string,
    private readonly lockWaitMs: number,
    private readonly disk: { check: DiskCheck; dir: string | null; minFreeBytes: number },
    private readonly idKey: SubjectIdKeyCache = { key: null },
  ) {
    super(new SqliteTx(statements, null, idKey));
    this.label = `sqlite:${path}`;
  }

  /** Opens (and creates) the file; call `migrate()` before use. */
  static open(path: string, options: OpenOptions = {}): SqliteStore {
    const file = path === ':memory:' ? path : resolve(path);
    let db: Connection;
    try {
      if (file !== ':memory:') makeDirs(dirname(file));
      db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
      // WAL writes beside the file: a folder that cannot be written fails here, not at the first write
      db.pragma('journal_mode = WAL');
    } catch (error) {
      throw new CredenceError(
        'DB_PATH_UNWRITABLE',
        `cannot create or open the database file ${file} (${(error as Error).message}): give --db a path in a folder you can write, or set DATABASE_URL`,
        { field: 'db' },
      );
    }
    db.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    // SQLite caps the map at its build's limit (2 GiB for better-sqlite3's)
    if (options.memoryMap) db.pragma(`mmap_size = ${MEMORY_MAP_BYTES}`);
    return new SqliteStore(db, new StatementCache(db), file, options.lockWaitMs ?? LOCK_WAIT_MS, {
      check: options.disk ?? fileSystemDisk,
      dir: file === ':memory:' ? null : dirname(file),
      minFreeBytes: options.minFreeBytes ?? 0,
    });
  }

  // a read that answers, and room on the disk for the next writes
  async ready(): Promise<void> {
    await this.getSubject('sub_readiness_probe');
    if (this.disk.dir) await checkDisk(this.disk.check, this.disk.dir, this.disk.minFreeBytes);
  }

  // a feed reader must not see (and move its cursor past) a transition that may yet roll back
  // and have its seq reused, so it waits for the open transaction; inside one it reads its own
  override readFeed: StoreReads['readFeed'] = (after, limit) =>
    this.inTransaction.getStore()
      ? this.reads.readFeed(after, limit)
      : this.serialised(() => this.reads.readFeed(after, limit));

  // a plain read: while a transaction of this connection awaits, it sees that one's writes (and
  // the rows its triggers cleared), like every read here
  readPublicView: PublicViewStore['readPublicView'] = async (key, stamp) =>
    views.readPublicView(this.statements, key, stamp);

  scanViewless: PublicViewStore['scanViewless'] = async (stamp, afterId, limit) =>
    views.scanViewless(this.statements, stamp, afterId, limit);

  // BEGIN IMMEDIATE takes the write lock before the first read, so no writer, in this process or
  // another, can change a file between its read and its save. A view never waits for a writer:
  // with a transaction of this store queued or open, or the lock held elsewhere, it answers null
  renderPublicViews: PublicViewStore['renderPublicViews'] = (keys, stamp, render) => {
    if (this.pending > 0 || this.inTransaction.getStore()) return Promise.resolve(null);
    return this.serialised(async () => {
      if (!this.beginAtOnce()) return null;
      return this.inTransaction.run(true, () =>
        this.runTransaction(
          (tx) => views.renderAndSave(this.statements, tx, keys, stamp, render),
          true,
        ),
      );
    });
  };

  hasViewPass: PublicViewStore['hasViewPass'] = async (stamp) =>
    views.hasViewPass(this.statements, stamp);

  recordViewPass: PublicViewStore['recordViewPass'] = (stamp, at) =>
    this.serialised(async () => {
      // a writer holds the store: the next pass records it
      if (!this.beginAtOnce()) return;
      await this.inTransaction.run(true, () =>
        this.runTransaction(async () => views.recordViewPass(this.statements, stamp, at), true),
      );
    });

  // a job's writes are short transactions of their own, queued with this store's others
  private write<T>(op: () => T): Promise<T> {
    return this.transaction(async () => op());
  }

  insertJob: JobStore['insertJob'] = (job, input) =>
    this.write(() => jobs.insertJob(this.statements, job, input));
  getJob: JobStore['getJob'] = async (id) => jobs.getJob(this.statements, id);
  jobInput: JobStore['jobInput'] = async (id) => jobs.jobInput(this.statements, id);
  claimJob: JobStore['claimJob'] = (kinds, owner, now, leaseMs) =>
    this.write(() =>
      jobs.claimJob(this.statements, kinds, owner, now, leaseMs, new Date(now).toISOString()),
    );
  renewJobLease: JobStore['renewJobLease'] = (id, owner, until) =>
    this.write(() => jobs.renewJobLease(this.statements, id, owner, until));
  finishJob: JobStore['finishJob'] = (id, owner, end) =>
    this.write(() => jobs.finishJob(this.statements, id, owner, end));
  jobReport: JobStore['jobReport'] = async (id) => jobs.jobReport(this.statements, id);
  takeLease: JobStore['takeLease'] = (name, owner, now, until) =>
    this.write(() => jobs.takeLease(this.statements, name, owner, now, until));
  releaseLease: JobStore['releaseLease'] = (name, owner) =>
    this.write(() => jobs.releaseLease(this.statements, name, owner));
  addToCounter: JobStore['addToCounter'] = (key, events, now, windowMs) =>
    this.write(() => jobs.addToCounter(this.statements, key, events, now, windowMs));
  subtractFromCounter: JobStore['subtractFromCounter'] = (key, events, endsAt) =>
    this.write(() => jobs.subtractFromCounter(this.statements, key, events, endsAt));
  readCounter: JobStore['readCounter'] = async (key, now) =>
    jobs.readCounter(this.statements, key, now);
  sweepCounters: JobStore['sweepCounters'] = (now) =>
    this.write(() => jobs.sweepCounters(this.statements, now));

  migrate(): Promise<void> {
    return this.serialised(async () => {
      // at start-up a second process may simply wait its turn: nothing is served yet
      this.db.pragma(`busy_timeout = ${this.lockWaitMs}`);
      try {
        migrateSqlite(this.db);
      } finally {
        this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      }
      // a migration may have drawn the key: read it once now, for every write after
      this.idKey.key = null;
      await this.reads.subjectIdKey();
    });
  }

  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    // a nested call would wait for itself forever on the one connection
    if (this.inTransaction.getStore()) {
      return Promise.reject(new Error('store.transaction() called inside a transaction'));
    }
    return this.serialised(() => this.inTransaction.run(true, () => this.runTransaction(fn)));
  }

  /** runs `fn` in a write transaction: begun here, or already by the caller */
  private async runTransaction<T>(fn: (tx: StoreTx) => Promise<T>, begun = false): Promise<T> {
    const state: TxState = { open: true, failure: null };
    if (!begun) await this.beginWhenFree();
    try {
      const result = await fn(new SqliteTx(this.statements, state, this.idKey));
      if (state.failure) throw state.failure;
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      // a write refused for want of space is the store's state, answered 503, not a bug
      if (isNoSpace(error)) throw diskFull('a write was refused for want of space', error);
      throw error;
    } finally {
      state.open = false;
    }
  }

  /**
   * BEGIN IMMEDIATE, waiting for another process's write lock in short turns with timers between
   * them, so requests that need no lock go on meanwhile; STORE_BUSY once `lockWaitMs` is over
   */
  private async beginWhenFree(): Promise<void> {
    const until = Date.now() + this.lockWaitMs;
    for (let pause = 5; ; pause = Math.min(pause * 2, 200)) {
      try {
        this.db.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'SQLITE_BUSY') throw error;
        if (Date.now() >= until)
          throw new CredenceError(
            'STORE_BUSY',
            `another process has held the write lock of ${this.label} for ${this.lockWaitMs} ms`,
          );
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  /** BEGIN IMMEDIATE without waiting: false where another connection holds the write lock */
  private beginAtOnce(): boolean {
    this.db.pragma('busy_timeout = 0');
    try {
      this.db.exec('BEGIN IMMEDIATE');
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return false;
      throw error;
    } finally {
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }

  /** runs `op` after every operation queued before it, whether those succeed or fail */
  private serialised<T>(op: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`${this.label} is closed`));
    this.pending += 1;
    const result = this.queue.then(op, op);
    this.queue = result.then(
      () => void (this.pending -= 1),
      () => void (this.pending -= 1),
    );
    return result;
  }

  // SQLite's online backup API; all pages in one step, so a writer of another process cannot
  // make it start over, and queued behind this store's transactions, so none is half in it
  backup(destination: string): Promise<void> {
    return this.serialised(async () => {
      await this.db.backup(destination, { progress: () => 0x7fffffff });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const pending = this.queue;
    this.closed = true;
    await pending;
    this.db.close();
  }
}
