import type { AuthThrottle, LookupThrottleConfig } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { CredenceError } from '../errors.js';

/** the most keys a counter holds: beyond, the oldest window goes (cycling keys cannot fill memory) */
export const MAX_KEYS = 100_000;

interface Window {
  count: number;
  /** ms since the epoch when the window closes and its count starts again */
  endsAt: number;
}

/**
 * Counts events per key in fixed windows of one length, kept in the process. A window is
 * (re)inserted when it opens, so the map's insertion order is the order windows close in:
 * closed ones are swept from the front, and at MAX_KEYS the oldest open one is dropped.
 */
export class WindowCounter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number,
    private readonly maxKeys = MAX_KEYS,
  ) {}

  /** the key's count in its running window (0 when none) and the whole seconds left of it */
  count(key: string): { count: number; secondsLeft: number } {
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || window.endsAt <= now) return { count: 0, secondsLeft: 0 };
    return {
      count: window.count,
      secondsLeft: Math.max(1, Math.ceil((window.endsAt - now) / 1000)),
    };
  }

  /** counts one event against the key, opening a window where none is running */
  add(key: string): void {
    const now = this.now();
    const window = this.windows.get(key);
    if (window && window.endsAt > now) {
      window.count += 1;
      return;
    }
    this.windows.delete(key);
    for (const [first, w] of this.windows) {
      if (w.endsAt > now && this.windows.size < this.maxKeys) break;
      this.windows.delete(first);
    }
    this.windows.set(key, { count: 1, endsAt: now + this.windowMs });
  }

  /** how many keys are held */
  get size(): number {
    return this.windows.size;
  }
}

/**
 * Counts failed sign-ins per client address and per API-key prefix (the account a key names).
 * Once a key reaches the limit, every sign-in under it is refused until its window closes,
 * right credential or wrong, so that a guesser learns nothing more.
 */
export class SignInThrottle {
  readonly counter: WindowCounter;

  constructor(
    private readonly settings: AuthThrottle,
    now: () => Date,
  ) {
    this.counter = new WindowCounter(settings.windowSeconds * 1000, () => now().getTime());
  }

  /** Refuses with AUTH_THROTTLED (and the seconds to wait) while any of the keys is locked. */
  assertOpen(keys: readonly string[]): void {
    let wait = 0;
    for (const key of keys) {
      const { count, secondsLeft } = this.counter.count(key);
      if (count >= this.settings.failures) wait = Math.max(wait, secondsLeft);
    }
    if (wait > 0)
      throw new CredenceError('AUTH_THROTTLED', `too many failed sign-ins; retry in ${wait} s`, {
        retryAfter: wait,
      });
  }

  /** Counts one failed sign-in against each key. */
  fail(keys: readonly string[]): void {
    for (const key of keys) this.counter.add(key);
  }
}

/** The throttle's keys for a presented credential: the address, and a key's account part. */
export function throttleKeys(ip: string, credential: string | undefined): string[] {
  const keys = [`ip:${ip}`];
  const prefix = /^cred_([^.]{1,64})/.exec(credential ?? '')?.[1];
  if (prefix) keys.push(`key:${prefix}`);
  return keys;
}

/**
 * Public lookups that find no subject, counted per client address (SPEC 4.9): past the limit
 * every lookup of the address waits out the window, a hit as much as a miss, so the limit
 * tells nothing of its own. Each server counts its own.
 */
export class LookupThrottle {
  readonly counter: WindowCounter;

  constructor(
    private readonly config: LookupThrottleConfig,
    clock: Clock,
  ) {
    this.counter = new WindowCounter(config.windowSeconds * 1000, () => clock.now().getTime());
  }

  /** LOOKUP_THROTTLED, with the seconds to wait, while the address has used up its misses */
  check(address: string): void {
    const { count, secondsLeft } = this.counter.count(address);
    if (count < this.config.misses) return;
    throw new CredenceError(
      'LOOKUP_THROTTLED',
      `too many lookups found no subject; retry in ${secondsLeft} s`,
      { retryAfter: secondsLeft },
    );
  }

  /** counts a lookup of the address that found no subject */
  miss(address: string): void {
    this.counter.add(address);
  }
}
