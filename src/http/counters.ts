import type { RedisSettings } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { CredenceError } from '../errors.js';
import { RETRY_AFTER_SECONDS } from './store-outage.js';
import type { CounterStore, CounterWindow } from '../store/job-store.js';
import { redisClient, redisCounterStore, redisWriterPositions } from '../store/redis.js';
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

/**
 * Counters shared by every process on the registry: the database's `rate_counters` (one atomic
 * statement a count, on both backends) or Redis. The time is the server's clock.
 */
export function sharedCounters(
  kind: 'store' | 'redis',
  store: CounterStore,
  clock: Clock,
  close: () => void = () => undefined,
): Counters {
  const now = () => clock.now().getTime();
  return {
    kind,
    add: (key, events, windowMs) => store.addToCounter(key, events, now(), windowMs),
    subtract: (key, events, endsAt) => store.subtractFromCounter(key, events, endsAt),
    read: (key) => store.readCounter(key, now()),
    close: async () => close(),
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
  store: CounterStore,
  clock: Clock,
  log: (error: unknown, message: string) => void,
): Promise<{ counters: Counters; positions: WriterPositions | null }> {
  if (settings.redis) {
    const client = redisClient(settings.redis.url, (error) =>
      log(error, 'the Redis server of the request counters cannot be reached'),
    );
    await client.connect().catch(() => undefined);
    const redis = sharedCounters(
      'redis',
      redisCounterStore(client, settings.redis.prefix),
      clock,
      () => client.disconnect(),
    );
    const counters = failingClosed(redis, (error) =>
      log(error, 'a request counter in Redis failed: the request is refused'),
    );
    return { counters, positions: redisWriterPositions(client, settings.redis.prefix) };
  }
  if (settings.shared) {
    const counters = failingClosed(sharedCounters('store', store, clock), (error) =>
      log(error, 'a request counter in the database failed: the request is refused'),
    );
    return { counters, positions: null };
  }
  return { counters: new ProcessCounters(clock), positions: null };
}
