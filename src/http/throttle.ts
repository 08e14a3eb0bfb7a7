import type { AuthThrottle, LookupThrottleConfig } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { CredenceError } from '../errors.js';
import { MAX_KEYS, secondsLeft, type Counters } from './counters.js';

/**
 * Counts failed sign-ins per client address and per API-key prefix (the account a key names).
 * Once a key reaches the limit, every sign-in under it is refused until its window closes,
 * right credential or wrong, so that a guesser learns nothing more.
 */
export class SignInThrottle {
  private readonly windowMs: number;

  constructor(
    private readonly settings: AuthThrottle,
    private readonly counters: Counters,
    private readonly clock: Clock,
  ) {
    this.windowMs = settings.windowSeconds * 1000;
  }

  /** Refuses with AUTH_THROTTLED (and the seconds to wait) while any of the keys is locked. */
  async assertOpen(keys: readonly string[]): Promise<void> {
    const windows = await Promise.all(keys.map((key) => this.counters.read(`sign-in:${key}`)));
    const now = this.clock.now().getTime();
    let wait = 0;
    for (const window of windows)
      if (window && window.count >= this.settings.failures)
        wait = Math.max(wait, secondsLeft(window, now));
    if (wait > 0)
      throw new CredenceError('AUTH_THROTTLED', `too many failed sign-ins; retry in ${wait} s`, {
        retryAfter: wait,
      });
  }

  /** Counts one failed sign-in against each key. */
  async fail(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.counters.add(`sign-in:${key}`, 1, this.windowMs)));
  }
}

/** The throttle's keys for a presented credential: the address, and a key's account part. */
export function throttleKeys(ip: string, credential: string | undefined): string[] {
  const keys = [`ip:${ip}`];
  const prefix = /^cred_([^.]{1,64})/.exec(credential ?? '')?.[1];
  if (prefix) keys.push(`key:${prefix}`);
  return keys;
}

/** how long a process takes an address for clear of the lookup-miss throttle without asking again */
export const LOOKUP_CLEAR_MS = 1000;

/**
 * Public lookups that find no subject, counted per client address (SPEC 4.9): past the limit
 * every lookup of the address waits out the window, a hit as much as a miss, so the limit
 * tells nothing of its own. Every process counts in the one store of counters.
 *
 * With shared counters a process remembers, for LOOKUP_CLEAR_MS at most, that an address had no
 * miss in its window, so that a hit of such an address (the common lookup) reads nothing shared;
 * an address with misses is read at every lookup, and every miss is counted in the shared store
 * at once and ends what this process remembered. Another process's misses therefore lock the
 * address here within LOOKUP_CLEAR_MS, and meanwhile this process answers at most one more
 * miss of it.
 */
export class LookupThrottle {
  /** address → until when it is taken for clear (insertion order: the oldest first) */
  private readonly clear = new Map<string, number>();

  constructor(
    private readonly config: LookupThrottleConfig,
    private readonly counters: Counters,
    private readonly clock: Clock,
    private readonly maxKeys = MAX_KEYS,
  ) {}

  /** LOOKUP_THROTTLED, with the seconds to wait, while the address has used up its misses */
  async check(address: string): Promise<void> {
    const now = this.clock.now().getTime();
    if ((this.clear.get(address) ?? 0) > now) return;
    const window = await this.counters.read(`lookup:${address}`);
    if (!window || window.count === 0) return this.remember(address, now);
    if (window.count < this.config.misses) return;
    const wait = secondsLeft(window, now);
    throw new CredenceError(
      'LOOKUP_THROTTLED',
      `too many lookups found no subject; retry in ${wait} s`,
      { retryAfter: wait },
    );
  }

  /** counts a lookup of the address that found no subject */
  async miss(address: string): Promise<void> {
    this.clear.delete(address);
    await this.counters.add(`lookup:${address}`, 1, this.config.windowSeconds * 1000);
  }

  /** takes the address for clear a while: only with shared counters (the process's cost no read) */
  private remember(address: string, now: number): void {
    if (this.counters.kind === 'process') return;
    this.clear.delete(address);
    for (const [first, until] of this.clear) {
      if (until > now && this.clear.size < this.maxKeys) break;
      this.clear.delete(first);
    }
    this.clear.set(address, now + LOOKUP_CLEAR_MS);
  }
}
