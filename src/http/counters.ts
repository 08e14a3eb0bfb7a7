import { Redis } from 'ioredis';
import type { RedisSettings } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { CredenceError } from '../errors.js';
import { RETRY_AFTER_SECONDS } from './store-outage.js';
import type { CounterWindow, JobStore } from '../store/job-store.js';
import type { WriterPositions } from '../store/store.js';

/** the most keys one window length holds in a process: beyond, the oldest window goes */
export const MAX_KEYS = 100_000;

/**
 * Where the throttles and quotas keep their counts (issue 21): fixed windows per key, counted
 * atomically, so that every process on one store counts against the one limit. Three kinds: this
 * process (one server alone), the database (`rate_counters`, under `serve --workers`) and Redis
 * (CREDENCE_REDIS_URL). All take the time from the server's clock.
 */
export interface Counters {
  readonly kind: 'process' | 'store' | 'redis';
  /** counts `events` against the key, opening a window of `windowMs` where none runs; the window after */
  add(key: string, events: number, windowMs: number): Promise<CounterWindow>;
  /** takes `events` back from the key's window that ends at `endsAt`; another window is left alone */
  subtract(key: string, events: number, endsAt: number): Promise<void>;
  /** the key's running window, or null when none runs */
  read(key: string): Promise<CounterWindow | null>;
  close(): Promise<void>;
}

/**
 * Counts events per key in fixed windows of one length, kept in the process. A window is
 * (re)inserted when it opens, so the map's insertion order is the order windows close in:
 * closed ones are swept from the front, and at MAX_KEYS the oldest open one is dropped.
 */
export class WindowCounter {
  private readonly windows = new Map<string, CounterWindow>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number,
    private readonly maxKeys = MAX_KEYS,
  ) {}

  /** the key's running window, or null */
  read(key: string): CounterWindow | null {
    const window = this.windows.get(key);
    return window && window.endsAt > this.now() ? { ...window } : null;
  }

  /** the key's count in its running window (0 when none) and the whole seconds left of it */
  count(key: string): { count: number; secondsLeft: number } {
    const window = this.read(key);
    return window
      ? { count: window.count, secondsLeft: secondsLeft(window, this.now()) }
      : { count: 0, secondsLeft: 0 };
  }

  /** counts `events` (one by default) against the key, opening a window where none is running */
  add(key: string, events = 1): CounterWindow {
    const now = this.now();
    const window = this.windows.get(key);
    if (window && window.endsAt > now) {
      window.count += events;
      return { ...window };
    }
    this.windows.delete(key);
    for (const [first, w] of this.windows) {
      if (w.endsAt > now && this.windows.size < this.maxKeys) break;
      this.windows.delete(first);
    }
    const opened = { count: events, endsAt: now + this.windowMs };
    this.windows.set(key, opened);
    return { ...opened };
  }

  /** takes `events` back from the key's window ending at `endsAt`, if it is still the one */
  subtract(key: string, events: number, endsAt: number): void {
    const window = this.windows.get(key);
    if (window?.endsAt === endsAt) window.count = Math.max(0, window.count - events);
  }

  /** how many keys are held */
  get size(): number {
    return this.windows.size;
  }
}

/** the whole seconds left of a window at `now`, at least 1 */
export const secondsLeft = (window: CounterWindow, now: number): number =>
  Math.max(1, Math.ceil((window.endsAt - now) / 1000));

/** Counters in this process's memory: one server alone, as before issue 21. */
export class ProcessCounters implements Counters {
  readonly kind = 'process';
  /** one counter per window length (each throttle has its own) */
  private readonly byWindow = new Map<number, WindowCounter>();

  constructor(private readonly clock: Clock) {}

  private counter(windowMs: number): WindowCounter {
    let counter = this.byWindow.get(windowMs);
    if (!counter) {
      counter = new WindowCounter(windowMs, () => this.clock.now().getTime());
      this.byWindow.set(windowMs, counter);
    }
    return counter;
  }

  async add(key: string, events: number, windowMs: number): Promise<CounterWindow> {
    return this.counter(windowMs).add(key, events);
  }

  async subtract(key: string, events: number, endsAt: number): Promise<void> {
    for (const counter of this.byWindow.values()) counter.subtract(key, events, endsAt);
  }

  async read(key: string): Promise<CounterWindow | null> {
    for (const counter of this.byWindow.values()) {
      const window = counter.read(key);
      if (window) return window;
    }
    return null;
  }

  async close(): Promise<void> {}

  /** how many keys are held, over every window length */
  get size(): number {
    let size = 0;
    for (const counter of this.byWindow.values()) size += counter.size;
    return size;
  }
}

/** Counters in the database's `rate_counters`: one atomic statement a count, on both backends. */
export function storeCounters(
  store: Pick<JobStore, 'addToCounter' | 'subtractFromCounter' | 'readCounter'>,
  clock: Clock,
): Counters {
  const now = () => clock.now().getTime();
  return {
    kind: 'store',
    add: (key, events, windowMs) => store.addToCounter(key, events, now(), windowMs),
    subtract: (key, events, endsAt) => store.subtractFromCounter(key, events, endsAt),
    read: (key) => store.readCounter(key, now()),
    close: async () => undefined,
  };
}

/**
 * Adds to the running window (ARGV: events, now, windowMs, the end of a window opened now), or
 * opens one: a hash of the count (c) and the end (e, by the server's clock, as the database keeps
 * it). Redis drops the key by its own clock once the window is over; until then the end decides.
 */
const ADD_SCRIPT = `
local ends = redis.call('HGET', KEYS[1], 'e')
if ends and tonumber(ends) > tonumber(ARGV[2]) then
  return {redis.call('HINCRBY', KEYS[1], 'c', ARGV[1]), ends}
end
redis.call('HSET', KEYS[1], 'c', ARGV[1], 'e', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {tonumber(ARGV[1]), ARGV[4]}
`;

/** Takes back (ARGV: events, endsAt) from the window that ends at endsAt, never below 0. */
const SUBTRACT_SCRIPT = `
if redis.call('HGET', KEYS[1], 'e') ~= ARGV[2] then return 0 end
local left = redis.call('HINCRBY', KEYS[1], 'c', -tonumber(ARGV[1]))
if left < 0 then redis.call('HSET', KEYS[1], 'c', 0) end
return 1
`;

type Scripted = Redis & {
  credenceAdd(
    key: string,
    events: number,
    now: number,
    windowMs: number,
    endsAt: number,
  ): Promise<[number, string]>;
  credenceSubtract(key: string, events: number, endsAt: string): Promise<number>;
};

/** A Redis client that never queues a command while it is disconnected: a count fails at once. */
export function redisClient(url: string, onError: (error: Error) => void = () => undefined) {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  let failing = false;
  client.on('error', (error: Error) => {
    // one line an outage, not one a reconnection attempt
    if (!failing) onError(error);
    failing = true;
  });
  client.on('ready', () => (failing = false));
  client.defineCommand('credenceAdd', { numberOfKeys: 1, lua: ADD_SCRIPT });
  client.defineCommand('credenceSubtract', { numberOfKeys: 1, lua: SUBTRACT_SCRIPT });
  return client as Scripted;
}

/**
 * Counters in Redis (CREDENCE_REDIS_URL), each key under `prefix`: every server on the registry
 * counts against the one limit, without a write to the database per count.
 */
export function redisCounters(client: Redis, prefix: string, clock: Clock): Counters {
  const scripted = client as Scripted;
  const now = () => clock.now().getTime();
  return {
    kind: 'redis',
    async add(key, events, windowMs) {
      const at = now();
      const [count, endsAt] = await scripted.credenceAdd(
        prefix + key,
        events,
        at,
        windowMs,
        at + windowMs,
      );
      return { count: Number(count), endsAt: Number(endsAt) };
    },
    async subtract(key, events, endsAt) {
      await scripted.credenceSubtract(prefix + key, events, String(endsAt));
    },
    async read(key) {
      const [count, endsAt] = await client.hmget(prefix + key, 'c', 'e');
      if (count === null || endsAt === null || Number(endsAt) <= now()) return null;
      return { count: Number(count), endsAt: Number(endsAt) };
    },
    async close() {
      client.disconnect();
    },
  };
}

/**
 * The clients' last write positions in Redis (read-your-writes with hot standbys under several
 * processes): a key a client, dropped by Redis once the lag bound has passed.
 */
export function redisWriterPositions(client: Redis, prefix: string): WriterPositions {
  return {
    async put(id, lsn, forMs) {
      await client.set(`${prefix}writer:${id}`, lsn.toString(), 'PX', forMs);
    },
    async get(id) {
      const [[, lsn], [, leftMs]] = (await client
        .multi()
        .get(`${prefix}writer:${id}`)
        .pttl(`${prefix}writer:${id}`)
        .exec()) as [[unknown, string | null], [unknown, number]];
      return lsn === null || leftMs <= 0 ? null : { lsn: BigInt(lsn), leftMs };
    },
  };
}

/**
 * Counters that fail closed: a count that cannot be read or written is COUNTER_UNAVAILABLE
 * (503, Retry-After), never a pass. `onFailure` hears the cause (the log).
 */
export function failingClosed(counters: Counters, onFailure: (error: unknown) => void): Counters {
  let logged = 0;
  const closed = (error: unknown): never => {
    // a line a minute at most while it lasts: every request meets it
    if (Date.now() - logged >= 60_000) {
      logged = Date.now();
      onFailure(error);
    }
    throw new CredenceError(
      'COUNTER_UNAVAILABLE',
      `the ${counters.kind === 'redis' ? 'Redis server' : 'database'} that keeps the request counters cannot be reached; retry in ${RETRY_AFTER_SECONDS} s`,
      { retryAfter: RETRY_AFTER_SECONDS },
    );
  };
  return {
    kind: counters.kind,
    add: (key, events, windowMs) => counters.add(key, events, windowMs).catch(closed),
    subtract: (key, events, endsAt) => counters.subtract(key, events, endsAt).catch(closed),
    read: (key) => counters.read(key).catch(closed),
    close: () => counters.close(),
  };
}

/**
 * The counters a server counts in: Redis where configured (any number of processes, on one
 * machine or many), else the database when several processes share the store (`serve --workers`),
 * else this process. The shared ones fail closed; a Redis that cannot be reached at start is
 * logged, and counts are refused until it answers.
 */
export async function openCounters(
  settings: { redis: RedisSettings | null; shared: boolean },
  store: Pick<JobStore, 'addToCounter' | 'subtractFromCounter' | 'readCounter'>,
  clock: Clock,
  log: (error: unknown, message: string) => void,
): Promise<{ counters: Counters; positions: WriterPositions | null }> {
  if (settings.redis) {
    const client = redisClient(settings.redis.url, (error) =>
      log(error, 'the Redis server of the request counters cannot be reached'),
    );
    await client.connect().catch(() => undefined);
    const counters = failingClosed(redisCounters(client, settings.redis.prefix, clock), (error) =>
      log(error, 'a request counter in Redis failed: the request is refused'),
    );
    return { counters, positions: redisWriterPositions(client, settings.redis.prefix) };
  }
  if (settings.shared) {
    const counters = failingClosed(storeCounters(store, clock), (error) =>
      log(error, 'a request counter in the database failed: the request is refused'),
    );
    return { counters, positions: null };
  }
  return { counters: new ProcessCounters(clock), positions: null };
}

/** how often a process sends the request limit's local counts to the shared counters */
export const RATE_FLUSH_MS = 100;

/** the most request-limit events a process counts before it sends them: a twentieth of the limit, 1 to 100 */
export const rateBatch = (max: number): number => Math.max(1, Math.min(100, Math.floor(max / 20)));

interface Batched {
  /** the key's count in the shared counters as last heard, this process's sent events included */
  shared: number;
  /** events on their way to the shared counters */
  sending: number;
  /** events counted here and not sent yet */
  pending: number;
  windowMs: number;
  endsAt: number;
  /** the send on its way, if one is */
  flushing: Promise<void> | null;
}

/**
 * The request limit's counts (which fail open: it protects capacity, not persons) kept in the
 * process and sent to the shared counters in the background, every RATE_FLUSH_MS or at once
 * when `batch` events wait, whichever first; a request waits for a send only then. The limit is
 * enforced on the last shared count heard plus the events of this process not in it yet, so
 * each process counts at most `batch` events the others do not see: N processes let at most
 * N × batch requests past the limit in a window. A count that cannot be sent is dropped.
 */
export class BatchedCounts {
  private readonly keys = new Map<string, Batched>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly counters: Counters,
    readonly now: () => number,
    private readonly flushMs = RATE_FLUSH_MS,
    private readonly maxKeys = MAX_KEYS,
  ) {}

  /** counts one event against the key; the count this process knows of and its window */
  async add(key: string, windowMs: number, batch: number): Promise<CounterWindow> {
    const entry = this.entry(key, windowMs);
    entry.pending += 1;
    if (entry.pending >= batch) await this.flush(key, entry);
    else this.schedule();
    return { count: entry.shared + entry.sending + entry.pending, endsAt: entry.endsAt };
  }

  /** the key's count as this process knows it, or null when it knows no running window */
  read(key: string): CounterWindow | null {
    const entry = this.keys.get(key);
    if (!entry || entry.endsAt <= this.now()) return null;
    return { count: entry.shared + entry.sending + entry.pending, endsAt: entry.endsAt };
  }

  /** sends every waiting count (a close sends what is left) */
  async flushAll(): Promise<void> {
    const now = this.now();
    const sends: Array<Promise<void>> = [];
    for (const [key, entry] of this.keys) {
      if (entry.endsAt <= now && !entry.flushing) this.keys.delete(key);
      else if (entry.pending > 0) sends.push(this.flush(key, entry));
    }
    await Promise.all(sends);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flushAll();
  }

  /** the key's entry in its running window: one this process opens, until the shared one is heard */
  private entry(key: string, windowMs: number): Batched {
    const now = this.now();
    const entry = this.keys.get(key);
    if (entry && entry.endsAt > now) return entry;
    // a closed window's unsent events belong to no running window: dropped
    this.keys.delete(key);
    for (const [first, other] of this.keys) {
      if (other.endsAt > now && this.keys.size < this.maxKeys) break;
      this.keys.delete(first);
    }
    const opened: Batched = {
      shared: 0,
      sending: 0,
      pending: 0,
      windowMs,
      endsAt: now + windowMs,
      flushing: null,
    };
    this.keys.set(key, opened);
    return opened;
  }

  /** sends the key's waiting events (after the send on its way), and hears the shared count */
  private async flush(key: string, entry: Batched): Promise<void> {
    while (entry.flushing) await entry.flushing;
    if (entry.pending === 0) return;
    const events = entry.pending;
    entry.pending = 0;
    entry.sending = events;
    entry.flushing = this.counters
      .add(key, events, entry.windowMs)
      .then(
        (window) => {
          entry.shared = window.count;
          entry.endsAt = window.endsAt;
        },
        () => undefined, // fails open: the events are not counted
      )
      .then(() => {
        entry.sending = 0;
        entry.flushing = null;
      });
    await entry.flushing;
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flushAll();
    }, this.flushMs);
    this.timer.unref();
  }
}
