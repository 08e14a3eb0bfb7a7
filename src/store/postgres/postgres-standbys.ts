import { Counter, Gauge } from 'prom-client';
import { isCredenceError } from '../../errors.js';
import { ReadsDelegate } from '../reads-delegate.js';
import type { ReadRouting, StandbyLog, Store, StoreReads, WriterPositions } from '../store.js';
import { PostgresStore } from './postgres-store.js';

/** How the standbys are reached and how far behind one may be. */
export interface StandbyOptions {
  /** a standby further behind the primary than this is skipped (CREDENCE_STANDBY_MAX_LAG_MS) */
  maxLagMs: number;
  /** how often the primary's and the standbys' WAL positions are read (default: a quarter of the bound, 100 ms to 1 s) */
  probeMs?: number;
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
  /** the clock the lag is measured by (tests) */
  now?: () => number;
}

type StandbyState = 'up' | 'lagging' | 'down';

interface Standby {
  /** host:port, for metrics and log lines (no credentials) */
  name: string;
  store: PostgresStore;
  /** the primary's store with this standby's reads in it */
  reading: Store;
  state: StandbyState;
  /** why it is down, for the log */
  why?: string | undefined;
  /** the last WAL position it has replayed, as last probed */
  replayed: bigint;
  /** the latest time at which the primary's WAL position was one the standby has replayed */
  freshAt: number;
}

/** A time at which the primary's WAL was at `lsn` (read just after `at`). */
interface Sample {
  at: number;
  lsn: bigint;
}

/** The reads a standby can answer: every read of StoreReads, and the saved public views. */
const STANDBY_READS = new Set([
  ...Object.entries(
    new (class extends ReadsDelegate {
      constructor() {
        super({} as StoreReads);
      }
    })(),
  )
    .filter(([, value]) => typeof value === 'function')
    .map(([name]) => name),
  'readPublicView',
]);

/** Clients whose reads the routing remembers at most (the oldest are forgotten first). */
const MAX_WRITERS = 100_000;
/** past any position: a client whose write position is unknown reads the primary */
const UNKNOWN_POSITION = BigInt(Number.MAX_SAFE_INTEGER) ** 2n;

/**
 * Hot standbys for the public reads (issue 21). A probe reads the primary's WAL position and each
 * standby's replay position every `probeMs`; a standby's lag is how long ago the primary last
 * stood at a position the standby has replayed (clock of this process only: no clock skew). A
 * read picks a standby in turn that is up, within the bound and, for a client that wrote, past
 * that write; else the primary answers.
 *
 * Read-your-writes: after a client's request that may write, the primary's WAL position W is
 * kept for the client for `maxLagMs`. While kept, a standby serves it only once replayed past W.
 * Afterwards any standby within the bound has replayed a position the primary held after W was
 * read, so past W too: a client never reads older than its own write.
 */
export class PostgresStandbys implements ReadRouting {
  private readonly standbys: Standby[];
  private samples: Sample[] = [];
  private readonly writers = new Map<string, { lsn: bigint; until: number }>();
  private next = 0;
  private timer: NodeJS.Timeout | undefined;
  private probing: Promise<void> | null = null;
  private log: StandbyLog | null = null;
  private shared: WriterPositions | null = null;
  private readonly now: () => number;
  private readonly probeMs: number;
  private readonly reads: Counter<'standby'>;
  private readonly skipped: Counter<'standby' | 'reason'>;
  private readonly held: Counter;
  private readonly lag: Gauge<'standby'>;
  readonly metrics;

  private constructor(
    private readonly primary: PostgresStore,
    stores: Array<{ name: string; store: PostgresStore }>,
    private readonly options: StandbyOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.probeMs = options.probeMs ?? Math.min(1000, Math.max(100, options.maxLagMs / 4));
    this.standbys = stores.map(({ name, store }) => ({
      name,
      store,
      reading: readingFrom(store, primary, (error) => this.failed(name, error)),
      state: 'down',
      why: 'down (not reached yet)',
      replayed: -1n,
      freshAt: -Infinity,
    }));
    this.reads = new Counter({
      name: 'credence_standby_reads_total',
      help: 'Requests whose reads a hot standby answered, by standby',
      labelNames: ['standby'],
      registers: [],
    });
    this.skipped = new Counter({
      name: 'credence_standby_skipped_total',
      help: 'Requests that skipped a standby, by standby and why: down, or lagging past CREDENCE_STANDBY_MAX_LAG_MS',
      labelNames: ['standby', 'reason'],
      registers: [],
    });
    this.held = new Counter({
      name: 'credence_standby_writer_reads_total',
      help: 'Requests read on the primary because their client wrote what no fresh standby has replayed yet',
      registers: [],
    });
    const lagOf = (s: Standby) => this.lagMs(s);
    const standbys = this.standbys;
    this.lag = new Gauge({
      name: 'credence_standby_lag_seconds',
      help: 'How far each standby is behind the primary, as last probed',
      labelNames: ['standby'],
      registers: [],
      collect() {
        for (const s of standbys) {
          const ms = lagOf(s);
          this.set({ standby: s.name }, Number.isFinite(ms) ? ms / 1000 : -1);
        }
      },
    });
    this.metrics = [this.reads, this.skipped, this.held, this.lag] as const;
  }

  /** Connects to each standby (one that is down now is tried again by the probe) and probes once. */
  static async open(
    primary: PostgresStore,
    urls: readonly string[],
    options: StandbyOptions,
  ): Promise<PostgresStandbys> {
    const stores = await Promise.all(
      urls.map(async (url) => ({
        name: hostOf(url),
        store: await PostgresStore.connect(url, {
          probe: false,
          ...(options.connectTimeoutMs ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
          ...(options.statementTimeoutMs ? { statementTimeoutMs: options.statementTimeoutMs } : {}),
        }),
      })),
    );
    const standbys = new PostgresStandbys(primary, stores, options);
    await standbys.probe();
    standbys.timer = setInterval(() => void standbys.probe(), standbys.probeMs);
    standbys.timer.unref();
    return standbys;
  }

  /** from now on the log has a line per change of a standby's state; first, each one's state now */
  attach(log: StandbyLog): void {
    this.log = log;
    for (const s of this.standbys) this.report(s, s.state, s.why);
  }

  readsFor(client: string | null): Store {
    const now = this.now();
    let writer = client === null ? undefined : this.writers.get(client);
    if (writer && writer.until <= now) {
      this.writers.delete(client!);
      writer = undefined;
    }
    let heldBack = false;
    for (let i = 0; i < this.standbys.length; i++) {
      const s = this.standbys[(this.next + i) % this.standbys.length]!;
      if (s.state === 'down') {
        this.skipped.inc({ standby: s.name, reason: 'down' });
        continue;
      }
      if (this.lagMs(s) > this.options.maxLagMs) {
        this.skipped.inc({ standby: s.name, reason: 'lag' });
        this.changed(s, 'lagging');
        continue;
      }
      if (writer && s.replayed < writer.lsn) {
        heldBack = true;
        continue;
      }
      this.next = (this.next + i + 1) % this.standbys.length;
      this.reads.inc({ standby: s.name });
      return s.reading;
    }
    if (heldBack) this.held.inc();
    return this.primary;
  }

  async wrote(client: string): Promise<void> {
    // a position that cannot be read holds the client on the primary for the whole bound
    const lsn = await this.primary.walPosition().catch(() => UNKNOWN_POSITION);
    this.remember(client, lsn, this.now() + this.options.maxLagMs);
    // one the other processes cannot learn holds the client on the primary in each, as above
    await this.shared
      ?.put(client, lsn, this.options.maxLagMs)
      .catch(() => this.remember(client, UNKNOWN_POSITION, this.now() + this.options.maxLagMs));
  }

  share(shared: WriterPositions): void {
    this.shared = shared;
  }

  async recall(client: string): Promise<void> {
    if (!this.shared) return;
    const known = await this.shared
      .get(client)
      // a memory that cannot be read: the client reads the primary, which is never behind
      .catch(() => ({ lsn: UNKNOWN_POSITION, leftMs: this.options.maxLagMs }));
    if (!known) return;
    const mine = this.writers.get(client);
    const until = this.now() + known.leftMs;
    if (mine && mine.lsn >= known.lsn && mine.until >= until) return;
    this.remember(
      client,
      mine && mine.lsn > known.lsn ? mine.lsn : known.lsn,
      Math.max(until, mine?.until ?? 0),
    );
  }

  private remember(client: string, lsn: bigint, until: number): void {
    this.writers.delete(client);
    if (this.writers.size >= MAX_WRITERS) {
      const oldest = this.writers.keys().next();
      if (!oldest.done) this.writers.delete(oldest.value);
    }
    this.writers.set(client, { lsn, until });
  }

  /** Reads the primary's position, then each standby's; one probe at a time. */
  probe(): Promise<void> {
    this.probing ??= this.look().finally(() => (this.probing = null));
    return this.probing;
  }

  private async look(): Promise<void> {
    const at = this.now();
    try {
      this.samples.push({ at, lsn: await this.primary.walPosition() });
    } catch {
      // the primary out of reach: no new sample, so the standbys' lag grows until it is back
    }
    // a sample older than the bound tells nothing a newer one does not, but the newest is kept
    const horizon = at - this.options.maxLagMs - 2 * this.probeMs;
    while (this.samples.length > 1 && this.samples[0]!.at < horizon) this.samples.shift();
    await Promise.all(
      this.standbys.map(async (s) => {
        let replayed: bigint | null;
        try {
          replayed = await s.store.replayPosition();
        } catch (error) {
          this.failed(s.name, error);
          return;
        }
        if (replayed === null) {
          this.changed(s, 'down', 'not a standby (not in recovery): skipped');
          return;
        }
        s.replayed = replayed;
        for (let i = this.samples.length - 1; i >= 0; i--) {
          const sample = this.samples[i]!;
          if (sample.lsn <= replayed) {
            s.freshAt = Math.max(s.freshAt, sample.at);
            break;
          }
        }
        this.changed(s, this.lagMs(s) > this.options.maxLagMs ? 'lagging' : 'up');
      }),
    );
  }

  private lagMs(s: Standby): number {
    return Math.max(0, this.now() - s.freshAt);
  }

  /** a read on the standby, or its probe, found it out of reach */
  private failed(name: string, error: unknown): void {
    const s = this.standbys.find((x) => x.name === name);
    const cause = isCredenceError(error) ? error.detail.cause : String(error);
    if (s)
      this.changed(
        s,
        'down',
        `down (${String(cause)}): reads go to the primary or another standby`,
      );
  }

  /** one log line per change of a standby's state */
  private changed(s: Standby, state: StandbyState, why?: string): void {
    if (s.state === state) {
      s.why = why ?? s.why;
      return;
    }
    const was = s.state;
    s.state = state;
    s.why = why;
    this.report(s, was, why);
  }

  private report(s: Standby, was: StandbyState, why: string | undefined): void {
    const { state } = s;
    const lagMs = this.lagMs(s);
    const detail = { standby: s.name, was, state, lagMs: Number.isFinite(lagMs) ? lagMs : null };
    if (state === 'up') this.log?.info(detail, `standby ${s.name} answering reads`);
    else if (state === 'lagging')
      this.log?.warn(
        detail,
        `standby ${s.name} lags past ${this.options.maxLagMs} ms: skipped until it catches up`,
      );
    else this.log?.warn(detail, `standby ${s.name} ${why ?? 'down'}`);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.probing?.catch(() => undefined);
    await Promise.all(this.standbys.map((s) => s.store.close()));
  }
}

/**
 * The primary's store, but its reads answered by the standby: a read the standby fails (out of
 * reach, hung) is read again on the primary. Writes, transactions and the view saves are the
 * primary's.
 */
function readingFrom(standby: Store, primary: Store, failed: (error: unknown) => void): Store {
  return new Proxy(primary, {
    get(target, name, receiver) {
      const own: unknown = Reflect.get(target, name, receiver);
      if (typeof name !== 'string' || !STANDBY_READS.has(name) || typeof own !== 'function')
        return own;
      const read = (standby as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[
        name
      ]!;
      return (...args: unknown[]) =>
        read(...args).catch((error: unknown) => {
          if (!isOutage(error) && !isRecoveryConflict(error)) throw error;
          failed(error);
          return (own as (...args: unknown[]) => Promise<unknown>)(...args);
        });
    },
  });
}

const isOutage = (error: unknown): boolean =>
  isCredenceError(error) &&
  (error.code === 'STORE_UNAVAILABLE' || error.code === 'REQUEST_TIMEOUT');

/** a standby cancels a read that conflicts with the WAL it replays (SQLSTATE 40001) */
const isRecoveryConflict = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code === '40001' &&
  /conflict with recovery/i.test(String((error as { message?: unknown }).message));

function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}`;
  } catch {
    return 'standby';
  }
}
