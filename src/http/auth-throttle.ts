import type { AuthThrottle } from '../config.js';
import { CredenceError } from '../errors.js';

interface Window {
  failures: number;
  /** ms since the epoch when the window closes and its count starts again */
  endsAt: number;
}

/** more keys than this and the closed windows are swept out first */
const SWEEP_AT = 10_000;
/** the most keys held: beyond, the oldest go (an attacker cycling keys cannot fill memory) */
const MAX_KEYS = 100_000;

/**
 * Counts failed sign-ins per client address and per API-key prefix (the account a key names)
 * in fixed windows. Once a key reaches the limit, every sign-in under it is refused until its
 * window closes, right credential or wrong, so that a guesser learns nothing more.
 */
export class SignInThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly settings: AuthThrottle,
    private readonly now: () => Date,
  ) {}

  /** Refuses with AUTH_THROTTLED (and the seconds to wait) while any of the keys is locked. */
  assertOpen(keys: readonly string[]): void {
    const now = this.now().getTime();
    let wait = 0;
    for (const key of keys) {
      const window = this.windows.get(key);
      if (window && window.endsAt > now && window.failures >= this.settings.failures)
        wait = Math.max(wait, Math.ceil((window.endsAt - now) / 1000));
    }
    if (wait > 0)
      throw new CredenceError('AUTH_THROTTLED', `too many failed sign-ins; retry in ${wait} s`, {
        retryAfter: wait,
      });
  }

  /** Counts one failed sign-in against each key. */
  fail(keys: readonly string[]): void {
    const now = this.now().getTime();
    if (this.windows.size > SWEEP_AT) this.sweep(now);
    for (const key of keys) {
      const window = this.windows.get(key);
      if (window && window.endsAt > now) window.failures += 1;
      else {
        this.windows.delete(key);
        this.windows.set(key, { failures: 1, endsAt: now + this.settings.windowSeconds * 1000 });
      }
    }
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    // a Map iterates in insertion order: the first keys are the oldest windows
    for (const key of this.windows.keys()) {
      if (this.windows.size <= MAX_KEYS) break;
      this.windows.delete(key);
    }
  }
}

/** The throttle's keys for a presented credential: the address, and a key's account part. */
export function throttleKeys(ip: string, credential: string | undefined): string[] {
  const keys = [`ip:${ip}`];
  const prefix = /^cred_([^.]{1,64})/.exec(credential ?? '')?.[1];
  if (prefix) keys.push(`key:${prefix}`);
  return keys;
}
